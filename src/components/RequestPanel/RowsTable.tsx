/**
 * @module RowsTable
 * A name/value table with add, remove and an on/off checkbox per row: the
 * headers, the form fields and the query parameters all use it.
 */
import type { Row } from "../../request/draft";

interface Props {
  /** The table's accessible name ("Headers", "Form fields", "Query parameters"). */
  label: string;
  rows: Row[];
  onChange(id: string, change: Partial<Row>): void;
  onRemove(id: string): void;
  onAdd(): void;
  addText: string;
  /** Show the on/off checkbox (the params table has none: it mirrors the URL). */
  toggles?: boolean;
  namePlaceholder?: string;
  valuePlaceholder?: string;
}

/** An editable list of name/value rows. */
export function RowsTable(props: Props) {
  const { label, rows, toggles = true } = props;
  return (
    <div className="rows">
      <table className="rows-table" aria-label={label}>
        <tbody>
          {rows.map((row, index) => (
            <tr key={row.id} className={row.enabled ? "" : "row-off"}>
              {toggles && (
                <td className="toggle">
                  <input
                    type="checkbox"
                    checked={row.enabled}
                    aria-label={`Send ${label.toLowerCase()} row ${index + 1}`}
                    onChange={(event) => props.onChange(row.id, { enabled: event.target.checked })}
                  />
                </td>
              )}
              <td>
                <input
                  aria-label={`${label} row ${index + 1} name`}
                  placeholder={props.namePlaceholder ?? "Name"}
                  spellCheck={false}
                  value={row.name}
                  onChange={(event) => props.onChange(row.id, { name: event.target.value })}
                />
              </td>
              <td>
                <input
                  aria-label={`${label} row ${index + 1} value`}
                  placeholder={props.valuePlaceholder ?? "Value"}
                  spellCheck={false}
                  value={row.value}
                  onChange={(event) => props.onChange(row.id, { value: event.target.value })}
                />
              </td>
              <td className="remove">
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove ${label.toLowerCase()} row ${index + 1}`}
                  onClick={() => props.onRemove(row.id)}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={props.onAdd}>
        {props.addText}
      </button>
    </div>
  );
}
