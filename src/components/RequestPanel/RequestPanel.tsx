/**
 * @module RequestPanel
 * Compose a request: method, target, header lines and a text body. Sending
 * goes through the service worker as a message, so every header arrives as
 * typed (see DESIGN.md, "Request path").
 */
import { sendRequest } from "../../app/engine";
import { updateRequest, useRequest, VIRTUAL_HOST } from "../../state/request";
import { useRun } from "../../state/run";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** The request pane. */
export function RequestPanel() {
  const request = useRequest();
  const sending = useRun((state) => state.sending);

  return (
    <section className="pane request-pane" aria-label="Request">
      <form
        className="request-form"
        onSubmit={(event) => {
          event.preventDefault();
          void sendRequest();
        }}
      >
        <div className="url-row">
          <label className="visually-hidden" htmlFor="request-method">
            Method
          </label>
          <select
            id="request-method"
            value={request.method}
            onChange={(event) => updateRequest({ method: event.target.value })}
          >
            {METHODS.map((method) => (
              <option key={method}>{method}</option>
            ))}
          </select>
          <span className="host" title="The virtual host the app is served at">
            http://{VIRTUAL_HOST.name}:{VIRTUAL_HOST.port}
          </span>
          <label className="visually-hidden" htmlFor="request-url">
            URL
          </label>
          <input
            id="request-url"
            className="target"
            value={request.target}
            spellCheck={false}
            onChange={(event) => updateRequest({ target: event.target.value })}
          />
          <button type="submit" disabled={sending} title="Send (Ctrl+Enter)">
            {sending ? "Sending…" : "Send"}
          </button>
        </div>
        <label htmlFor="request-headers">Headers</label>
        <textarea
          id="request-headers"
          rows={3}
          spellCheck={false}
          placeholder={"Cookie: session=abc\nAccept: text/html"}
          value={request.headerLines}
          onChange={(event) => updateRequest({ headerLines: event.target.value })}
        />
        <label htmlFor="request-body">Body</label>
        <textarea
          id="request-body"
          rows={3}
          spellCheck={false}
          placeholder="name=World"
          value={request.body}
          onChange={(event) => updateRequest({ body: event.target.value })}
        />
        <p className="hint">
          Host is added when you leave it out; a body gets Content-Length and (as with curl -d)
          Content-Type: application/x-www-form-urlencoded unless you set them.
        </p>
      </form>
    </section>
  );
}
