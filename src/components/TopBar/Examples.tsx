/**
 * @module Examples
 * The gallery: each example opens as a new project, with its request, so
 * nothing the user made is replaced.
 */
import { useState } from "react";
import { EXAMPLES, type Example } from "../../examples/catalog";
import { fromShared } from "../../share/project-state";
import { createProject } from "../../state/projects";

/** Open an example as a new project. */
export function openExample(example: Example): void {
  createProject(example.title, fromShared(example.project));
}

/** The Examples button and its list. */
export function Examples() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="bar-button"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        Examples
      </button>
      {open && (
        <div className="examples" role="dialog" aria-label="Examples">
          <div className="examples-head">
            <strong>Examples</strong>
            <button
              type="button"
              className="icon"
              aria-label="Close examples"
              onClick={() => setOpen(false)}
            >
              ×
            </button>
          </div>
          <ul>
            {EXAMPLES.map((example) => (
              <li key={example.id}>
                <button
                  type="button"
                  className="example"
                  onClick={() => {
                    openExample(example);
                    setOpen(false);
                  }}
                >
                  <span className="example-title">{example.title}</span>
                  <span className="example-source">{example.source}</span>
                  <span className="example-note">{example.note}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
