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
 * Where a request to the sandbox's port should go instead: a page opened
 * in a tab of its own (`Sec-Fetch-Dest: document`) is sent to the same
 * path on the playground, one port down; the sandbox's own page, its
 * files and the preview's documents are framed, and stay (null).
 */
export function playgroundAddress(
  sandboxPort: number,
  request: { url?: string; host?: string; dest?: string | string[] },
): string | null {
  if (request.dest !== "document") return null;
  const address = new URL(request.url ?? "/", `http://${request.host || "127.0.0.1"}`);
  address.port = String(sandboxPort - 1);
  return address.href;
}

/** What the server prints under its own addresses: the sandbox's port, and that it is not one to open. */
export function sandboxLine(host: string, port: number): string {
  return `  ➜  Sandbox: http://${host}:${port}/ (where user code runs; open the Local address above, not this one)`;
}

/**
 * Serve `middlewares` on the port after `httpServer`'s once it listens, and
 * say where, under the server's own addresses (`printUrls`); every answer
 * on either port has its policy (`contentPolicy`), and a page opened on the
 * sandbox's port goes to the playground's (`playgroundAddress`).
 */
function serveNextPort(
  server: { httpServer: Server | null; middlewares: Connect.Server; printUrls(): void },
  log: (line: string) => void,
): void {
  const { httpServer, middlewares } = server;
  if (!httpServer) return;
  let sandboxPort = 0;
  let line = "";
  middlewares.use((request, response, next) => {
    if (!sandboxPort) return next();
    const localPort = request.socket.localPort ?? 0;
    const policy = contentPolicy(localPort, sandboxPort, request.headers.host);
    response.setHeader("Content-Security-Policy", policy);
    const away =
      localPort === sandboxPort &&
      playgroundAddress(sandboxPort, {
        url: request.url,
        host: request.headers.host,
        dest: request.headers["sec-fetch-dest"],
      });
    if (!away) return next();
    response.statusCode = 302;
    response.setHeader("Location", away);
    response.end();
  });
  const printUrls = server.printUrls.bind(server);
  server.printUrls = () => {
    printUrls();
    if (line) log(line);
  };
  httpServer.once("listening", () => {
    const address = httpServer.address() as AddressInfo | null;
    if (!address) return;
    const sandbox = createServer(middlewares);
    const port = address.port + 1;
    sandboxPort = port;
    const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
    line = sandboxLine(host, port);
    sandbox.on("error", (error) =>
      log(
        `  The sandbox's port ${port} cannot be served (${error.message}): the playground cannot run user code until it can.`,
      ),
    );
    sandbox.listen(port, address.address);
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
        serveNextPort(server as Parameters<typeof serveNextPort>[0], (line) =>
          server.config.logger.info(line),
        );
    },
    configurePreviewServer(server) {
      if (setting.kind === "next-port")
        serveNextPort(server as Parameters<typeof serveNextPort>[0], (line) =>
          server.config.logger.info(line),
        );
    },
  };
}
