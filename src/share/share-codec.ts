/**
 * @module share-codec
 * The share-link format. Everything the user made that differs from a new
 * project (files, the request, settings) goes into the URL fragment as
 *
 *     #v1.<base64url of deflate-raw of UTF-8 JSON>
 *
 * The JSON is a {@link SharedProjectV1}: every key is optional, and a key
 * that is absent means "as in a new project". Decoding never trusts its
 * input: the fragment's size is checked before anything is decoded, the
 * inflated size is capped while inflating (a small link cannot unpack into
 * gigabytes), and the JSON is validated against the schema below. Every
 * failure is a {@link ShareLinkError} whose message says what is wrong.
 *
 * Versions: `v1` is the first. A later format gets a new prefix and its own
 * decoder here, and old links keep opening through the old one (a link of
 * every version is kept in share-codec.test.ts).
 */
import { deflateSync, Inflate, strFromU8, strToU8 } from "fflate";
import * as v from "valibot";
import { concatBytes } from "../runtime/concat-bytes";
import { PROJECT_LIMITS } from "../state/file-paths";
import { SERVER_CHOICES } from "../servers/choice";

/** The longest fragment accepted (characters): a link this long is already unusable. */
export const MAX_FRAGMENT = 1_000_000;
/** The most a link may inflate to (bytes). */
export const MAX_INFLATED = 8 * 1024 * 1024;

/** A link that cannot be opened, and why. */
export class ShareLinkError extends Error {
  override name = "ShareLinkError";
}

const Row = v.object({ name: v.string(), value: v.string(), enabled: v.optional(v.boolean()) });
const File = v.object({ name: v.string(), type: v.string(), base64: v.string() });
const Part = v.object({
  name: v.string(),
  value: v.string(),
  enabled: v.optional(v.boolean()),
  kind: v.picklist(["text", "file"]),
  file: v.optional(v.nullable(File)),
});

const RequestV1 = v.object({
  method: v.optional(v.pipe(v.string(), v.maxLength(64))),
  host: v.optional(v.pipe(v.string(), v.maxLength(255))),
  target: v.optional(v.pipe(v.string(), v.maxLength(64_000))),
  headers: v.optional(v.pipe(v.array(Row), v.maxLength(500))),
  body: v.optional(
    v.object({
      mode: v.optional(v.picklist(["none", "raw", "json", "form", "multipart", "binary"])),
      raw: v.optional(v.string()),
      rawType: v.optional(v.string()),
      json: v.optional(v.string()),
      form: v.optional(v.pipe(v.array(Row), v.maxLength(500))),
      parts: v.optional(v.pipe(v.array(Part), v.maxLength(500))),
      boundary: v.optional(v.string()),
      binarySource: v.optional(v.picklist(["hex", "file"])),
      hex: v.optional(v.string()),
      binaryFile: v.optional(v.nullable(File)),
    }),
  ),
  useCookieJar: v.optional(v.boolean()),
  autoFollow: v.optional(v.boolean()),
  /** A raw request's exact bytes, base64 (up to 512 KB of request). */
  rawRequest: v.optional(v.pipe(v.string(), v.maxLength(700_000))),
  /** The raw text as typed, when its escapes say the same bytes another way. */
  rawText: v.optional(v.pipe(v.string(), v.maxLength(3_000_000))),
  rawLineEnd: v.optional(v.picklist(["crlf", "lf"])),
  /** False when the raw request is kept but the structured one is sent. */
  rawOn: v.optional(v.boolean()),
});

/** Version 1 of what a link carries. */
export const SharedProjectV1 = v.object({
  /** Project files by path; the entry is `entry`, or the first file. */
  files: v.optional(
    v.pipe(
      v.record(
        v.pipe(
          v.string(),
          v.minLength(1),
          v.maxLength(200),
          v.regex(/^[\w.\-/]+$/, "a file path has letters, digits, _ . - and / only"),
          v.check(
            (path) =>
              !path.startsWith("/") &&
              !path.split("/").some((part) => part === ".." || part === "" || part === "."),
            "a file path is relative, without . or .. parts",
          ),
        ),
        v.string(),
      ),
      v.check(
        (files) => Object.keys(files).length <= PROJECT_LIMITS.files,
        `a project has at most ${PROJECT_LIMITS.files} files`,
      ),
    ),
  ),
  entry: v.optional(v.string()),
  /** The server a Python project is served by, when not the one its code starts. */
  server: v.optional(v.picklist(SERVER_CHOICES)),
  request: v.optional(RequestV1),
  /** What the project is called (a saved project's name). */
  name: v.optional(v.pipe(v.string(), v.maxLength(200))),
});

/** What a link carries. */
export type SharedProject = v.InferOutput<typeof SharedProjectV1>;

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) {
    const bad = /[^A-Za-z0-9_-]/.exec(text)![0];
    throw new ShareLinkError(
      `The link is damaged: "${bad}" cannot appear in its data (was it cut or changed when copied?).`,
    );
  }
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    throw new ShareLinkError(
      "The link is damaged: its data is not valid base64url (it may have been cut short).",
    );
  }
}

function inflateCapped(data: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > MAX_INFLATED) {
      throw new ShareLinkError(
        `The link unpacks to more than ${MAX_INFLATED / 1024 / 1024} MB, which no playground project needs; it was not opened.`,
      );
    }
    chunks.push(chunk);
    done = final;
  });
  try {
    inflater.push(data, true);
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError(
      "The link is damaged: its data does not decompress (it may have been cut short).",
    );
  }
  if (!done)
    throw new ShareLinkError(
      "The link is damaged: its data ends too early (it was probably cut short).",
    );
  return concatBytes(chunks);
}

/** The fragment (without `#`) for a project. */
export function encodeShare(project: SharedProject): string {
  const json = JSON.stringify(project);
  return `v1.${toBase64Url(deflateSync(strToU8(json), { level: 9 }))}`;
}

export { isShareFragment } from "./share-fragment";

/** The project a fragment carries; throws a {@link ShareLinkError} saying what is wrong. */
export function decodeShare(fragment: string): SharedProject {
  const text = fragment.replace(/^#/, "");
  if (text.length > MAX_FRAGMENT) {
    throw new ShareLinkError(
      `The link is ${(text.length / 1024 / 1024).toFixed(1)} MB long, over the ${MAX_FRAGMENT / 1_000_000} MB a share link may be; it was not opened.`,
    );
  }
  const match = /^v(\d+)\.(.*)$/s.exec(text);
  if (!match)
    throw new ShareLinkError(
      "This is not a WSGI Playground share link (it should start with #v1.).",
    );
  if (match[1] !== "1") {
    throw new ShareLinkError(
      `This link is in format version ${match[1]}, newer than this playground knows (version 1). Reload to update.`,
    );
  }
  const inflated = inflateCapped(fromBase64Url(match[2]!));
  let data: unknown;
  try {
    data = JSON.parse(strFromU8(inflated));
  } catch {
    throw new ShareLinkError("The link is damaged: its content is not valid JSON.");
  }
  const result = v.safeParse(SharedProjectV1, data);
  if (!result.success) {
    const issue = result.issues[0];
    const where = issue.path?.map((p) => String(p.key)).join(".") || "the project";
    throw new ShareLinkError(
      `The link's content is not a valid project: ${where}: ${issue.message}.`,
    );
  }
  const project = result.output;
  if (project.files && project.entry !== undefined && !(project.entry in project.files)) {
    throw new ShareLinkError(
      `The link's content is not a valid project: its entry "${project.entry}" is not one of its files.`,
    );
  }
  return project;
}
