/**
 * @module BodyTab
 * The body in six modes: none, raw text with a content type, JSON (checked,
 * with a Format button), form fields (urlencoded), multipart fields with
 * files from disk, and binary (hex or a file). Each mode keeps its content
 * while the user switches between them.
 */
import { checkJson } from "../../request/body";
import { newPart, newRow, type BodyMode, type FileData, type PartRow } from "../../request/draft";
import { updateBody, useRequest } from "../../state/request";
import { RowsTable } from "./RowsTable";

const MODES: [BodyMode, string][] = [
  ["none", "None"],
  ["raw", "Raw"],
  ["json", "JSON"],
  ["form", "Form"],
  ["multipart", "Multipart"],
  ["binary", "Binary"],
];

const TYPES = [
  "text/plain",
  "text/html",
  "application/json",
  "application/xml",
  "application/x-www-form-urlencoded",
  "text/csv",
];

async function readFile(file: File): Promise<FileData> {
  return { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) };
}

function jsonProblem(text: string): string | null {
  try {
    checkJson(text);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Body: /, "") : String(error);
  }
}

function Parts() {
  const parts = useRequest((state) => state.body.parts);
  const set = (next: PartRow[]) => updateBody({ parts: next });
  const change = (id: string, patch: Partial<PartRow>) =>
    set(parts.map((part) => (part.id === id ? { ...part, ...patch } : part)));
  return (
    <div className="rows">
      <table className="rows-table" aria-label="Multipart fields">
        <tbody>
          {parts.map((part, index) => (
            <tr key={part.id} className={part.enabled ? "" : "row-off"}>
              <td className="toggle">
                <input
                  type="checkbox"
                  checked={part.enabled}
                  aria-label={`Send multipart field ${index + 1}`}
                  onChange={(event) => change(part.id, { enabled: event.target.checked })}
                />
              </td>
              <td>
                <input
                  aria-label={`Multipart field ${index + 1} name`}
                  placeholder="Name"
                  value={part.name}
                  onChange={(event) => change(part.id, { name: event.target.value })}
                />
              </td>
              <td>
                <select
                  aria-label={`Multipart field ${index + 1} kind`}
                  value={part.kind}
                  onChange={(event) =>
                    change(part.id, { kind: event.target.value as PartRow["kind"] })
                  }
                >
                  <option value="text">Text</option>
                  <option value="file">File</option>
                </select>
              </td>
              <td>
                {part.kind === "text" ? (
                  <input
                    aria-label={`Multipart field ${index + 1} value`}
                    placeholder="Value"
                    value={part.value}
                    onChange={(event) => change(part.id, { value: event.target.value })}
                  />
                ) : (
                  <input
                    type="file"
                    aria-label={`Multipart field ${index + 1} file`}
                    onChange={async (event) => {
                      const file = event.target.files?.[0];
                      change(part.id, { file: file ? await readFile(file) : null });
                    }}
                  />
                )}
                {part.kind === "file" && part.file && (
                  <span className="meta">
                    {" "}
                    {part.file.name}, {part.file.bytes.length} bytes
                  </span>
                )}
              </td>
              <td className="remove">
                <button
                  type="button"
                  className="icon"
                  aria-label={`Remove multipart field ${index + 1}`}
                  onClick={() => set(parts.filter((p) => p.id !== part.id))}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="small" onClick={() => set([...parts, newPart()])}>
        Add field
      </button>
    </div>
  );
}

/** The Body tab. */
export function BodyTab() {
  const body = useRequest((state) => state.body);
  const problem = body.mode === "json" ? jsonProblem(body.json) : null;
  return (
    <>
      <div role="radiogroup" aria-label="Body mode" className="modes">
        {MODES.map(([mode, label]) => (
          <label key={mode}>
            <input
              type="radio"
              name="body-mode"
              value={mode}
              checked={body.mode === mode}
              onChange={() => updateBody({ mode })}
            />
            {label}
          </label>
        ))}
      </div>
      {body.mode === "none" && (
        <p className="hint">No body: no Content-Length or Content-Type is sent.</p>
      )}
      {body.mode === "raw" && (
        <>
          <label className="inline">
            Content type
            <input
              list="body-types"
              value={body.rawType}
              spellCheck={false}
              onChange={(event) => updateBody({ rawType: event.target.value })}
            />
            <datalist id="body-types">
              {TYPES.map((type) => (
                <option key={type} value={type} />
              ))}
            </datalist>
          </label>
          <textarea
            aria-label="Body"
            rows={5}
            spellCheck={false}
            value={body.raw}
            onChange={(event) => updateBody({ raw: event.target.value })}
          />
        </>
      )}
      {body.mode === "json" && (
        <>
          <textarea
            aria-label="Body"
            aria-invalid={problem !== null}
            rows={6}
            spellCheck={false}
            value={body.json}
            onChange={(event) => updateBody({ json: event.target.value })}
          />
          <div className="row-actions">
            <button
              type="button"
              className="small"
              disabled={problem !== null}
              onClick={() => updateBody({ json: JSON.stringify(JSON.parse(body.json), null, 2) })}
            >
              Format JSON
            </button>
            <span className={problem ? "invalid" : "valid"} role="status" aria-label="JSON check">
              {problem ?? "Valid JSON"}
            </span>
          </div>
        </>
      )}
      {body.mode === "form" && (
        <RowsTable
          label="Form fields"
          rows={body.form}
          addText="Add field"
          onAdd={() => updateBody({ form: [...body.form, newRow()] })}
          onRemove={(id) => updateBody({ form: body.form.filter((row) => row.id !== id) })}
          onChange={(id, change) =>
            updateBody({
              form: body.form.map((row) => (row.id === id ? { ...row, ...change } : row)),
            })
          }
        />
      )}
      {body.mode === "multipart" && (
        <>
          <Parts />
          <p className="hint">Boundary: {body.boundary}</p>
        </>
      )}
      {body.mode === "binary" && (
        <>
          <div role="radiogroup" aria-label="Binary source" className="modes">
            <label>
              <input
                type="radio"
                name="binary-source"
                checked={body.binarySource === "hex"}
                onChange={() => updateBody({ binarySource: "hex" })}
              />
              Hex
            </label>
            <label>
              <input
                type="radio"
                name="binary-source"
                checked={body.binarySource === "file"}
                onChange={() => updateBody({ binarySource: "file" })}
              />
              File
            </label>
          </div>
          {body.binarySource === "hex" ? (
            <textarea
              aria-label="Body bytes in hex"
              rows={4}
              spellCheck={false}
              placeholder="48 65 6c 6c 6f 00 ff"
              value={body.hex}
              onChange={(event) => updateBody({ hex: event.target.value })}
            />
          ) : (
            <label className="inline">
              Body file
              <input
                type="file"
                onChange={async (event) => {
                  const file = event.target.files?.[0];
                  updateBody({ binaryFile: file ? await readFile(file) : null });
                }}
              />
              {body.binaryFile && (
                <span className="meta">
                  {body.binaryFile.name}, {body.binaryFile.bytes.length} bytes
                </span>
              )}
            </label>
          )}
        </>
      )}
    </>
  );
}
