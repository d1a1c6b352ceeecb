/**
 * @module monaco-setup
 * Monaco, bundled by Vite with its own workers (nothing from a CDN), set up
 * for TypeScript apps that import `"wsgi"`: the runtime library's
 * declarations are added as if the package were installed, so `environ[...]`
 * keys, `start_response` and `b` complete and type-check.
 */
import * as monaco from "monaco-editor/editor";
import "monaco-editor/features/register.all";
import "monaco-editor/languages/definitions/typescript/register";
// Tokenizers the response inspector colourises bodies with (JSON as JavaScript).
import "monaco-editor/languages/definitions/html/register";
import "monaco-editor/languages/definitions/javascript/register";
// Python projects (app.py): highlighting; their code runs in CPython, not in the TypeScript worker.
import "monaco-editor/languages/definitions/python/register";
// The other files a project keeps: stylesheets, notes, config files; JSON is checked as typed.
import "monaco-editor/languages/definitions/css/register";
import "monaco-editor/languages/definitions/markdown/register";
import "monaco-editor/languages/definitions/ini/register";
import "monaco-editor/languages/features/json/register";
import {
  ModuleKind,
  ModuleResolutionKind,
  ScriptTarget,
  typescriptDefaults,
} from "monaco-editor/languages/features/typescript/register";
import EditorWorker from "monaco-editor/editor/editor.worker?worker";
import JsonWorker from "monaco-editor/languages/features/json/json.worker?worker";
import TypeScriptWorker from "monaco-editor/languages/features/typescript/ts.worker?worker";
import frameworks from "virtual:frameworks";
import { afterCompilerAnswered } from "../../app/start-order";
import { useWorkspace } from "../../state/workspace";
import { moduleCompletions, projectModules, typedModule } from "./python-imports";
import { registerHurl } from "./hurl-language";
import { TEXT_EXTENSIONS } from "../../compiler/vfs-plugin";
import { ENVIRON_DOCS } from "../../inspect/environ-docs";

const declarations = import.meta.glob<string>(["../../runtime/*.ts", "!../../runtime/*.test.ts"], {
  query: "?dts",
  import: "default",
  eager: true,
});

self.MonacoEnvironment = {
  // The TypeScript worker (3.5 s of a core to start) waits for esbuild's first build: see app/start-order.
  getWorker(_id: string, label: string) {
    if (label === "typescript" || label === "javascript")
      return afterCompilerAnswered(() => new TypeScriptWorker());
    // Started only when a project has a .json file open.
    if (label === "json") return new JsonWorker();
    return new EditorWorker();
  },
};

typescriptDefaults.setCompilerOptions({
  target: ScriptTarget.ESNext,
  module: ModuleKind.ESNext,
  moduleResolution: ModuleResolutionKind.NodeJs,
  lib: ["es2022", "webworker"],
  strict: true,
  noEmit: true,
  allowNonTsExtensions: true,
});

for (const [path, text] of Object.entries(declarations)) {
  const name = path.slice(path.lastIndexOf("/") + 1).replace(/\.ts$/, ".d.ts");
  typescriptDefaults.addExtraLib(text, `file:///node_modules/wsgi/${name}`);
}
typescriptDefaults.addExtraLib(
  JSON.stringify({ name: "wsgi", types: "index.d.ts" }),
  "file:///node_modules/wsgi/package.json",
);
// esbuild's text loader: `import page from "./templates/page.html"` is the file's text.
typescriptDefaults.addExtraLib(
  TEXT_EXTENSIONS.map(
    (ext) => `declare module "*.${ext}" {\n  const text: string;\n  export default text;\n}\n`,
  ).join(""),
  "file:///node_modules/@types/wsgi-playground-text/index.d.ts",
);

registerHurl(monaco);

// Python: the environ's standard keys complete inside environ["…"] and environ.get("…").
monaco.languages.registerCompletionItemProvider("python", {
  triggerCharacters: ['"', "'"],
  provideCompletionItems(model, position) {
    const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
    const open = /environ(?:\.get\(|\[)\s*["']([\w.]*)$/.exec(before);
    if (!open) return { suggestions: [] };
    const typed = open[1]!.length;
    const range = new monaco.Range(
      position.lineNumber,
      position.column - typed,
      position.lineNumber,
      position.column,
    );
    return {
      suggestions: Object.entries(ENVIRON_DOCS).map(([key, doc]) => ({
        label: key,
        kind: monaco.languages.CompletionItemKind.Property,
        insertText: key,
        documentation: doc,
        range,
      })),
    };
  },
});

// Python: after `import ` or `from `, the frameworks this build ships and the project's own modules.
monaco.languages.registerCompletionItemProvider("python", {
  triggerCharacters: [" ", "."],
  provideCompletionItems(model, position) {
    const before = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
    const typed = typedModule(before);
    if (typed === null) return { suggestions: [] };
    const own = projectModules(Object.keys(useWorkspace.getState().files));
    const shipped = frameworks.stacks.flatMap((stack) =>
      stack.importable.map((name) => [name, stack] as const),
    );
    const part = typed.length - typed.lastIndexOf(".") - 1;
    const range = new monaco.Range(
      position.lineNumber,
      position.column - part,
      position.lineNumber,
      position.column,
    );
    const stackOf = new Map(shipped);
    const names = moduleCompletions(typed, [
      ...own,
      "paste",
      "paste.httpserver",
      ...stackOf.keys(),
    ]);
    return {
      suggestions: names.map((name) => {
        const stack = stackOf.get(name) ?? stackOf.get(name.split(".")[0]!);
        const pkg = stack?.packages.find((one) => one.modules.includes(name.split(".")[0]!));
        return {
          label: name,
          kind: monaco.languages.CompletionItemKind.Module,
          insertText: name.slice(typed.length - part),
          // Monaco matches what is typed of the last part against this.
          filterText: name.slice(typed.length - part),
          detail: pkg
            ? `${pkg.name} ${pkg.version} (${pkg.license}), loaded when a file imports it`
            : own.includes(name)
              ? "a module of this project"
              : "the playground's paste: httpserver.serve, as the seeds use it",
          range,
        };
      }),
    };
  },
});

export { monaco };
