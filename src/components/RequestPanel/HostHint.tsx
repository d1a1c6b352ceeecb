/**
 * @module HostHint
 * Under the request line, when the code says it serves at an address other
 * than the panel's Host (Flask's 127.0.0.1:5000, Paste's 127.0.0.1:8000):
 * what the playground does with the Host, and **Use this address**.
 */
import { updateRequest, useRequest } from "../../state/request";
import { useRun } from "../../state/run";

/** The hint, or nothing when the Host is the address the code printed (or it printed none). */
export function HostHint() {
  const servedAt = useRun((state) => state.servedAt);
  const host = useRequest((state) => state.host);
  if (!servedAt || servedAt === host.trim()) return null;
  return (
    <p className="hint host-hint" role="note" aria-label="Host hint">
      Your code says it serves at <code>{servedAt}</code>. Here every request goes to the app your
      code started, whatever the Host; the Host (<code>{host || "none"}</code>) is only what the app
      sees, in Host, SERVER_NAME and SERVER_PORT.{" "}
      <button type="button" className="small" onClick={() => updateRequest({ host: servedAt })}>
        Use this address
      </button>
    </p>
  );
}
