/**
 * @module VariablesView
 * The paused frame's locals, as pdb's `p` would show each (its repr, cut
 * short): a dict opens to its entries, so `environ` reads as the Environ
 * tab does, key by key.
 */
import type { FrameVariable } from "../../protocol/terminal";

/** The Variables view. */
export function VariablesView({ variables }: { variables: FrameVariable[] }) {
  return (
    <section className="variables" aria-label="Variables">
      <h3>Variables</h3>
      {variables.length === 0 && <p className="hint">No locals in this frame.</p>}
      <dl>
        {variables.map((variable) => (
          <div key={variable.name} className="variable">
            <dt title={variable.type}>{variable.name}</dt>
            <dd>
              {variable.entries ? (
                <details>
                  <summary>
                    <span className="variable-type">{variable.type}</span> {variable.entries.length}{" "}
                    {variable.entries.length === 1 ? "entry" : "entries"}
                  </summary>
                  <table aria-label={`${variable.name} entries`}>
                    <tbody>
                      {variable.entries.map(([key, value]) => (
                        <tr key={key}>
                          <th scope="row">{key}</th>
                          <td>{value}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </details>
              ) : (
                <code>{variable.repr}</code>
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
