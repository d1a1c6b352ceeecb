/**
 * @module RawTab
 * The exact bytes that will be sent. Off: the structured request as text.
 * On (raw mode): the request typed by hand, with escapes for any byte, or
 * loaded from a file, and sent as exactly those bytes; the bytes are shown
 * in hex and text beside it.
 */
import { useMemo, useState } from "react";
import { bytesToRawText, rawTextToBytes } from "../../request/raw-text";
import { composeRequest, previewRequest } from "../../request/compose";
import type { RawDraft } from "../../request/draft";
import { draftFromRaw } from "../../request/from-raw";
import { replaceRequest, updateRequest, useRequest } from "../../state/request";
import { serializeRequest } from "../../wsgi/raw-request";
import { useComposed } from "./use-composed";
import { count } from "../common/format";

function setRaw(change: Partial<RawDraft>): void {
  updateRequest({ raw: { ...useRequest.getState().raw, ...change } });
}

/** The structured request's bytes as raw text, or "" when it cannot be composed. */
function structuredText(lineEnd: RawDraft["lineEnd"]): string {
  try {
    const draft = { ...useRequest.getState(), raw: { on: false, text: "", lineEnd } };
    return bytesToRawText(serializeRequest(composeRequest(draft).record), lineEnd);
  } catch {
    return "";
  }
}

/** Offset, sixteen bytes in hex, and the same bytes as ASCII: a classic dump. */
function hexDump(bytes: Uint8Array, limit = 4096): string {
  const rows: string[] = [];
  const shown = Math.min(bytes.length, limit);
  for (let at = 0; at < shown; at += 16) {
    const row = bytes.subarray(at, Math.min(at + 16, shown));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, "0")).join(" ");
    const text = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : "."));
    rows.push(`${at.toString(16).padStart(6, "0")}  ${hex.padEnd(47)}  ${text.join("")}`);
  }
  if (bytes.length > shown) rows.push(`… ${count(bytes.length - shown)} more bytes`);
  return rows.join("\n");
}

function RawEditor({ onCopied }: { onCopied: (lost: string[]) => void }) {
  const raw = useRequest((state) => state.raw);
  const parsed = useMemo(() => {
    try {
      return { bytes: rawTextToBytes(raw.text, raw.lineEnd), error: null };
    } catch (error) {
      return { bytes: null, error: error instanceof Error ? error.message : String(error) };
    }
  }, [raw.text, raw.lineEnd]);
  return (
    <div className="raw-editor">
      <p className="hint">
        Each line you type ends with {raw.lineEnd === "crlf" ? "CR LF" : "LF"}. Escapes:{" "}
        <code>\r</code> <code>\n</code> <code>\t</code> <code>\\</code> and <code>\xNN</code> for
        any byte; text outside ASCII goes out as UTF-8. The Host field above still names the virtual
        server (SERVER_NAME, SERVER_PORT).
      </p>
      <textarea
        aria-label="Raw request text"
        spellCheck={false}
        rows={10}
        value={raw.text}
        onChange={(event) => setRaw({ text: event.target.value })}
      />
      <div className="raw-actions">
        <label className="inline">
          Typed lines end with{" "}
          <select
            aria-label="Line ends"
            value={raw.lineEnd}
            onChange={(event) => {
              const lineEnd = event.target.value as RawDraft["lineEnd"];
              // Keep the bytes: rewrite the text for the new line ends.
              const text = parsed.bytes ? bytesToRawText(parsed.bytes, lineEnd) : raw.text;
              setRaw({ lineEnd, text });
            }}
          >
            <option value="crlf">CR LF</option>
            <option value="lf">LF</option>
          </select>
        </label>
        <label className="button-like">
          Load from a file…
          <input
            type="file"
            aria-label="Load the raw request from a file"
            className="visually-hidden"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (!file) return;
              void file.arrayBuffer().then((buffer) => {
                setRaw({ text: bytesToRawText(new Uint8Array(buffer), raw.lineEnd) });
              });
              event.target.value = "";
            }}
          />
        </label>
        <button type="button" onClick={() => setRaw({ text: structuredText(raw.lineEnd) })}>
          Copy from the structured request
        </button>
        <button
          type="button"
          disabled={!parsed.bytes}
          onClick={() => {
            const { draft, lost } = draftFromRaw(parsed.bytes!, useRequest.getState());
            replaceRequest(draft);
            onCopied(lost);
          }}
        >
          Copy to the structured request
        </button>
      </div>
      {parsed.error ? (
        <p className="error" role="alert">
          {parsed.error}
        </p>
      ) : (
        <>
          <p className="hint" aria-label="Raw request size">
            {count(parsed.bytes!.length)} bytes
          </p>
          <pre className="raw hex" role="region" aria-label="Raw request bytes" tabIndex={0}>
            {hexDump(parsed.bytes!)}
          </pre>
        </>
      )}
    </div>
  );
}

/** The Raw tab. */
export function RawTab() {
  const on = useRequest((state) => state.raw.on);
  const composed = useComposed();
  const [copied, setCopied] = useState<string[] | null>(null);
  return (
    <div className="raw-tab">
      <label className="inline">
        <input
          type="checkbox"
          checked={on}
          onChange={(event) => {
            const raw = useRequest.getState().raw;
            // Switching on for the first time starts from the structured request's bytes;
            // after that, each side keeps what was typed in it.
            const text = raw.text || structuredText(raw.lineEnd);
            setRaw({ on: event.target.checked, text });
            setCopied(null);
          }}
        />
        Raw mode: send the bytes typed here instead of the structured request
      </label>
      {copied && !on && (
        <div className="hint" role="status" aria-label="Copied to the structured request">
          {copied.length === 0 ? (
            "Copied to the structured request: everything was kept."
          ) : (
            <>
              Copied to the structured request, except:
              <ul>
                {copied.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {on ? (
        <RawEditor onCopied={setCopied} />
      ) : composed.ok ? (
        <pre className="raw" role="region" aria-label="Raw request" tabIndex={0}>
          {previewRequest(composed.value.record)}
        </pre>
      ) : (
        <p className="error" role="alert">
          {composed.error}
        </p>
      )}
    </div>
  );
}
