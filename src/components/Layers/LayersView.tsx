/**
 * @module LayersView
 * The Layers tab: the stack the request went down and the response came up,
 * outermost first: the server, each layer, the app last. Each item says
 * what that layer changed: the environ keys on the way down (what it
 * received against what it passed to the layer below), the status and
 * headers on the way up (what the layer below passed up against what it
 * passed on), what it returned and who closed it, and its time. Expanded, it shows the whole environ it received and the headers
 * it passed up.
 */
import { useEffect, useRef, useState } from "react";
import { revealInEditor } from "../../state/editor-nav";
import { LayerSequence } from "./LayerSequence";
import {
  environDiff,
  environText,
  headChanges,
  passedUp,
  type EnvironChange,
  type HeadChange,
  type Layer,
} from "../../wsgi/layers";
import type { ResponseRecord, TraceEvent } from "../../wsgi/records";
import "./layers-view.css";
import { count, ms } from "../common/format";

function environLine(change: EnvironChange): string {
  if (change.before === undefined) return `${change.key} added: ${environText(change.after)}`;
  if (change.after === undefined)
    return `${change.key} removed (was ${environText(change.before)})`;
  return `${change.key}: ${environText(change.before)} → ${environText(change.after)}`;
}

function headLine(change: HeadChange): string {
  switch (change.kind) {
    case "status":
      return `status: ${change.before} → ${change.after}`;
    case "added":
      return `${change.name}: ${change.value} added`;
    case "removed":
      return `${change.name}: ${change.value} removed`;
    case "changed":
      return `${change.name}: ${change.before} → ${change.after}`;
  }
}

/** How layer `below` got its start_response from the layer above it. */
function passedDownText(below: Layer): string {
  if (below.startResponse === "caller's") return "passed its start_response down as it was";
  return `passed down a start_response of its own: ${below.startResponseName}`;
}

const sum = (sizes: number[]) => sizes.reduce((a, b) => a + b, 0);
const chunkText = (sizes: number[]) =>
  `${sizes.length} chunk${sizes.length > 1 ? "s" : ""}, ${count(sum(sizes))} bytes`;

function returnedText(layer: Layer, below: Layer | undefined): string {
  if (layer.returned === null) return "returned nothing yet";
  const size = layer.returnedLen === null ? "" : ` of ${layer.returnedLen}`;
  const through = layer.passesThrough ? ", the one the layer below returned" : "";
  const chunks = layer.chunks.length ? `; ${chunkText(layer.chunks)}` : "";
  // Its own body against the one it got from below: a layer that changed it says how.
  const changed =
    below && !layer.passesThrough && layer.chunks.length && below.chunks.length
      ? sum(layer.chunks) !== sum(below.chunks) || layer.chunks.length !== below.chunks.length
        ? ` (from ${chunkText(below.chunks)} below)`
        : ""
      : "";
  return `returned a ${layer.returned}${size}${through}${chunks}${changed}`;
}

/** The write() calls a layer's code made, from the call trace's tags. */
function writesText(trace: TraceEvent[], layer: Layer): string | null {
  const writes = trace.filter((event) => event.kind === "write" && event.layer === layer.name);
  if (!writes.length) return null;
  const bytes = sum(writes.map((event) => (event.kind === "write" ? event.size : 0)));
  return `wrote ${writes.length} time${writes.length > 1 ? "s" : ""} through write(), ${count(bytes)} bytes`;
}

function closeText(layer: Layer): string | null {
  if (!layer.closable) return null;
  return layer.closedBy
    ? `its close() was called by ${layer.closedBy}`
    : "its close() was never called";
}

/** One layer's item. */
function LayerItem({
  layers,
  index,
  selected,
  trace,
}: {
  layers: Layer[];
  index: number;
  selected: boolean;
  trace: TraceEvent[];
}) {
  const layer = layers[index]!;
  const below = layers[index + 1];
  const down = below ? environDiff(layer.environ, below.environ) : [];
  const up = headChanges(layers, index);
  const passed = passedUp(layers, index);
  const closing = closeText(layer);
  const writes = writesText(trace, layer);
  const inProject = !layer.defined.file.startsWith("/");
  const role = index === layers.length - 1 ? "the app" : `layer ${index + 1}`;
  return (
    <li
      className={selected ? "layer layer-selected" : "layer"}
      aria-label={layer.name}
      data-layer={index}
      tabIndex={-1}
    >
      <div className="layer-head">
        <strong className="layer-name">{layer.name}</strong>
        <span className="layer-kind">
          {role} · {layer.kind}
        </span>
        {inProject ? (
          <button
            type="button"
            className="link"
            title="Show where it is defined"
            onClick={() => revealInEditor(layer.defined)}
          >
            {layer.defined.file}:{layer.defined.line}
          </button>
        ) : (
          <span className="layer-where">
            {layer.defined.file}:{layer.defined.line}
          </span>
        )}
        <span className="layer-time" title="In this layer alone, and with the layers below it">
          {ms(layer.timeSelf)} · {ms(layer.timeTotal)} in all
        </span>
      </div>
      <ul className="layer-changes" aria-label={`What ${layer.name} changed`}>
        {below && down.length === 0 && below.replaced.length === 0 && (
          <li className="muted">↓ passed the environ down as it received it</li>
        )}
        {down.map((change) => (
          <li key={change.key} className="down">
            ↓ {environLine(change)}
          </li>
        ))}
        {below?.replaced.map((key) => (
          <li key={key} className="down">
            ↓ {key} replaced
          </li>
        ))}
        {below && <li className="muted">↓ {passedDownText(below)}</li>}
        {layer.calls.length > 1 && (
          <li className="up">↑ called start_response {layer.calls.length} times</li>
        )}
        {layer.calls.some((call) => call.excInfo) && (
          <li className="up">
            ↑ with exc_info: {layer.calls.find((call) => call.excInfo)!.excInfo}
          </li>
        )}
        {up.map((change, i) => (
          <li key={i} className="up">
            ↑ {headLine(change)}
          </li>
        ))}
        {writes && <li className="up">↑ {writes}</li>}
        <li className="up">↑ {returnedText(layer, below)}</li>
        {closing && <li className={layer.closedBy ? "up" : "up layer-problem"}>↑ {closing}</li>}
      </ul>
      <details>
        <summary>Environ received and headers passed up</summary>
        <table className="kv" aria-label={`Environ ${layer.name} received`}>
          <tbody>
            {Object.entries(layer.environ).map(([key, value]) => (
              <tr key={key}>
                <th>{key}</th>
                <td>{environText(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {passed && (
          <table className="kv" aria-label={`Headers ${layer.name} passed up`}>
            <tbody>
              <tr>
                <th>status</th>
                <td>{passed.status}</td>
              </tr>
              {(passed.headers ?? []).map(([name, value], i) => (
                <tr key={i}>
                  <th>{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </details>
    </li>
  );
}

/** The Layers tab for a response. */
export function LayersView({ response }: { response: ResponseRecord }) {
  const layers = response.layers ?? [];
  const [selected, setSelected] = useState<{ index: number; response: ResponseRecord } | null>(
    null,
  );
  const list = useRef<HTMLOListElement>(null);
  const shown = selected?.response === response ? selected.index : null;
  useEffect(() => {
    if (shown === null) return;
    const item = list.current?.querySelector<HTMLLIElement>(`li[data-layer="${shown}"]`);
    const details = item?.querySelector("details");
    if (details) details.open = true;
    item?.scrollIntoView({ block: "nearest" });
    item?.focus({ preventScroll: true });
  }, [shown, selected]);
  if (!layers.length) {
    return (
      <p className="hint">
        No layers were recorded for this response. A layer is each callable of your project that was
        given an environ and a start_response on the way to the app, in Python or TypeScript.
      </p>
    );
  }
  return (
    <div className="layers-view">
      <LayerSequence layers={layers} onSelect={(index) => setSelected({ index, response })} />
      <ol className="layers" aria-label="Layers" ref={list}>
        <li className="layer layer-server" aria-label="The server">
          <div className="layer-head">
            <strong className="layer-name">The server</strong>
            <span className="layer-kind">wsgiref.simple_server</span>
          </div>
          <ul className="layer-changes" aria-label="What the server did">
            <li className="muted">
              ↓ built the environ ({Object.keys(layers[0]!.environ).length} keys) and called{" "}
              {layers[0]!.name}
            </li>
            <li className="up">
              ↑ sent {response.status || "nothing"}
              {response.headers.length ? `, ${response.headers.length} headers` : ""},{" "}
              {count(response.body.length)} bytes
            </li>
          </ul>
        </li>
        {layers.map((layer, index) => (
          <LayerItem
            key={`${index} ${layer.name}`}
            layers={layers}
            index={index}
            selected={index === shown}
            trace={response.trace}
          />
        ))}
      </ol>
    </div>
  );
}
