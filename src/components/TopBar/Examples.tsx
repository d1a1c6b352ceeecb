/**
 * @module Examples
 * The gallery: each example labelled by its language, filtered by language
 * if you like; each opens as a new project, with its request, so nothing
 * the user made is replaced.
 */
import { useState } from "react";
import { EXAMPLES, type Example } from "../../examples/catalog";
import { fromShared } from "../../share/project-state";
import { createProject } from "../../state/projects";
import "./examples.css";

/** Open an example as a new project. */
export function openExample(example: Example): void {
  createProject(example.title, fromShared(example.project));
}

const LANGUAGES = { python: "Python", typescript: "TypeScript" } as const;
type Shown = "all" | keyof typeof LANGUAGES;

/** The Examples button and its list. */
export function Examples() {
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState<Shown>("all");
  const examples = EXAMPLES.filter((example) => shown === "all" || example.language === shown);
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
            <div role="radiogroup" aria-label="Language" className="modes example-filter">
              {(["all", "python", "typescript"] as const).map((value) => (
                <label key={value}>
                  <input
                    type="radio"
                    name="example-language"
                    checked={shown === value}
                    onChange={() => setShown(value)}
                  />
                  {value === "all" ? "All" : LANGUAGES[value]}
                </label>
              ))}
            </div>
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
            {examples.map((example) => (
              <li key={example.id}>
                <button
                  type="button"
                  className="example"
                  onClick={() => {
                    openExample(example);
                    setOpen(false);
                  }}
                >
                  <span className="example-title">
                    {example.title}{" "}
                    <span className={`example-language language-${example.language}`}>
                      {LANGUAGES[example.language]}
                    </span>
                  </span>
                  <span className="example-source">{example.source}</span>
                  <span className="example-note">{example.note}</span>
                  {example.layersNote && (
                    <span className="example-note example-layers">{example.layersNote}</span>
                  )}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
