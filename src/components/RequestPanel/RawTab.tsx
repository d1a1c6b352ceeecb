/**
 * @module RawTab
 * The exact request that will be sent, as HTTP/1.1 text.
 */
import { previewRequest } from "../../request/compose";
import { useComposed } from "./use-composed";

/** The Raw tab ("Preview request"). */
export function RawTab() {
  const composed = useComposed();
  return composed.ok ? (
    <pre className="raw" role="region" aria-label="Raw request" tabIndex={0}>
      {previewRequest(composed.value.record)}
    </pre>
  ) : (
    <p className="error" role="alert">
      {composed.error}
    </p>
  );
}
