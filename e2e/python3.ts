/**
 * The machine's own python3, for end-to-end tests to compare with: a module
 * served by CPython's wsgiref.simple_server as `python3 app.py` serves it,
 * raw bytes sent to it over a socket, its answer split.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { FrameworkManifest } from "../src/frameworks/manifest";

const HARNESS = new URL("../scripts/wsgiref_module.py", import.meta.url).pathname;
const FRAMEWORKS = new URL("../build/frameworks/", import.meta.url).pathname;
const SITE_PACKAGES = new URL("../build/site-packages/", import.meta.url).pathname;

/** The frameworks the build step made, as folders for python3's import path (none if it made none). */
export function frameworkZips(): string[] {
  const path = join(FRAMEWORKS, "manifest.json");
  if (!existsSync(path)) return [];
  const manifest = JSON.parse(readFileSync(path, "utf8")) as FrameworkManifest;
  // The stacks' files as the build step left them unpacked, for python3.
  return manifest.stacks.map((stack) => join(SITE_PACKAGES, stack.name));
}

/**
 * The machine's python3 serving `code` (app.py, or a project's files by
 * path) as `python3 app.py` would, with the frameworks the playground ships
 * on its import path; resolves once it listens.
 */
export async function startPython(
  code: string | Record<string, string>,
): Promise<{ port: number; stop: () => void; stderr: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), "wsgi-py-"));
  const files = typeof code === "string" ? { "app.py": code } : code;
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // -S: no site-packages of the machine's own (a Flask there is not the playground's).
  const child: ChildProcess = spawn("python3", ["-S", HARNESS, join(dir, "app.py")], {
    cwd: dir,
    env: { ...process.env, PYTHONPATH: frameworkZips().join(":") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const found = /^PORT (\d+)$/m.exec(text);
      if (found) resolve(Number(found[1]));
    });
    child.on("exit", (code) => reject(new Error(`python3 exited with ${code}`)));
  });
  return { port, stop: () => child.kill(), stderr: () => stderr };
}

/** Send raw bytes to 127.0.0.1:`port`; everything it sent back, as latin-1 text. */
export function sendRaw(port: number, bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.on("data", (chunk) => chunks.push(chunk));
    socket.on("end", () => resolve(Buffer.concat(chunks).toString("latin1")));
    socket.on("error", reject);
    socket.write(bytes);
  });
}

/** The status line (less its protocol), the head and the body of a raw response. */
export function parse(raw: string): { status: string; head: string; body: string } {
  const end = raw.indexOf("\r\n\r\n");
  const statusLine = raw.slice(0, raw.indexOf("\r\n"));
  return {
    status: statusLine.replace(/^HTTP\/\d\.\d /, ""),
    head: raw.slice(0, end + 2),
    body: raw.slice(end + 4),
  };
}

/** python3's answer to `bytes` for `files` (app.py and the rest), the server stopped after. */
export async function python3Answer(files: Record<string, string>, bytes: Uint8Array) {
  const python = await startPython(files);
  try {
    return parse(await sendRaw(python.port, bytes));
  } finally {
    python.stop();
  }
}

/** A response head less what differs from run to run: Date, Python's version, a signed cookie's time and signature. */
export function maskedHead(head: string): string[] {
  return head
    .split("\r\n")
    .slice(1)
    .filter((line) => line && !line.startsWith("Date:"))
    .map((line) =>
      line
        .replace(/CPython\/[\d.]+/, "CPython/<version>")
        .replace(/^(Set-Cookie: session=[^.;]+)\.[^;]+/, "$1.<signed>"),
    );
}
