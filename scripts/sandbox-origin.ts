/**
 * The sandbox origin: where the playground runs user code (the runner
 * Workers, the live preview and its service worker), apart from the origin
 * that keeps the user's projects. One build serves both; the setting that
 * names the sandbox is read when the build is made:
 *
 * - `WSGI_SANDBOX` unset: the page's own host, one port up (what `npm
 *   start`, `vite dev`, the tests and the benchmark serve: 127.0.0.1:4173
 *   and 127.0.0.1:4174 are two origins of one site);
 * - `WSGI_SANDBOX=https://sandbox.example.org`: that origin (a static
 *   deploy serves the same files there);
 * - `WSGI_SANDBOX=none`: one origin (a host that can give only one; the
 *   page says what that means).
 *
 * The Vite plugin here defines the setting for the page and, in the first
 * case, serves the sandbox's port beside Vite's own, with the same files
 * and headers.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Connect, Plugin } from "vite";
import type { SandboxSetting } from "../src/sandbox/sandbox-setting.ts";

/** The setting `WSGI_SANDBOX` gives; throws, naming the value, when it is none of the three. */
export function sandboxSetting(value = process.env.WSGI_SANDBOX): SandboxSetting {
  if (value === undefined || value === "") return { kind: "next-port" };
  if (value === "none") return { kind: "none" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `WSGI_SANDBOX=${value} is not an origin: give one like https://sandbox.example.org, or "none"`,
    );
  }
  if (url.origin === "null" || url.pathname !== "/" || url.search || url.hash) {
    throw new Error(
      `WSGI_SANDBOX=${value} is not an origin (a scheme, a host, a port at most): give one like https://sandbox.example.org, or "none"`,
    );
  }
  return { kind: "origin", origin: url.origin };
}

/**
 * The Content-Security-Policy of what a server answers on `localPort`
 * (`sandboxPort` is the sandbox's, `host` the request's Host): the
 * playground's pages may be framed only by themselves and connect only to
 * their own origin; the sandbox's (its page, the preview's documents) may
 * be framed only by the playground, one port down on the same host, and
 * connect anywhere (the user's app is theirs).
 */
export function contentPolicy(localPort: number, sandboxPort: number, host = ""): string {
  // The playground's pages (and its compiler's Worker) fetch nothing but their own files.
  if (localPort !== sandboxPort) return "frame-ancestors 'self'; connect-src 'self'";
  const playground = new URL(`http://${host || "127.0.0.1"}`);
  playground.port = String(sandboxPort - 1);
  return `frame-ancestors ${playground.origin}`;
}

/**
 * Serve `middlewares` on the port after `httpServer`'s once it listens, and
 * say where; every answer on either port has its policy (`contentPolicy`).
 */
function serveNextPort(
  httpServer: Server | null,
  middlewares: Connect.Server,
  log: (line: string) => void,
): void {
  if (!httpServer) return;
  let sandboxPort = 0;
  middlewares.use((request, response, next) => {
    if (sandboxPort) {
      const policy = contentPolicy(
        request.socket.localPort ?? 0,
        sandboxPort,
        request.headers.host,
      );
      response.setHeader("Content-Security-Policy", policy);
    }
    next();
  });
  httpServer.once("listening", () => {
    const address = httpServer.address() as AddressInfo | null;
    if (!address) return;
    const sandbox = createServer(middlewares);
    const port = address.port + 1;
    sandboxPort = port;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    sandbox.on("error", (error) =>
      log(
        `  The sandbox's port ${port} cannot be served (${error.message}): user code will run on the playground's origin.`,
      ),
    );
    sandbox.listen(port, address.address, () => log(`  ➜  Sandbox: http://${host}:${port}/`));
    httpServer.once("close", () => sandbox.close());
  });
}

/** The sandbox's setting for the page (`__SANDBOX__`), and its port served beside Vite's. */
export function sandboxOrigin(): Plugin {
  const setting = sandboxSetting();
  return {
    name: "wsgi-playground:sandbox-origin",
    config: () => ({ define: { __SANDBOX__: JSON.stringify(setting) } }),
    configureServer(server) {
      if (setting.kind === "next-port")
        serveNextPort(server.httpServer as Server | null, server.middlewares, (line) =>
          server.config.logger.info(line),
        );
    },
    configurePreviewServer(server) {
      if (setting.kind === "next-port")
        serveNextPort(server.httpServer as Server, server.middlewares, (line) =>
          server.config.logger.info(line),
        );
    },
  };
}
