/**
 * @module ServersView
 * The Servers tab: the request on screen sent through every server the
 * playground has (wsgiref, Paste, Werkzeug, Waitress, Gunicorn), for the
 * same app, side by side — the status line, the Server header, the body,
 * the environ key by key with the keys that differ first and marked, and a
 * note per difference naming the rule that makes it.
 */
import { useEffect } from "react";
import { compareServers } from "../../app/compare-servers";
import { SERVER_LABELS } from "../../servers/choice";
import { answerRows, environRows, notes, type Row } from "../../servers/differences";
import { useServers } from "../../state/servers";
import "./servers-view.css";

function RowsTable({ label, heads, rows }: { label: string; heads: string[]; rows: Row[] }) {
  return (
    <table className="kv servers-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">{label === "Environ by server" ? "Key" : ""}</th>
          {heads.map((head) => (
            <th scope="col" key={head}>
              {head}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} className={row.differs ? "differs" : undefined}>
            <th scope="row">
              {row.name}
              {row.differs && <span className="badge">differs</span>}
            </th>
            {row.values.map((value, index) => (
              <td key={index}>{value ?? <span className="absent">—</span>}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ServersView() {
  const { request, answers, running, error } = useServers();
  // Opened with nothing compared for this build yet: compare at once.
  useEffect(() => {
    const { request, running } = useServers.getState();
    if (!request && !running) void compareServers();
  }, []);
  const heads = answers.map((answer) => SERVER_LABELS[answer.server]);
  const answered = answerRows(answers);
  const environ = environRows(answers);
  const why = request ? notes(request.bytes, answered, environ) : [];
  const differing = environ.filter((row) => row.differs).length;
  return (
    <section className="servers-view" aria-label="Servers">
      <p className="hint">
        {request ? (
          <>
            <code>{request.title}</code> through every server, for the same app. Each ran the module
            afresh, so what the app keeps (a counter, a session) starts anew on each; the build on
            screen is left as it was.
          </>
        ) : (
          "The request on screen, through every server, for the same app."
        )}{" "}
        <button
          type="button"
          className="small"
          disabled={running}
          onClick={() => void compareServers()}
        >
          {running ? "Sending…" : "Send through every server"}
        </button>
      </p>
      {error && (
        <p className="warning" role="alert">
          {error}
        </p>
      )}
      {answers.length > 0 && (
        <>
          <RowsTable label="Answers by server" heads={heads} rows={answered} />
          {why.length > 0 && (
            <ul className="servers-notes" aria-label="Why they differ">
              {why.map((note) => (
                <li key={note.about.join(" ")}>
                  <strong>{note.about.join(", ")}</strong>: {note.text}
                  {note.link && (
                    <>
                      {" "}
                      (
                      <a href={note.link.href} target="_blank" rel="noreferrer">
                        {note.link.label}
                      </a>
                      )
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          <p className="meta">
            {differing} of {environ.length} environ keys differ between the servers.
          </p>
          <RowsTable label="Environ by server" heads={heads} rows={environ} />
        </>
      )}
    </section>
  );
}
