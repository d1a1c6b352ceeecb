/**
 * @module RequestBytesView
 * The request as the server read it: each line (or stretch) of its bytes,
 * and what became of it: the environ key a header became, a line the parser
 * dropped and why, the body the app can read, bytes never read.
 */
import type { ByteFate } from "../../wsgi/http-request";
import "./request-bytes-view.css";
import { count } from "../common/format";

const SHOWN = 160;

const KIND: Record<ByteFate["kind"], string> = {
  "request-line": "request line",
  header: "header",
  continuation: "continued",
  end: "end of headers",
  dropped: "dropped",
  body: "body",
  unread: "not read",
};

/** Bytes as text a reader can see: printable ASCII as is, the rest as \r, \n, \t or \xNN. */
function visible(raw: Uint8Array, start: number, end: number): string {
  let out = "";
  for (const b of raw.subarray(start, Math.min(end, start + SHOWN))) {
    out +=
      b === 0x0d
        ? "\\r"
        : b === 0x0a
          ? "\\n"
          : b === 0x09
            ? "\\t"
            : b === 0x5c
              ? "\\\\"
              : b >= 0x20 && b < 0x7f
                ? String.fromCharCode(b)
                : `\\x${b.toString(16).padStart(2, "0")}`;
  }
  return end - start > SHOWN ? `${out}… (${count(end - start)} bytes)` : out;
}

/**
 * The Request bytes view. `server` is the server that answered: the lines'
 * fates are told by the playground's twin of wsgiref's parser, so another
 * server's reading is said to be its own.
 */
export function RequestBytesView({
  fates,
  raw,
  server,
}: {
  fates?: ByteFate[];
  raw?: Uint8Array;
  server?: string;
}) {
  if (!fates || !raw) {
    return <p className="placeholder">This response has no record of the request's bytes.</p>;
  }
  return (
    <>
      {server && server !== "wsgiref" && (
        <p className="fates-reader" role="note">
          As wsgiref reads them. {server} answered this request and reads them by its own rules (its
          environ is in Environ; Servers shows each server's reading side by side).
        </p>
      )}
      <FatesTable fates={fates} raw={raw} />
    </>
  );
}

/** Each stretch of the request's bytes and what it became. */
function FatesTable({ fates, raw }: { fates: ByteFate[]; raw: Uint8Array }) {
  return (
    <table className="kv fates" aria-label="What became of each request line">
      <thead>
        <tr>
          <th scope="col">Bytes</th>
          <th scope="col">As sent</th>
          <th scope="col">Became</th>
        </tr>
      </thead>
      <tbody>
        {fates.map((fate, index) => (
          <tr key={index} className={`fate fate-${fate.kind}`}>
            <td className="meta">
              {fate.start}–{fate.end}
            </td>
            <td>
              <code>{visible(raw, fate.start, fate.end)}</code>
            </td>
            <td>
              <span className="badge">{KIND[fate.kind]}</span> {fate.note}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
