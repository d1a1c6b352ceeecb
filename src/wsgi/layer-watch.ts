/**
 * @module layer-watch
 * The layers of a TypeScript stack, found as the request runs: the
 * counterpart of `playground_layers.py`, reporting the same {@link Layer}
 * records.
 *
 * The bundle's functions call {@link LayerHooks} (the compiler put the
 * calls in, see `src/compiler/layer-transform.ts`). A call whose arguments
 * are an environ and a callable is a layer. For each the watch keeps
 *
 * - the environ it received (a snapshot) and which of its objects its caller
 *   replaced;
 * - each call of the start_response it was given: the body receives a
 *   recording stand-in for it, which calls the real one; a stand-in passed
 *   further down is unwrapped first, so a call is the innermost layer's
 *   that was given it, as in Python;
 * - what it returned; the chunks its iterable gave (an own `next` or
 *   `[Symbol.iterator]` on the object that records and calls the original:
 *   the object stays the same object), and who called its `close()` (or a
 *   generator's `return()`);
 * - its time, in itself and with the layers below it.
 *
 * Nothing is watched outside a request: the hooks then run the body as it
 * was.
 */
import { environText, type Layer, type LayerStartResponse } from "./layers";
import { snapshotEnviron } from "./environ-snapshot";
import { exceptionLine } from "./errors";
import { pyRepr, pyTypeName } from "../runtime/repr";
import { check_environ, check_iterator } from "../runtime/validate";
import {
  checkMessages,
  closable,
  isGenerator,
  layerFindings,
  startResponseMessages,
  type LayerFinding,
} from "./layer-findings";
import type { LayerSite } from "./layer-hooks";

export type { LayerFinding };

type AnyFunction = (...args: unknown[]) => unknown;

function sizeOf(chunk: unknown): number | null {
  if (chunk instanceof Uint8Array || typeof chunk === "string") return chunk.length;
  return null;
}

/** `obj.name = wrapper(original)` as an own property, if the object lets it be set. */
function wrapOwn(
  target: object,
  key: string | symbol,
  wrap: (original: AnyFunction) => AnyFunction,
) {
  const original = (target as Record<string | symbol, unknown>)[key];
  if (typeof original !== "function") return;
  try {
    Object.defineProperty(target, key, {
      value: wrap(original as AnyFunction),
      configurable: true,
      writable: true,
      enumerable: false,
    });
  } catch {
    // A frozen object: its chunks or close go unseen.
  }
}

function describeCall(args: unknown[]): LayerStartResponse {
  const [status, headers, excInfo] = args;
  const pairs =
    Array.isArray(headers) &&
    headers.every(
      (h) =>
        Array.isArray(h) && h.length === 2 && typeof h[0] === "string" && typeof h[1] === "string",
    )
      ? (headers as [string, string][]).map(([name, value]) => [name, value] as [string, string])
      : null;
  return {
    status: typeof status === "string" ? status : pyRepr(status),
    headers: pairs,
    headersRepr: Array.isArray(headers) ? null : pyRepr(headers),
    excInfo: excInfo === undefined || excInfo === null ? null : exceptionLine(excInfo),
  };
}

/** Two layers received the same environ: the same keys and values, the same stream objects. */
function sameEnviron(a: Watched, b: Watched): boolean {
  if (a.objects[0] !== b.objects[0] || a.objects[1] !== b.objects[1]) return false;
  const keys = Object.keys(b.environ);
  if (keys.length !== Object.keys(a.environ).length) return false;
  return keys.every(
    (key) => key in a.environ && environText(a.environ[key]) === environText(b.environ[key]),
  );
}

/** What the watch keeps of one layer while the request runs. */
export class Watched {
  readonly calls: LayerStartResponse[] = [];
  returned: unknown = undefined;
  hasReturned = false;
  returnedType: string | null = null;
  returnedLen: number | null = null;
  chunks: number[] = [];
  passesThrough = false;
  total = 0;
  below = 0;
  readonly environ: Layer["environ"];
  readonly objects: [unknown, unknown];
  /** What wsgiref.validate says of the environ as it came in (below the server's boundary). */
  environProblems: string[] = [];
  /** What it says of the calls of a start_response that is not the server's. */
  readonly startResponseProblems: string[] = [];
  iteratorProblems: string[] = [];
  /** repr() of the first chunk its iterable gave that was not bytes. */
  badChunk: string | null = null;
  /** Milliseconds since the request began: when its code began, returned, gave a chunk, was closed. */
  enteredAt = 0;
  returnedAt: number | null = null;
  firstChunkAt: number | null = null;
  closedAt: number | null = null;

  constructor(
    readonly site: LayerSite,
    readonly environRef: Record<string, unknown>,
    /** The start_response it was given, with any stand-in of ours taken off. */
    readonly given: AnyFunction,
  ) {
    this.environ = snapshotEnviron(environRef);
    this.objects = [environRef["wsgi.input"], environRef["wsgi.errors"]];
  }
}

/** One request's layers (see the module's comment). */
export class LayerWatch {
  private readonly layers: Watched[] = [];
  private readonly active: { layer: Watched; started: number; below: number }[] = [];
  /** Our stand-ins → the start_response each stands in for. */
  private readonly standIns = new WeakMap<AnyFunction, AnyFunction>();
  /** Start_response functions named by the site their first call entered. */
  private readonly names = new WeakMap<AnyFunction, string>();
  /** A stand-in calling the function it stands in for: the next site entered names that function. */
  private naming: AnyFunction | null = null;
  /** Iterables → the layer whose iterable each is (null: the server got it, no layer yet). */
  private readonly watched = new Map<object, Watched | null>();
  /** Iterables → who closed each: a layer's name, or "the server". */
  private readonly closed = new Map<object, string>();
  /** The iterables being stepped now, innermost last (a generator layer finds its own here). */
  private readonly stepping: object[] = [];

  constructor(
    private readonly serverStartResponse: AnyFunction,
    /** The request's clock: milliseconds since it began. */
    private readonly at: () => number = () => 0,
  ) {
    this.names.set(serverStartResponse, "BaseHandler.start_response");
  }

  /** A site was entered with arguments that make no layer: it may be a start_response called. */
  named(site: LayerSite | undefined): void {
    if (this.naming && site && !this.names.has(this.naming)) this.names.set(this.naming, site.name);
    this.naming = null;
  }

  private begin(site: LayerSite, environ: Record<string, unknown>, given: AnyFunction): Watched {
    this.named(site);
    const layer = new Watched(site, environ, this.standIns.get(given) ?? given);
    layer.enteredAt = this.at();
    // validate's word on the environ as it came in. The first layer's is the server's own
    // (reported by the server); a layer whose environ is the one above it, unchanged, gets
    // the same word without asking again.
    const caller = this.layers.at(-1);
    layer.environProblems =
      caller && sameEnviron(caller, layer)
        ? caller.environProblems
        : checkMessages((report) => check_environ(environ, report));
    this.layers.push(layer);
    return layer;
  }

  /** The stand-in for the start_response `layer` was given: records each call, then makes it. */
  private standIn(layer: Watched): AnyFunction {
    const real = layer.given;
    const naming = (fn: AnyFunction | null) => {
      const before = this.naming;
      this.naming = fn;
      return before;
    };
    const ours = real === this.serverStartResponse;
    const at = this.at;
    const standIn = function (this: unknown, ...args: unknown[]) {
      layer.calls.push({ ...describeCall(args), at: at() });
      if (!ours) layer.startResponseProblems.push(...startResponseMessages(args));
      const before = naming(real);
      try {
        return real.apply(this, args);
      } finally {
        naming(before);
      }
    };
    this.standIns.set(standIn, real);
    return standIn;
  }

  private timed<T>(layer: Watched, fn: () => T): T {
    const entry = { layer, started: performance.now(), below: 0 };
    this.active.push(entry);
    try {
      return fn();
    } finally {
      const spent = performance.now() - entry.started;
      this.active.pop();
      layer.total += spent;
      layer.below += entry.below;
      const outer = this.active.at(-1);
      if (outer) outer.below += spent;
    }
  }

  /** A function layer: run its body with the stand-in, and keep what it returned. */
  enter(
    site: LayerSite,
    environ: Record<string, unknown>,
    startResponse: AnyFunction,
    body: (a: unknown, b: unknown) => unknown,
  ): unknown {
    const layer = this.begin(site, environ, startResponse);
    const value = this.timed(layer, () => body(environ, this.standIn(layer)));
    if (!layer.hasReturned) this.returned(layer, value);
    return value;
  }

  /** A generator layer, entered when it is first stepped: drive its body, timing each step. */
  enterGenerator(
    site: LayerSite,
    environ: Record<string, unknown>,
    startResponse: AnyFunction,
    body: (recorder: AnyFunction) => Iterator<unknown>,
  ): Iterator<unknown> {
    const layer = this.begin(site, environ, startResponse);
    // The generator its caller got back is the one being stepped now.
    const own = this.stepping.at(-1);
    if (own !== undefined && this.watched.has(own) && isGenerator(own)) {
      layer.returned = own;
      layer.hasReturned = true;
      layer.returnedType = "generator";
      this.watched.set(own, layer);
    }
    const inner = body(this.standIn(layer));
    return this.drive(layer, inner);
  }

  private *drive(layer: Watched, inner: Iterator<unknown>): Generator<unknown, unknown, unknown> {
    let done = false;
    try {
      let step = this.timed(layer, () => inner.next());
      for (;;) {
        if (step.done) {
          done = true;
          return step.value;
        }
        let input: unknown;
        try {
          input = yield step.value;
        } catch (error) {
          if (!inner.throw) throw error;
          step = this.timed(layer, () => inner.throw!(error));
          continue;
        }
        step = this.timed(layer, () => inner.next(input));
      }
    } finally {
      if (!done) this.timed(layer, () => inner.return?.());
    }
  }

  /** The server got `result` from the app: watch it (a generator layer may claim it when stepped). */
  servedResult(result: unknown): void {
    if (result !== null && typeof result === "object" && !this.watched.has(result)) {
      this.watch(result, null);
    }
  }

  private returned(layer: Watched, value: unknown): void {
    layer.hasReturned = true;
    layer.returned = value;
    layer.returnedAt = this.at();
    layer.returnedType =
      value !== null && typeof value === "object" && isGenerator(value)
        ? "generator"
        : pyTypeName(value);
    if (layer !== this.layers[0]) {
      layer.iteratorProblems = checkMessages((report) => check_iterator(value, report));
    }
    if (Array.isArray(value)) {
      layer.returnedLen = value.length;
      layer.chunks = value.map((chunk) => sizeOf(chunk) ?? 0);
      const wrong = value.find((chunk) => !(chunk instanceof Uint8Array));
      if (wrong !== undefined) layer.badChunk = pyRepr(wrong).slice(0, 60);
    } else if (value !== null && typeof value === "object" && !this.watched.has(value)) {
      this.watch(value, layer);
    }
  }

  /** Record the chunks `iterable` gives and who closes it, without changing what it is. */
  private watch(iterable: object, owner: Watched | null): void {
    this.watched.set(iterable, owner);
    const chunk = (value: IteratorResult<unknown>) => {
      if (!value || value.done) return;
      const size = sizeOf(value.value);
      const layer = this.watched.get(iterable);
      if (!layer) return;
      if (size !== null) {
        layer.chunks.push(size);
        layer.firstChunkAt ??= this.at();
      }
      if (!(value.value instanceof Uint8Array) && layer.badChunk === null) {
        layer.badChunk = pyRepr(value.value).slice(0, 60);
      }
    };
    const close = (original: AnyFunction) =>
      function (this: unknown, ...args: unknown[]) {
        watchClose();
        return original.apply(this, args);
      };
    const watchClose = () => this.closing(iterable);
    const stepping = this.stepping;
    const stepper = (original: AnyFunction) =>
      function (this: unknown, ...args: unknown[]) {
        stepping.push(iterable);
        try {
          const result = original.apply(this, args) as IteratorResult<unknown>;
          chunk(result);
          return result;
        } finally {
          stepping.pop();
        }
      };
    if (isGenerator(iterable)) {
      wrapOwn(iterable, "next", stepper);
      wrapOwn(iterable, "return", close);
      return;
    }
    wrapOwn(iterable, "close", close);
    wrapOwn(
      iterable,
      Symbol.iterator,
      (original) =>
        function (this: unknown, ...args: unknown[]) {
          const iterator = original.apply(this, args) as Iterator<unknown>;
          if (iterator && typeof iterator === "object" && iterator !== iterable) {
            wrapOwn(iterator, "next", stepper);
          }
          return iterator;
        },
    );
  }

  private closing(iterable: object): void {
    if (this.closed.has(iterable)) return;
    const owner = this.watched.get(iterable);
    const closer = [...this.active].reverse().find((entry) => entry.layer !== owner);
    this.closed.set(iterable, closer ? closer.layer.site.name : "the server");
    if (owner) owner.closedAt = this.at();
  }

  /** Every layer, outermost first, as the page gets them. */
  report(): Layer[] {
    const layers = this.layers;
    for (let i = layers.length - 2; i >= 0; i--) {
      const upper = layers[i]!;
      const lower = layers[i + 1]!;
      if (upper.hasReturned && lower.hasReturned && upper.returned === lower.returned) {
        upper.passesThrough = true;
        if (upper.chunks.length === 0) {
          upper.chunks = lower.chunks;
          upper.firstChunkAt = lower.firstChunkAt;
        }
      }
    }
    return layers.map((layer, i) => {
      const caller = i > 0 ? layers[i - 1]! : null;
      const returned = layer.returned;
      return {
        name: layer.site.name,
        kind: layer.site.kind,
        defined: layer.site.defined,
        environ: layer.environ,
        replaced: caller
          ? (["wsgi.input", "wsgi.errors"] as const).filter(
              (_, k) => layer.objects[k] !== caller.objects[k],
            )
          : [],
        startResponse:
          caller === null ? "server's" : layer.given === caller.given ? "caller's" : "wrapper",
        startResponseName: this.names.get(layer.given) ?? (layer.given.name || "<anonymous>"),
        calls: layer.calls,
        returned: layer.hasReturned ? layer.returnedType : null,
        returnedLen: layer.returnedLen,
        chunks: layer.chunks,
        passesThrough: layer.passesThrough,
        closable: closable(returned),
        closedBy:
          returned !== null && typeof returned === "object"
            ? (this.closed.get(returned) ?? null)
            : null,
        enteredAt: layer.enteredAt,
        returnedAt: layer.returnedAt,
        firstChunkAt: layer.firstChunkAt,
        closedAt: layer.closedAt,
        timeTotal: layer.total,
        timeSelf: Math.max(layer.total - layer.below, 0),
      };
    });
  }

  /** What broke PEP 3333 between two layers (the same rules as playground_layers.py). */
  findings(): LayerFinding[] {
    return layerFindings(this.layers, this.closed, this.serverStartResponse);
  }

  /** The name of the layer whose code runs now (a call of the server's start_response is its). */
  innermost(): string | null {
    return this.active.at(-1)?.layer.site.name ?? null;
  }

  /** True when the request went through at least one layer. */
  get found(): boolean {
    return this.layers.length > 0;
  }
}
