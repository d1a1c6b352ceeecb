/**
 * @module wsgiref-server
 * Test support: a real CPython `wsgiref.simple_server` on 127.0.0.1, started
 * from a test, and a raw HTTP client for it. Returns null where python3 is
 * missing, so suites can skip with a message.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ORACLE = fileURLToPath(new URL("../../../scripts/wsgiref_oracle.py", import.meta.url));
/** Serves a module as `python3 app.py` would, at a port it prints. */
const HARNESS = fileURLToPath(new URL("../../../scripts/wsgiref_module.py", import.meta.url));

/** A running wsgiref server. */
export interface Wsgiref {
  port: number;
  /** Send raw request bytes and close the sending side; resolves with everything the server sent before closing. */
  send(request: Uint8Array): Promise<Uint8Array>;
  close(): void;
}

/** True when python3 with wsgiref is on this machine. */
export function hasPython(): boolean {
  const probe = spawnSync("python3", ["-c", "import wsgiref.simple_server"], { stdio: "ignore" });
  return probe.status === 0;
}

/** Start the oracle server with one of its apps. */
export async function startWsgiref(app: string): Promise<Wsgiref> {
  const child: ChildProcess = spawn("python3", [ORACLE, app], {
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin" },
    // Tracebacks the oracle prints are expected (some apps fail on purpose).
    stdio: ["ignore", "pipe", "ignore"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let text = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      if (text.includes("\n")) resolve(Number(text.trim()));
    });
    child.on("exit", (code) => reject(new Error(`wsgiref oracle exited with ${code}`)));
  });
  return {
    port,
    send(request) {
      return new Promise((resolve, reject) => {
        const socket = connect(port, "127.0.0.1");
        const chunks: Buffer[] = [];
        socket.on("data", (chunk) => chunks.push(chunk));
        socket.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
        socket.on("error", reject);
        socket.setTimeout(5000, () => {
          socket.destroy();
          reject(new Error("wsgiref did not answer within 5 s"));
        });
        // Then end the writing side: a request that leaves its headers or
        // body unfinished meets end of file, where a client that stays
        // connected would leave the server waiting.
        socket.end(request);
      });
    },
    close() {
      child.kill();
    },
  };
}

/** Split a raw HTTP response into status line, headers and body. */
export function parseResponse(raw: Uint8Array): {
  statusLine: string;
  headers: [string, string][];
  body: Uint8Array;
} {
  const text = Buffer.from(raw).toString("latin1");
  // A server that fails half-way through the headers closes without the blank line.
  const found = text.indexOf("\r\n\r\n");
  const end = found === -1 ? text.length : found;
  const [statusLine, ...lines] = text.slice(0, end).split("\r\n").filter(Boolean);
  const headers = lines.map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon), line.slice(colon + 1).trim()] as [string, string];
  });
  return { statusLine: statusLine ?? "", headers, body: raw.slice(end + 4) };
}

/** A project served by the machine's python3, as `python3 ENTRY` serves it, on a port of its own. */
export interface ServedFolder {
  /** Send raw bytes and close the sending side; everything the server sent before closing. */
  send(request: Uint8Array): Promise<Uint8Array>;
  /** What it printed to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/**
 * `python3 ENTRY` run in a folder holding `files` (with `pythonPath` on its
 * import path: the frameworks' zips), served until closed: the server the
 * module builds, on 127.0.0.1 at a port of its own (scripts/wsgiref_module.py);
 * or, with `server`, the module's app served as that server's command line
 * serves it (`gunicorn app:app`).
 */
export async function serveFolder(
  files: Record<string, string>,
  entry: string,
  pythonPath: string[] = [],
  server?: "gunicorn",
): Promise<ServedFolder> {
  const dir = mkdtempSync(join(tmpdir(), "wsgi-project-"));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  // -S: no site-packages of the machine's own (a Flask there is not the playground's).
  const child = spawn("python3", ["-S", HARNESS, entry, ...(server ? ["--server", server] : [])], {
    cwd: dir,
    env: { ...process.env, PYTHONPATH: pythonPath.join(":") },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise((resolve) => child.on("close", resolve));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      let text = "";
      child.stdout.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        const found = /^PORT (\d+)$/m.exec(text);
        if (found) resolve(Number(found[1]));
      });
      child.on("exit", (code) => reject(new Error(`python3 exited with ${code}:\n${stderr}`)));
    });
    return {
      send: (request) =>
        new Promise<Uint8Array>((resolve, reject) => {
          const socket = connect(port, "127.0.0.1");
          const chunks: Buffer[] = [];
          socket.on("data", (chunk: Buffer) => chunks.push(chunk));
          socket.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
          // A server that closes with the request unread resets the connection (Gunicorn, a
          // request line past its limit): what came before the reset is its answer.
          socket.on("error", (error: NodeJS.ErrnoException) =>
            error.code === "ECONNRESET" && chunks.length
              ? resolve(new Uint8Array(Buffer.concat(chunks)))
              : reject(error),
          );
          socket.end(request);
        }),
      stderr: () => stderr,
      close: async () => {
        child.kill();
        await closed;
      },
    };
  } catch (error) {
    child.kill();
    throw error;
  }
}

/**
 * `python3 ENTRY` run in a folder holding `files` (with `pythonPath` on its
 * import path: the frameworks' zips), sent `request`; what it answered, and
 * printed to stderr.
 */
export async function runInFolder(
  files: Record<string, string>,
  entry: string,
  request: Uint8Array,
  pythonPath: string[] = [],
): Promise<{ sent: Uint8Array; stderr: string }> {
  const served = await serveFolder(files, entry, pythonPath);
  try {
    const sent = await served.send(request);
    await served.close();
    return { sent, stderr: served.stderr() };
  } finally {
    await served.close();
  }
}
