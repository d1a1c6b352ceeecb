/**
 * @module Examples
 * The gallery: the examples in sections (the seeds, next steps,
 * frameworks, servers), each labelled by its language, filtered by language
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

/** The gallery's section of an example: the seeds are one ("Seed 003" is its source). */
const sectionOf = (example: Example) =>
  example.source.startsWith("Seed") ? "Seeds" : example.source;
const SECTIONS = ["Seeds", "Next steps", "Frameworks", "Servers"];

/** `examples` by section, in the gallery's order (a section not listed above comes last). */
function bySection(examples: Example[]): [string, Example[]][] {
  const sections = new Map<string, Example[]>(SECTIONS.map((name) => [name, []]));
  for (const example of examples) {
    const name = sectionOf(example);
    sections.set(name, [...(sections.get(name) ?? []), example]);
  }
  return [...sections].filter(([, members]) => members.length > 0);
}

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
          {bySection(examples).map(([section, members]) => (
            <section key={section} aria-label={section} className="example-section">
              <h3>{section}</h3>
              <ul>
                {members.map((example) => (
                  <li key={example.id}>
                    <ExampleItem example={example} onOpen={() => setOpen(false)} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </>
  );
}

/** One example of the gallery: a button that opens it as a new project. */
function ExampleItem({ example, onOpen }: { example: Example; onOpen: () => void }) {
  return (
    <button
      type="button"
      className="example"
      onClick={() => {
        openExample(example);
        onOpen();
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
  );
}
