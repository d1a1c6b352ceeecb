/// <reference lib="webworker" />
/**
 * @module compiler.worker
 * The esbuild-wasm compiler, in its own module Worker so a build never
 * blocks the page. esbuild is initialised once, on the first message, and
 * reused for every build.
 */
import * as esbuild from "esbuild-wasm/esm/browser.js";
import wasmURL from "esbuild-wasm/esbuild.wasm?url";
import type { CompileMessage, CompileRequest, CompilerReply } from "../protocol/compiler";
import { buildProject } from "./build-project";

declare const self: DedicatedWorkerGlobalScope;

let ready: Promise<void> | null = null;

function initialize(): Promise<void> {
  ready ??= esbuild.initialize({ wasmURL, worker: false });
  return ready;
}

function toMessage(message: esbuild.PartialMessage): CompileMessage {
  const location = message.location;
  return {
    text: message.text ?? "",
    file: location?.file?.replace(/^project:/, ""),
    line: location?.line,
    column: location?.column,
    length: location?.length,
    lineText: location?.lineText,
  };
}

async function compile(request: CompileRequest): Promise<CompilerReply> {
  await initialize();
  const started = performance.now();
  try {
    const result = await buildProject(esbuild, request.files, request.entry);
    return {
      type: "compiled",
      id: request.id,
      code: result.code,
      warnings: result.warnings.map(toMessage),
      time: performance.now() - started,
    };
  } catch (error) {
    const failure = error as Partial<esbuild.BuildFailure>;
    return {
      type: "compile-failed",
      id: request.id,
      errors: failure.errors?.map(toMessage) ?? [{ text: String(error) }],
      warnings: failure.warnings?.map(toMessage) ?? [],
    };
  }
}

self.onmessage = async (event: MessageEvent<CompileRequest>) => {
  self.postMessage(await compile(event.data));
};
