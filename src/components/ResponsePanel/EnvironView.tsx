/**
 * @module EnvironView
 * Every key the app received, grouped (CGI variables, HTTP headers,
 * wsgi.*), each standard key explained on hover, with a filter and copy as
 * JSON or as a Python dict. For a Python app, what differs from
 * `python3 app.py` by nature is said beside the key.
 */
import { useState } from "react";
import {
  describeKey,
  environAsPython,
  groupOf,
  type EnvironGroup,
} from "../../inspect/environ-docs";
import { natureNote, PROCESS_ENVIRON_NOTE } from "../../inspect/environ-nature";
import { reprStr } from "../../runtime/repr";
import { languageOf } from "../../runner/runtimes";
import { useWorkspace } from "../../state/workspace";
import "./environ-view.css";
import type { EnvironValue } from "../../wsgi/records";

const GROUPS: EnvironGroup[] = ["CGI variables", "HTTP headers", "wsgi.*", "Other"];

function show(value: EnvironValue): string {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value.repr;
  // Control characters (a raw 0x80 byte in the path is U+0080) would be invisible: show the repr.
  // eslint-disable-next-line no-control-regex -- these control characters are the point
  if (typeof value === "string") return /[\x00-\x1f\x7f-\x9f]/.test(value) ? reprStr(value) : value;
  return JSON.stringify(value);
}

/** The Environ tab. */
export function EnvironView({ environ }: { environ: Record<string, EnvironValue> }) {
  // Where a Python app's environ differs from python3's by nature, it says so.
  const python = useWorkspace((state) => languageOf(state.entry) === "python");
  const [filter, setFilter] = useState("");
  const [copied, setCopied] = useState<string | null>(null);
  const needle = filter.trim().toLowerCase();
  const entries = Object.entries(environ).filter(
    ([key, value]) =>
      !needle || key.toLowerCase().includes(needle) || show(value).toLowerCase().includes(needle),
  );
  const copy = async (what: string, text: string) => {
    await navigator.clipboard.writeText(text).catch(() => undefined);
    setCopied(what);
  };
  return (
    <div className="environ-view">
      <div className="row-actions">
        <input
          type="search"
          aria-label="Filter environ"
          placeholder="Filter keys and values"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
        <button
          type="button"
          className="small"
          onClick={() => void copy("JSON", JSON.stringify(environ, null, 2))}
        >
          Copy as JSON
        </button>
        <button
          type="button"
          className="small"
          onClick={() => void copy("Python dict", environAsPython(environ))}
        >
          Copy as Python dict
        </button>
        {copied && (
          <span className="meta" role="status">
            Copied as {copied}
          </span>
        )}
      </div>
      {python && <p className="hint nature-note">{PROCESS_ENVIRON_NOTE}</p>}
      <table className="kv environ" aria-label="Environ">
        {GROUPS.map((group) => {
          const rows = entries.filter(([key]) => groupOf(key) === group);
          if (rows.length === 0) return null;
          return (
            <tbody key={group}>
              <tr className="group">
                <th colSpan={2} scope="rowgroup">
                  {group}
                </th>
              </tr>
              {rows.map(([key, value]) => (
                <tr key={key}>
                  <th scope="row" title={describeKey(key)}>
                    {key}
                  </th>
                  <td>
                    {show(value)}
                    {python && natureNote(key) && (
                      <span className="nature-note">{natureNote(key)}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
      {entries.length === 0 && <p className="hint">No key or value matches “{filter}”.</p>}
    </div>
  );
}
