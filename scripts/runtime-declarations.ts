/**
 * Declaration text for the runtime's modules, which Monaco loads as the
 * `"wsgi"` package. Made with TypeScript's isolated-declarations
 * transpiler, so every exported function must spell out its types.
 */
import ts from "typescript";

/**
 * The transpiler (TypeScript 5.9) writes a class's `[Symbol.iterator]()`
 * method twice, once as a property; the copy makes the file invalid.
 */
function dropDuplicateSymbolProperties(text: string): string {
  return text.replace(/^\s*\[Symbol\.\w+\]: \(\) => [^;\n]+;\n/gm, "");
}

/** The `.d.ts` text of one runtime module, or the problems that prevent it. */
export function runtimeDeclaration(
  fileName: string,
  source: string,
): { text: string; problems: string[] } {
  const result = ts.transpileDeclaration(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, isolatedDeclarations: true, strict: true },
  });
  const problems = (result.diagnostics ?? []).map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  );
  return { text: dropDuplicateSymbolProperties(result.outputText), problems };
}
