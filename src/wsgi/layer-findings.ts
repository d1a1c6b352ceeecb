/**
 * @module layer-findings
 * What broke PEP 3333 between two layers of a TypeScript stack, with the
 * rules and words of `playground_layers.py`: an iterable with `close()`
 * the layer above never closed; a Content-Length passed up that stopped
 * matching the body; and wsgiref.validate's checks where two layers meet
 * (the server's own boundary is the server's to check): the environ a
 * layer passed down, the calls of a start_response that is not the
 * server's (a second one without exc_info too), and what a layer returned
 * to the one that read it.
 */
import {
  check_content_type,
  check_exc_info,
  check_headers,
  check_status,
  StopCheck,
  type Reporter,
} from "../runtime/validate";
import type { SourceLocation } from "./records";
import type { Watched } from "./layer-watch";

/** A finding between two layers: what, where (in the project) and the fix. */
export interface LayerFinding {
  message: string;
  location: SourceLocation | null;
  fix: string;
}

/** What one of validate's checks says, recorded nowhere else. */
export function checkMessages(check: (report: Reporter) => void): string[] {
  const found: string[] = [];
  try {
    check((_rule, severity, message) => {
      found.push(message);
      if (severity === "error") throw new StopCheck(message);
    });
  } catch {
    // A check that cannot go on after a fault stops there, as in Python.
  }
  return found;
}

/** validate's start_response checks for one call's arguments. */
export function startResponseMessages([status, headers, excInfo]: unknown[]): string[] {
  return [
    ...checkMessages((report) => check_status(status, report)),
    ...checkMessages((report) => check_headers(headers, report)),
    ...checkMessages((report) => check_content_type(status, headers, report)),
    ...checkMessages((report) => check_exc_info(excInfo ?? null, report)),
  ];
}

const unique = (messages: string[]) => [...new Set(messages)];

/** A native generator object (what a generator function returns). */
export function isGenerator(value: object): value is Generator {
  return Object.prototype.toString.call(value) === "[object Generator]";
}

/** An iterable someone must close: it has close(), or it is a generator. */
export function closable(value: unknown): value is object {
  return (
    value !== null &&
    typeof value === "object" &&
    (typeof (value as { close?: unknown }).close === "function" || isGenerator(value))
  );
}

/** The layer that made the start_response layer `index` was given (null: the server's). */
function maker(layers: readonly Watched[], index: number): Watched | null {
  const given = layers[index]!.given;
  let j = index - 1;
  while (j >= 0 && layers[j]!.given === given) j--;
  return j >= 0 ? layers[j]! : null;
}

/** The layer that read the iterable layer `index` returned (null: the server did). */
function consumer(layers: readonly Watched[], index: number): Watched | null {
  const value = layers[index]!.returned;
  for (let j = index - 1; j >= 0; j--) if (layers[j]!.returned !== value) return layers[j]!;
  return null;
}

function boundaries(layers: readonly Watched[], server: unknown): LayerFinding[] {
  const found: LayerFinding[] = [];
  for (let i = 1; i < layers.length; i++) {
    const upper = layers[i - 1]!;
    const lower = layers[i]!;
    for (const message of unique(lower.environProblems)) {
      if (upper.environProblems.includes(message)) continue;
      found.push({
        message: `${upper.site.name} passed ${lower.site.name} an environ that wsgiref.validate refuses: ${message}`,
        location: upper.site.defined,
        fix: "What a layer passes down must still be a valid environ: the rules the server's environ keeps hold at every layer (PEP 3333).",
      });
    }
  }
  layers.forEach((layer, index) => {
    if (index === 0 || layer.given === server) return;
    const made = maker(layers, index);
    const towards = made ? `the start_response ${made.site.name} gave it` : "start_response";
    for (const message of unique(layer.startResponseProblems)) {
      found.push({
        message: `${layer.site.name} called ${towards} with what wsgiref.validate refuses: ${message}`,
        location: layer.site.defined,
        fix: 'A start_response of a middleware takes what the server\'s takes: a status "200 OK" and a list of [name, value] strings.',
      });
    }
    if (layer.calls.slice(1).some((call) => call.excInfo === null)) {
      found.push({
        message: `${layer.site.name} called ${towards} ${layer.calls.length} times, again without exc_info: PEP 3333 allows a second call only with exc_info, from an error handler (the server would say 'Headers already set!').`,
        location: layer.site.defined,
        fix: "Call start_response once; to replace the headers after an error, pass the caught error as exc_info.",
      });
    }
  });
  layers.forEach((layer, index) => {
    const reader = index === 0 ? null : consumer(layers, index);
    if (reader === null) return;
    for (const message of unique(layer.iteratorProblems)) {
      found.push({
        message: `${layer.site.name} returned to ${reader.site.name} what wsgiref.validate refuses: ${message}`,
        location: layer.site.defined,
        fix: "Return an iterable of bytes: an array of Uint8Array, or a generator yielding them.",
      });
    }
    if (layer.badChunk !== null) {
      found.push({
        message: `The iterable ${layer.site.name} returned gave ${reader.site.name} a chunk that is not bytes: ${layer.badChunk} (wsgiref.validate: Iterator yielded non-bytestring).`,
        location: layer.site.defined,
        fix: "Every chunk of a body is bytes: b`text`, or new TextEncoder().encode(text).",
      });
    }
  });
  return found;
}

/** Every finding between the layers of one request. */
export function layerFindings(
  layers: readonly Watched[],
  closed: ReadonlyMap<object, string>,
  server: unknown,
): LayerFinding[] {
  const found: LayerFinding[] = [];
  for (let i = 0; i + 1 < layers.length; i++) {
    const upper = layers[i]!;
    const lower = layers[i + 1]!;
    const inner = lower.returned;
    if (closable(inner) && inner !== upper.returned && !closed.has(inner)) {
      found.push({
        message:
          `${upper.site.name} never closed the iterable ${lower.site.name} returned ` +
          `(${lower.returnedType}): PEP 3333 has middleware call its close(), also when it stops early.`,
        location: upper.site.defined,
        fix:
          `In ${upper.site.name}, close it when done: try { … } finally { ` +
          `if (typeof inner.close === "function") inner.close(); }`,
      });
    }
  }
  found.push(...boundaries(layers, server));
  // Content-Length passed up against the body produced, innermost first: the layer where
  // they stop agreeing is the one that changed one and not the other.
  let agreed: boolean | null = null;
  let passed: [string, string][] | null = null;
  for (const layer of [...layers].reverse()) {
    const last = layer.calls.at(-1);
    if (last) passed = last.headers ?? [];
    const length = (passed ?? []).find(
      ([name, value]) => name.toLowerCase() === "content-length" && /^\s*\d+\s*$/.test(value),
    )?.[1];
    const sent = layer.chunks.reduce((sum, size) => sum + size, 0);
    const agrees =
      length === undefined || layer.chunks.length === 0 ? null : Number(length) === sent;
    if (agrees === false && agreed !== false) {
      found.push({
        message: `${layer.site.name} passed up Content-Length: ${length!.trim()}, but the body it produced is ${sent} bytes.`,
        location: layer.site.defined,
        fix: "A layer that changes the body must correct Content-Length in the headers it passes up, or drop it.",
      });
    }
    if (agrees !== null) agreed = agrees;
  }
  return found;
}
