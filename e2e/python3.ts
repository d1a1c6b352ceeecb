/**
 * The machine's own python3, for end-to-end tests to compare with: a module
 * served by CPython's wsgiref.simple_server as `python3 app.py` serves it,
 * raw bytes sent to it over a socket, its answer split.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const HARNESS = new URL("../scripts/wsgiref_module.py", import.meta.url).pathname;

/** The machine's python3 serving `code` as `python3 app.py` would; resolves once it listens. */
export async function startPython(
  code: string,
): Promise<{ port: number; stop: () => void; stderr: () => string }> {
  const dir = mkdtempSync(join(tmpdir(), "wsgi-py-"));
  const file = join(dir, "app.py");
  writeFileSync(file, code);
  const child: ChildProcess = spawn("python3", [HARNESS, file], {
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
