/**
 * `npm run share -- app.py [more files] [--root DIR] [--server NAME]
 *   [--method M] [--url '/path?query'] [--header 'Name: value']...
 *   [--data TEXT | --data-file FILE] [--raw-file FILE] [--base URL]`
 *
 * Prints a WSGI Playground link that opens these files (the first is the
 * entry) with this request. Each file keeps its path relative to the
 * current folder (or to `--root DIR`): `pkg/views.py` stays
 * `pkg/views.py`; a file outside that folder keeps only its name.
 * `--server` serves a Python project with that server rather than the one
 * its code starts (`--server gunicorn`, as `gunicorn app:app`). The link
 * format is described in the README.
 */
import { readFileSync } from "node:fs";
import { basename, isAbsolute, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { MAX_RAW_BYTES } from "../src/request/raw-text.ts";
import { SERVER_CHOICES, serverChoice } from "../src/servers/choice.ts";
import { encodeShare, type SharedProject } from "../src/share/share-codec.ts";
import { checkFilePath, checkProjectSize } from "../src/state/file-paths.ts";

const USAGE =
  "usage: npm run share -- app.py [more files] [--root DIR] [--server NAME] [--method M] [--url '/path?query'] [--header 'Name: value']... [--data TEXT | --data-file FILE] [--raw-file FILE] [--base URL]";

function fail(message: string): never {
  process.stderr.write(`share: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const { values, positionals } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        method: { type: "string" },
        url: { type: "string" },
        header: { type: "string", multiple: true },
        data: { type: "string" },
        "data-file": { type: "string" },
        "raw-file": { type: "string" },
        root: { type: "string", default: "." },
        server: { type: "string" },
        base: { type: "string", default: "http://127.0.0.1:4173/" },
      },
    });
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
})();

if (positionals.length === 0) fail("name at least one file; the first is the entry.");
if (values.data !== undefined && values["data-file"] !== undefined)
  fail("give --data or --data-file, not both.");

const root = resolve(values.root!);
const files: Record<string, string> = {};
for (const path of positionals) {
  // Its path in the project: relative to the root; a file outside the root keeps only its name.
  const inRoot = relative(root, resolve(path));
  const name = (inRoot.startsWith("..") || isAbsolute(inRoot) ? basename(path) : inRoot).replaceAll(
    sep,
    "/",
  );
  const problem = checkFilePath(name, Object.keys(files));
  if (problem) fail(`${path}: ${problem}`);
  try {
    files[name] = readFileSync(path, "utf8");
  } catch {
    fail(`cannot read ${path}.`);
  }
}
const tooLarge = checkProjectSize(files);
if (tooLarge) fail(tooLarge);

const request: NonNullable<SharedProject["request"]> = {};
if (values.method) request.method = values.method;
if (values.url) request.target = values.url;
const headers = (values.header ?? []).map((line) => {
  const colon = line.indexOf(":");
  if (colon <= 0) fail(`--header "${line}" is not "Name: value".`);
  return { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
});
let body: Uint8Array | null = null;
if (values.data !== undefined) body = new TextEncoder().encode(values.data);
if (values["data-file"] !== undefined) {
  try {
    body = new Uint8Array(readFileSync(values["data-file"]));
  } catch {
    fail(`cannot read ${values["data-file"]}.`);
  }
}
if (body) {
  const typeAt = headers.findIndex((h) => h.name.toLowerCase() === "content-type");
  const type =
    typeAt >= 0 ? headers.splice(typeAt, 1)[0]!.value : "application/x-www-form-urlencoded";
  let text: string | null = null;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    text = null;
  }
  request.body =
    text !== null
      ? { mode: "raw", raw: text, rawType: type }
      : {
          mode: "binary",
          binarySource: "hex",
          hex: Array.from(body, (b) => b.toString(16).padStart(2, "0")).join(" "),
        };
  if (text === null) headers.push({ name: "Content-Type", value: type });
  if (!request.method) request.method = "POST";
}
if (headers.length) request.headers = headers;
if (values["raw-file"] !== undefined) {
  // The exact bytes of FILE are the request: raw mode, sent as they are.
  let raw: Buffer;
  try {
    raw = readFileSync(values["raw-file"]);
  } catch {
    fail(`cannot read ${values["raw-file"]}.`);
  }
  if (raw.length > MAX_RAW_BYTES)
    fail(`${values["raw-file"]} is ${raw.length} bytes; a raw request may be ${MAX_RAW_BYTES}.`);
  request.rawRequest = raw.toString("base64");
}

const project: SharedProject = { files };
if (values.server !== undefined) {
  const server = serverChoice(values.server);
  if (server === null)
    fail(`--server "${values.server}" is not a server here: one of ${SERVER_CHOICES.join(", ")}.`);
  if (server !== "code") project.server = server;
}
if (Object.keys(request).length) project.request = request;
process.stdout.write(`${values.base!.split("#")[0]}#${encodeShare(project)}\n`);
