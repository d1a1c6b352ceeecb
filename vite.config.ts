/// <reference types="vitest/config" />
/**
 * Vite builds the page, its workers (compiler, runner, Monaco's) and, as a
 * separate self-contained script with a fixed name, the service worker
 * (`sw.js`, next to index.html so its scope covers the page). `base: "./"`
 * makes every URL relative, so the same build works at the root of an origin
 * or under any sub-path of a static host.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { build, defineConfig, type Plugin } from "vite";
import { runtimeDeclaration } from "./scripts/runtime-declarations.ts";

const swEntry = fileURLToPath(new URL("./src/sw/service-worker.ts", import.meta.url));

/** Serve `sw.js` in dev (as a module) and build it as one classic script. */
function serviceWorker(): Plugin {
  let outDir = "dist";
  let building = false;
  return {
    name: "wsgi-playground:service-worker",
    configResolved(config) {
      outDir = config.build.outDir;
      // Vitest resolves this config too; only a real build writes sw.js.
      building = config.command === "build" && !process.env.VITEST;
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split("?")[0] !== "/sw.js") return next();
        res.setHeader("Content-Type", "text/javascript");
        res.setHeader("Service-Worker-Allowed", "/");
        res.end(`import "/src/sw/service-worker.ts";\n`);
      });
    },
    async closeBundle() {
      if (!building) return;
      await build({
        configFile: false,
        logLevel: "warn",
        build: {
          outDir,
          emptyOutDir: false,
          copyPublicDir: false,
          lib: {
            entry: swEntry,
            formats: ["iife"],
            name: "wsgiPlaygroundServiceWorker",
            fileName: () => "sw.js",
          },
        },
      });
    },
  };
}

/**
 * `import x from "./file.ts?dts"`: the declaration text of a runtime module,
 * made with TypeScript's isolated-declarations transpiler, for Monaco.
 */
function declarations(): Plugin {
  return {
    name: "wsgi-playground:dts",
    enforce: "pre",
    async load(id) {
      if (!id.endsWith("?dts")) return null;
      const file = id.slice(0, -"?dts".length);
      const { text, problems } = runtimeDeclaration(file, await readFile(file, "utf8"));
      if (problems.length > 0)
        this.error(`${file}: cannot make declarations:\n${problems.join("\n")}`);
      return `export default ${JSON.stringify(text)};`;
    },
  };
}

export default defineConfig({
  test: { include: ["src/**/*.test.ts", "scripts/**/*.test.ts"], environment: "node" },
  base: "./",
  plugins: [react(), declarations(), serviceWorker()],
  worker: { format: "es" },
  build: { target: "es2022", chunkSizeWarningLimit: 8000 },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
