/**
 * @module sequence
 * The arrows of the Layers tab's sequence picture, in the order they
 * happened: each call going down, each start_response call and return
 * coming up, the chunks an iterable gave to the layer that read it, and
 * each close() (or its absence). Column 0 is the server; layer `i` is
 * column `i + 1`. Pure, so the picture is tested without drawing it.
 *
 * @example
 * sequence(layers)[0]; // { from: 0, to: 1, label: "tag(environ, start_response)", layer: 0, … }
 */
import type { Layer } from "../../wsgi/layers";
import { count } from "../common/format";

/** One arrow of the picture. */
export interface Arrow {
  /** The column it starts from and the one it points at. */
  from: number;
  to: number;
  kind: "call" | "start_response" | "return" | "chunks" | "close" | "unclosed";
  label: string;
  /** The layer the arrow tells about (the one its click shows). */
  layer: number;
  /** Milliseconds since the request began (arrows are sorted by it). */
  at: number;
}

/** The last part of a qualified name: `tag` of `add_header.<locals>.tag`. */
export function shortName(name: string): string {
  return name.slice(name.lastIndexOf(".") + 1);
}

/** The column of the layer that made the start_response layer `index` was given (0: the server's). */
function makerColumn(layers: readonly Layer[], index: number): number {
  let j = index;
  while (j > 0 && layers[j]!.startResponse === "caller's") j--;
  return j;
}

/** The column of the layer that read the iterable layer `index` returned (0: the server). */
function readerColumn(layers: readonly Layer[], index: number): number {
  let j = index - 1;
  while (j >= 0 && layers[j]!.passesThrough) j--;
  return j + 1;
}

/**
 * What the start_response layer `index` was given is called in the picture:
 * the name its maker gave it (a wrapper's own name), or `start_response`
 * for the server's, however many layers passed it down unchanged (the
 * server's own callable has a name of the playground's, never the user's).
 */
function startResponseLabel(layers: readonly Layer[], index: number): string {
  // The layer that received it from its maker: the first layer, or the one below a wrapper's maker.
  const received = layers[makerColumn(layers, index)]!;
  return received.startResponse === "wrapper"
    ? shortName(received.startResponseName)
    : "start_response";
}

function columnOf(layers: readonly Layer[], name: string | null): number {
  const index = layers.findIndex((layer) => layer.name === name);
  return index === -1 ? 0 : index + 1;
}

/** Every arrow between the server and the layers, in time order. */
export function sequence(layers: readonly Layer[]): Arrow[] {
  const arrows: Arrow[] = [];
  // What never happened goes last; a close() whose time is unknown, after what is known.
  const end = Number.POSITIVE_INFINITY;
  layers.forEach((layer, index) => {
    const column = index + 1;
    const name = shortName(layer.name);
    const entered = layer.enteredAt ?? 0;
    // A generator function's body runs when its generator is first read, by whoever reads it.
    arrows.push({
      from: layer.kind === "generator" ? readerColumn(layers, index) : column - 1,
      to: column,
      kind: "call",
      label:
        layer.kind === "generator"
          ? `read: ${name}'s body runs`
          : `${name}(environ, ${startResponseLabel(layers, index)})`,
      layer: index,
      at: entered,
    });
    const maker = makerColumn(layers, index);
    for (const call of layer.calls) {
      arrows.push({
        from: column,
        to: maker,
        kind: "start_response",
        label: `start_response(${call.status}${call.excInfo ? ", exc_info" : ""})`,
        layer: index,
        at: call.at ?? entered,
      });
    }
    if (layer.returnedAt !== undefined && layer.returnedAt !== null && layer.returned) {
      arrows.push({
        from: column,
        to: column - 1,
        kind: "return",
        label: `returns ${layer.returned}${layer.returnedLen === null ? "" : ` of ${layer.returnedLen}`}`,
        layer: index,
        at: layer.returnedAt,
      });
    }
    if (layer.passesThrough) return;
    const reader = readerColumn(layers, index);
    if (layer.chunks.length && layer.returned !== "list" && layer.returned !== "tuple") {
      const bytes = layer.chunks.reduce((sum, size) => sum + size, 0);
      arrows.push({
        from: column,
        to: reader,
        kind: "chunks",
        label: `${layer.chunks.length} chunk${layer.chunks.length > 1 ? "s" : ""}, ${count(bytes)} bytes`,
        layer: index,
        at: layer.firstChunkAt ?? entered,
      });
    }
    if (layer.closable && layer.closedBy) {
      arrows.push({
        from: columnOf(layers, layer.closedBy === "the server" ? null : layer.closedBy),
        to: column,
        kind: "close",
        label: "close()",
        layer: index,
        at: layer.closedAt ?? end,
      });
    } else if (layer.closable) {
      arrows.push({
        from: reader,
        to: column,
        kind: "unclosed",
        label: "close() never called",
        layer: index,
        at: end,
      });
    }
  });
  return arrows
    .map((arrow, order) => ({ arrow, order }))
    .sort((a, b) => a.arrow.at - b.arrow.at || a.order - b.order)
    .map(({ arrow }) => arrow);
}
