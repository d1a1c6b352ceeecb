/**
 * @module project-state
 * Between what the user has on screen (files, request draft) and what a link
 * or a saved project carries: only what differs from a new project is kept.
 */
import {
  defaultDraft,
  newBoundary,
  rowId,
  type FileData,
  type RequestDraft,
  type Row,
} from "../request/draft.ts";
import { bytesToRawText, rawTextToBytes } from "../request/raw-text.ts";
import { DEFAULT_APP, DEFAULT_PYTHON_APP } from "../state/default-app.ts";
import type { SharedProject } from "./share-codec";
import type { ServerChoice } from "../servers/choice";

/** The editable part of a project. */
export interface ProjectContent {
  files: Record<string, string>;
  entry: string;
  draft: RequestDraft;
  /** The server a Python project is served by (absent: the one its code starts). */
  server?: ServerChoice;
}

/** A new project in `language`: its hello world and `GET /`. */
export function newProjectContent(language: "typescript" | "python"): ProjectContent {
  return language === "python"
    ? { files: { "app.py": DEFAULT_PYTHON_APP }, entry: "app.py", draft: defaultDraft() }
    : { files: { "app.ts": DEFAULT_APP }, entry: "app.ts", draft: defaultDraft() };
}

/**
 * What a link leaves out stands for this project: TypeScript's hello world,
 * as when the format was made (version 1), whatever a new project is now,
 * so that every link keeps opening what it opened.
 */
function linkBaseline(): ProjectContent {
  return newProjectContent("typescript");
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function unbase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function fileOut(file: FileData | null) {
  return file ? { name: file.name, type: file.type, base64: base64(file.bytes) } : null;
}

function fileIn(
  file: { name: string; type: string; base64: string } | null | undefined,
): FileData | null {
  return file ? { name: file.name, type: file.type, bytes: unbase64(file.base64) } : null;
}

const rowsOut = (rows: Row[]) => rows.map(({ name, value, enabled }) => ({ name, value, enabled }));
const rowsIn = (rows: { name: string; value: string; enabled?: boolean }[]): Row[] =>
  rows.map((row) => ({
    id: rowId(),
    name: row.name,
    value: row.value,
    enabled: row.enabled ?? true,
  }));

/** What differs from a new project, as a link carries it. */
export function toShared(content: ProjectContent, name?: string): SharedProject {
  const fresh = linkBaseline();
  const out: SharedProject = {};
  if (JSON.stringify(content.files) !== JSON.stringify(fresh.files)) out.files = content.files;
  if (content.entry !== Object.keys(content.files)[0]) out.entry = content.entry;
  if (content.server && content.server !== "code") out.server = content.server;
  const d = content.draft;
  const base = fresh.draft;
  const request: NonNullable<SharedProject["request"]> = {};
  if (d.method !== base.method) request.method = d.method;
  if (d.host !== base.host) request.host = d.host;
  if (d.target !== base.target) request.target = d.target;
  if (d.headers.length) request.headers = rowsOut(d.headers);
  if (d.useCookieJar !== base.useCookieJar) request.useCookieJar = d.useCookieJar;
  if (d.autoFollow !== base.autoFollow) request.autoFollow = d.autoFollow;
  const b = d.body;
  if (b.mode !== "none") {
    const body: NonNullable<NonNullable<SharedProject["request"]>["body"]> = { mode: b.mode };
    if (b.mode === "raw") Object.assign(body, { raw: b.raw, rawType: b.rawType });
    if (b.mode === "json") body.json = b.json;
    if (b.mode === "form") body.form = rowsOut(b.form);
    if (b.mode === "multipart") {
      body.parts = b.parts.map((p) => ({
        name: p.name,
        value: p.value,
        enabled: p.enabled,
        kind: p.kind,
        file: fileOut(p.file),
      }));
      body.boundary = b.boundary;
    }
    if (b.mode === "binary")
      Object.assign(body, {
        binarySource: b.binarySource,
        hex: b.hex,
        binaryFile: fileOut(b.binaryFile),
      });
    request.body = body;
  }
  if (d.raw.text) {
    try {
      const bytes = rawTextToBytes(d.raw.text, d.raw.lineEnd);
      request.rawRequest = base64(bytes);
      if (bytesToRawText(bytes, d.raw.lineEnd) !== d.raw.text) request.rawText = d.raw.text;
    } catch {
      request.rawText = d.raw.text; // a bad escape: keep the text as typed
    }
    if (d.raw.lineEnd !== "crlf") request.rawLineEnd = d.raw.lineEnd;
    if (!d.raw.on) request.rawOn = false;
  }
  if (Object.keys(request).length) out.request = request;
  if (name) out.name = name;
  return out;
}

/** The project a link (or a saved copy) describes, defaults filled in. */
export function fromShared(shared: SharedProject): ProjectContent {
  const fresh = linkBaseline();
  const files = shared.files && Object.keys(shared.files).length ? shared.files : fresh.files;
  const entry = shared.entry ?? Object.keys(files)[0]!;
  const r = shared.request ?? {};
  const draft = fresh.draft;
  Object.assign(draft, {
    method: r.method ?? draft.method,
    host: r.host ?? draft.host,
    target: r.target ?? draft.target,
    headers: r.headers ? rowsIn(r.headers) : [],
    useCookieJar: r.useCookieJar ?? draft.useCookieJar,
    autoFollow: r.autoFollow ?? draft.autoFollow,
  });
  if (r.rawRequest !== undefined || r.rawText !== undefined) {
    const lineEnd = r.rawLineEnd ?? "crlf";
    draft.raw = {
      on: r.rawOn ?? true,
      lineEnd,
      text: r.rawText ?? bytesToRawText(unbase64(r.rawRequest ?? ""), lineEnd),
    };
  }
  const b = r.body;
  if (b) {
    draft.body = {
      ...draft.body,
      mode: b.mode ?? "none",
      raw: b.raw ?? draft.body.raw,
      rawType: b.rawType ?? draft.body.rawType,
      json: b.json ?? draft.body.json,
      form: b.form ? rowsIn(b.form) : draft.body.form,
      parts: b.parts
        ? b.parts.map((p) => ({ ...rowsIn([p])[0]!, kind: p.kind, file: fileIn(p.file) }))
        : draft.body.parts,
      boundary: b.boundary ?? newBoundary(),
      binarySource: b.binarySource ?? draft.body.binarySource,
      hex: b.hex ?? draft.body.hex,
      binaryFile: fileIn(b.binaryFile),
    };
  }
  return { files, entry, draft, ...(shared.server ? { server: shared.server } : {}) };
}
