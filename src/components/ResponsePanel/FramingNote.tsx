/**
 * @module FramingNote
 * How the response went on the wire when a client had more to undo than a
 * status line, headers and a body: the interim responses before it
 * (Werkzeug's `100 Continue`) and a body sent in chunks. The body shown is
 * what the client read; this says what it was read from.
 */
import type { ResponseRecord } from "../../wsgi/records";

const MAX_SIZES = 8;

export function FramingNote({ response }: { response: ResponseRecord }) {
  const { interim, chunks } = response;
  if (!interim?.length && !chunks) return null;
  const sizes =
    chunks && chunks.length > MAX_SIZES
      ? `${chunks.slice(0, MAX_SIZES).join(" + ")} + … (${chunks.length - MAX_SIZES} more)`
      : chunks?.join(" + ");
  return (
    <p className="meta" aria-label="How it was sent">
      {interim?.length ? `First sent: ${interim.join(", ")}, an interim response. ` : ""}
      {chunks &&
        `Body sent chunked (Transfer-Encoding: chunked): ${chunks.length} chunk${
          chunks.length === 1 ? "" : "s"
        }${chunks.length ? ` of ${sizes} bytes` : ""}, then the last, empty one; shown joined, as a client reads it.`}
    </p>
  );
}
