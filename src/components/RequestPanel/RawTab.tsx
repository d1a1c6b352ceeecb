/**
 * @module RawTab
 * The exact request that will be sent, as HTTP/1.1 text.
 */
import { previewRequest } from "../../request/build";
import { useBuilt } from "./use-built";

/** The Raw tab ("Preview request"). */
export function RawTab() {
  const built = useBuilt();
  return built.ok ? (
    <pre className="raw" role="region" aria-label="Raw request" tabIndex={0}>
      {previewRequest(built.value.record)}
    </pre>
  ) : (
    <p className="error" role="alert">
      {built.error}
    </p>
  );
}
