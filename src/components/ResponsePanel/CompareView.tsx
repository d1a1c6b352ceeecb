/**
 * @module CompareView
 * Pick two responses from this session's history and see what differs:
 * status, headers, body.
 */
import { useState } from "react";
import { compareResponses } from "../../inspect/compare";
import { useHistory, type HistoryEntry } from "../../state/history";
import "./compare-view.css";

function label(entry: HistoryEntry): string {
  return `${new Date(entry.at).toLocaleTimeString()} ${entry.method} ${entry.target} → ${entry.status}`;
}

/** The Compare tab. */
export function CompareView() {
  const all = useHistory((state) => state.entries);
  const entries = all.filter((entry) => entry.response);
  const [leftId, setLeftId] = useState<string>("");
  const [rightId, setRightId] = useState<string>("");
  if (entries.length < 2) {
    return (
      <p className="hint">Send at least two requests in this session to compare their responses.</p>
    );
  }
  const left = entries.find((e) => e.id === leftId) ?? entries[1]!;
  const right = entries.find((e) => e.id === rightId) ?? entries[0]!;
  const diff = compareResponses(left.response!, right.response!);
  const picker = (name: string, value: string, set: (id: string) => void) => (
    <label className="inline">
      {name}
      <select value={value} onChange={(event) => set(event.target.value)}>
        {entries.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {label(entry)}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <section className="compare" aria-label="Compare responses">
      {picker("Before", left.id, setLeftId)}
      {picker("After", right.id, setRightId)}
      <h4>Status</h4>
      <p>{diff.status ? `${diff.status.before} → ${diff.status.after}` : "Same status."}</p>
      <h4>Headers</h4>
      {diff.headers.length === 0 ? (
        <p>Same headers (Date aside).</p>
      ) : (
        <table className="kv" aria-label="Header differences">
          <tbody>
            {diff.headers.map((change) => (
              <tr key={change.name}>
                <th scope="row">{change.name}</th>
                <td>
                  {change.before === null ? (
                    <ins>added: {change.after}</ins>
                  ) : change.after === null ? (
                    <del>removed: {change.before}</del>
                  ) : (
                    <>
                      <del>{change.before}</del> → <ins>{change.after}</ins>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>Body</h4>
      {diff.body.identical ? (
        <p>Same body.</p>
      ) : diff.body.parts ? (
        <pre className="diff" aria-label="Body differences">
          {diff.body.parts.map((part, index) =>
            part.kind === "same" ? (
              <span key={index}>{part.text}</span>
            ) : part.kind === "added" ? (
              <ins key={index}>{part.text}</ins>
            ) : (
              <del key={index}>{part.text}</del>
            ),
          )}
        </pre>
      ) : (
        <p>The bodies differ from byte {diff.body.firstDifference}.</p>
      )}
    </section>
  );
}
