/**
 * @module zip
 * A project as a zip of plain files (every file at its path, and
 * `.wsgi-playground.json` with the entry and the request), and back. An
 * uploaded zip is untrusted: its names and declared sizes are checked
 * before anything is unpacked (fflate unpacks an entry into a buffer of its
 * declared size, so a lying header cannot inflate past it), a path that
 * would land outside the project refuses the whole zip, and the request is
 * checked against the share-link schema. A zip whose files all sit in one
 * folder (a code host's "Download ZIP") is opened from inside that folder;
 * files that are not text, and the usual litter (`__MACOSX/`, `.git/`,
 * `__pycache__/`), are left out and named.
 *
 * @example
 * const { content, skipped } = zipToProject(bytes);
 */
import { takeHomeFiles } from "../checks/take-home";
import { strToU8, unzipSync, zipSync } from "fflate";
import * as v from "valibot";
import { canBeEntry, checkFilePath, checkProjectSize } from "../state/file-paths";
import { fromShared, toShared, type ProjectContent } from "./project-state";
import { SharedProjectV1 } from "./share-codec";

/** The most a zip may hold before anything is unpacked; the project then has its own limits. */
export const ZIP_LIMITS = { entries: 2000, unpacked: 16 * 1024 * 1024 };

/** A zip that cannot be opened as a project, and why. */
export class ProjectZipError extends Error {
  override name = "ProjectZipError";
}

/** The project's entry file, server and request, beside its files. */
const META_FILE = ".wsgi-playground.json";
/** Where zips made before `.wsgi-playground.json` kept them. */
const OLD_META_FILE = "request.json";

/** Folders and files no project wants: an OS's or a tool's own. */
const LITTER =
  /(^|\/)(__MACOSX|\.git|__pycache__|node_modules|\.venv)\/|(^|\/)(\.DS_Store|Thumbs\.db)$|\.pyc$/;

/** The entry a zip without the playground's metadata most likely means, in this order. */
const ENTRY_NAMES = [
  "app.py",
  "application.py",
  "wsgi.py",
  "main.py",
  "app.ts",
  "app.js",
  "index.ts",
];

/** The project as zip bytes. */
export function projectToZip(content: ProjectContent): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const [path, text] of Object.entries(content.files)) entries[path] = strToU8(text);
  const added = takeHomeFiles(content.files, content.entry);
  for (const [path, text] of Object.entries(added)) entries[path] = strToU8(text);
  const shared = toShared(content);
  const generated = Object.keys(added);
  entries[META_FILE] = strToU8(
    JSON.stringify(
      {
        entry: content.entry,
        ...(shared.server ? { server: shared.server } : {}),
        request: shared.request ?? {},
        ...(generated.length ? { generated } : {}),
      },
      null,
      2,
    ),
  );
  return zipSync(entries, { level: 6 });
}

/** A project opened from a zip, and the zip's files it left out (with why). */
export interface OpenedZip {
  content: ProjectContent;
  skipped: string[];
}

/** Why a zip entry's name cannot be opened at all (it would land outside the project). */
function escapes(name: string): boolean {
  return (
    name.startsWith("/") ||
    name.includes("\\") ||
    /^[a-zA-Z]:/.test(name) ||
    name.split("/").includes("..")
  );
}

/** The folder every entry sits in, when there is exactly one ("repo-main/"), else "". */
function commonFolder(names: string[]): string {
  const first = names[0]?.split("/")[0];
  if (!first || names.some((name) => !name.startsWith(`${first}/`))) return "";
  return `${first}/`;
}

function unpack(bytes: Uint8Array): Record<string, Uint8Array> {
  let count = 0;
  let size = 0;
  try {
    return unzipSync(bytes, {
      filter(file) {
        if (escapes(file.name)) {
          throw new ProjectZipError(
            `The zip was not opened: its entry "${file.name}" would be written outside the project.`,
          );
        }
        if (file.name.endsWith("/") || LITTER.test(file.name)) return false;
        count += 1;
        size += file.originalSize;
        if (count > ZIP_LIMITS.entries)
          throw new ProjectZipError(`The zip holds more than ${ZIP_LIMITS.entries} files.`);
        if (size > ZIP_LIMITS.unpacked) {
          throw new ProjectZipError(
            `The zip unpacks to more than ${ZIP_LIMITS.unpacked / 1024 / 1024} MB; it was not opened.`,
          );
        }
        return true;
      },
    });
  } catch (error) {
    if (error instanceof ProjectZipError) throw error;
    throw new ProjectZipError("The file is not a zip archive (or it is damaged).");
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** The text of a file, or null when it is not text (a NUL byte, or not UTF-8). */
function textOf(data: Uint8Array): string | null {
  if (data.includes(0)) return null;
  try {
    return utf8.decode(data);
  } catch {
    return null;
  }
}

function parseMeta(data: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(textOf(data) ?? "");
  } catch {
    throw new ProjectZipError(`${name} in the zip is not valid JSON.`);
  }
}

/** The file to run when the zip does not say. */
function guessEntry(paths: string[]): string | undefined {
  return (
    ENTRY_NAMES.find((name) => paths.includes(name)) ??
    paths.find((path) => !path.includes("/") && canBeEntry(path)) ??
    paths.find(canBeEntry)
  );
}

/** The project in a zip; throws a {@link ProjectZipError} saying what is wrong. */
export function zipToProject(bytes: Uint8Array): OpenedZip {
  const entries = unpack(bytes);
  const folder = commonFolder(Object.keys(entries));
  const files: Record<string, string> = {};
  const skipped: string[] = [];
  let meta: unknown;
  let oldMeta: unknown;
  for (const [name, data] of Object.entries(entries)) {
    const path = name.slice(folder.length);
    if (path === META_FILE) {
      meta = parseMeta(data, META_FILE);
      continue;
    }
    const text = textOf(data);
    if (text === null) {
      skipped.push(`${path} (not a text file)`);
      continue;
    }
    const problem = checkFilePath(path, Object.keys(files));
    if (problem) {
      skipped.push(`${path} (${problem.replace(/\.$/, "")})`);
      continue;
    }
    files[path] = text;
  }
  // A zip made before META_FILE kept the entry and request in request.json.
  if (meta === undefined && OLD_META_FILE in files) {
    const old = parseMeta(strToU8(files[OLD_META_FILE]!), OLD_META_FILE);
    if (
      old &&
      typeof old === "object" &&
      Object.keys(old).every((k) => k === "entry" || k === "request")
    ) {
      oldMeta = old;
      delete files[OLD_META_FILE];
    }
  }
  const given = (meta ?? oldMeta ?? {}) as { generated?: unknown };
  // What Download zip wrote for taking the project home (test_checks.py, a README) is not the project's.
  if (Array.isArray(given.generated)) {
    for (const path of given.generated) if (typeof path === "string") delete files[path];
  }
  const paths = Object.keys(files);
  if (paths.length === 0) {
    throw new ProjectZipError(
      skipped.length
        ? `The zip holds no text file the playground can open (left out: ${skipped.slice(0, 5).join(", ")}).`
        : "The zip holds no files.",
    );
  }
  const tooLarge = checkProjectSize(files);
  if (tooLarge) throw new ProjectZipError(`The zip was not opened: ${tooLarge}`);
  const result = v.safeParse(SharedProjectV1, { ...given, files });
  if (!result.success) {
    const issue = result.issues[0];
    throw new ProjectZipError(
      `The zip is not a valid project: ${issue.path?.map((p) => String(p.key)).join(".") ?? ""}: ${issue.message}.`,
    );
  }
  const shared = result.output;
  if (shared.entry !== undefined && !(shared.entry in files)) {
    throw new ProjectZipError(
      `${META_FILE} names "${shared.entry}" as the entry, but the zip has no such file.`,
    );
  }
  shared.entry ??= guessEntry(paths);
  if (shared.entry === undefined) {
    throw new ProjectZipError(
      "The zip holds no file the playground can run: a project needs a .py (Python) or .ts or .js (TypeScript) file.",
    );
  }
  return { content: fromShared(shared), skipped };
}
