/**
 * @module FindingsList
 * Where the app broke PEP 3333: severity, the message with CPython's
 * meaning, the fix, the PEP section, and a link to the line.
 */
import { revealInEditor } from "../../state/editor-nav";
import type { Finding } from "../../wsgi/records";
import "./findings-list.css";

const SOURCE_LABEL: Record<Finding["source"], string> = {
  handlers: " (wsgiref)",
  validate: " (wsgiref.validate)",
  playground: " (playground)",
  layers: " (between layers)",
};

/** The Findings tab. */
export function FindingsList({ findings }: { findings: Finding[] }) {
  if (findings.length === 0) {
    return (
      <section aria-label="Findings">
        <p className="hint">No findings: the app kept every rule wsgiref checks.</p>
      </section>
    );
  }
  return (
    <section aria-label="Findings">
      <ul className="findings">
        {findings.map((finding, index) => (
          <li key={index} className={`finding finding-${finding.severity}`}>
            <span className="severity">
              {finding.severity === "error" ? "Error" : "Warning"}
              {SOURCE_LABEL[finding.source]}
            </span>{" "}
            <strong>{finding.message}</strong>
            {finding.location && (
              <>
                {" "}
                <span className="where">
                  at{" "}
                  <button
                    type="button"
                    className="link"
                    onClick={() => revealInEditor(finding.location!)}
                    title="Show this line in the editor"
                  >
                    {finding.location.file}:{finding.location.line}
                  </button>
                </span>
              </>
            )}
            {finding.fix && <div className="fix">{finding.fix}</div>}
            {finding.pep && (
              <a
                className="pep"
                href={`https://peps.python.org/pep-3333/#${finding.pep}`}
                target="_blank"
                rel="noreferrer"
              >
                PEP 3333 § {finding.pep.replace(/-/g, " ")}
              </a>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
