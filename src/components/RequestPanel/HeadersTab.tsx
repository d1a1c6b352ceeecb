/**
 * @module HeadersTab
 * The user's headers (any name, duplicates allowed, each can be switched
 * off) and, greyed below them, the headers the client adds by itself, each
 * with the reason and an Override button.
 */
import { useRun } from "../../state/run";
import { headerRows, useRequest } from "../../state/request";
import { useComposed } from "./use-composed";
import { RowsTable } from "./RowsTable";

/** The Headers tab. */
export function HeadersTab() {
  const headers = useRequest((state) => state.headers);
  const composed = useComposed();
  const errorField = useRun((state) => state.sendErrorField);
  return (
    <>
      <RowsTable
        label="Headers"
        rows={headers}
        addText="Add header"
        namePlaceholder="Header name"
        onAdd={() => headerRows.add()}
        onChange={headerRows.update}
        onRemove={headerRows.remove}
      />
      {composed.ok && (
        <table className="auto-headers" aria-label="Automatic headers">
          <tbody>
            {composed.value.auto.map((header) => (
              <tr key={header.name} className={header.used ? "" : "overridden"}>
                <th scope="row">{header.name}</th>
                <td>{header.value}</td>
                <td className="reason">
                  {header.used ? header.reason : "overridden by your header"}
                </td>
                <td>
                  {header.used && (
                    <button
                      type="button"
                      className="small"
                      aria-label={`Override ${header.name}`}
                      onClick={() => headerRows.add(header.name, header.value)}
                    >
                      Override
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {composed.ok && composed.value.notes.length > 0 && (
        <ul className="notes" aria-label="Header notes">
          {composed.value.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {errorField === "Headers" && (
        <p className="hint">Fix the row named in the message above, then send again.</p>
      )}
    </>
  );
}
