/**
 * @module ServerPicker
 * The project's **Server**: the one its code starts (the default), or one
 * chosen, as a command line chooses Gunicorn. A TypeScript project is
 * always served by the TypeScript port of wsgiref: the box says so.
 */
import { languageOf } from "../../runner/runtimes";
import { SERVER_CHOICES, SERVER_LABELS, SERVER_STARTS, serverChoice } from "../../servers/choice";
import { setServer, useWorkspace } from "../../state/workspace";

const TYPESCRIPT_REASON =
  "A TypeScript project is served by the playground's TypeScript port of wsgiref; the other servers are Python's.";

export function ServerPicker() {
  const server = useWorkspace((state) => state.server);
  const python = useWorkspace((state) => languageOf(state.entry) === "python");
  const title = !python
    ? TYPESCRIPT_REASON
    : server === "code"
      ? "The server the code starts answers (wsgiref's make_server, Paste's serve, Flask's app.run(), …); a module that starts none is served by wsgiref."
      : `The module's app is served as ${SERVER_STARTS[server]} would serve it, whatever server the code starts.`;
  return (
    <label className="server-picker" title={title}>
      Server{" "}
      <select
        value={python ? server : "code"}
        disabled={!python}
        aria-description={python ? undefined : TYPESCRIPT_REASON}
        onChange={(event) => {
          const chosen = serverChoice(event.target.value);
          if (chosen) setServer(chosen);
        }}
      >
        {SERVER_CHOICES.map((choice) => (
          <option key={choice} value={choice}>
            {!python && choice === "code" ? "wsgiref (TypeScript port)" : SERVER_LABELS[choice]}
          </option>
        ))}
      </select>
    </label>
  );
}
