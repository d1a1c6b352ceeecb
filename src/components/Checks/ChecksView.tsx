/**
 * @module ChecksView
 * The Checks tab: "N passed, M failed", then each check of `checks.hurl`
 * in order — its title, pass or fail, for a failure what was asserted,
 * expected and got, "was passing" when that changed since the last run,
 * and a mark when its response broke PEP 3333. Clicking a check shows its
 * request's response in the inspector. **Run checks** runs them again.
 */
import { useEffect } from "react";
import { runChecksNow } from "../../app/checks-service";
import { inspectResponse } from "../../app/sending";
import type { CheckResult } from "../../checks/run-checks";
import { failureText } from "../../checks/check-words";
import { revealInEditor } from "../../state/editor-nav";
import { CHECKS_FILE, checkKey, updateChecks, useChecks } from "../../state/checks";
import "./checks-view.css";

function CheckItem({ result, shown }: { result: CheckResult; shown: boolean }) {
  const before = useChecks((state) => state.before[checkKey(result)]);
  const changed =
    before === undefined || before === result.passed
      ? null
      : before
        ? "was passing"
        : "was failing";
  const open = () => {
    // Shown first: the inspector then opens on the Checks tab, this check marked.
    updateChecks({ shown: result.index });
    if (result.response) inspectResponse(result.response);
  };
  return (
    <li
      className={`check ${result.passed ? "check-passed" : "check-failed"}${shown ? " check-shown" : ""}`}
      aria-label={result.title}
    >
      <div className="check-head">
        <span className="check-verdict">{result.passed ? "✓ passed" : "✗ failed"}</span>
        <button type="button" className="link check-title" onClick={open} title="Show its response">
          {result.title}
        </button>
        {changed && <span className="check-changed">{changed}</span>}
        {result.errorFindings > 0 && (
          <span className="check-pep" title="Its response has PEP 3333 error findings">
            PEP 3333: {result.errorFindings} error{result.errorFindings > 1 ? "s" : ""}
          </span>
        )}
        <button
          type="button"
          className="link check-line"
          onClick={() => revealInEditor({ file: CHECKS_FILE, line: result.line, column: 1 })}
        >
          {CHECKS_FILE}:{result.line}
        </button>
      </div>
      {result.error && <p className="check-error">{result.error}</p>}
      {result.failures.length > 0 && (
        <ul className="check-failures" aria-label={`What failed in ${result.title}`}>
          {result.failures.map((failure, i) => (
            <li key={i}>
              <code>{failure.assert}</code>
              {failureText(failure).slice(failure.assert.length)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** The Checks tab (or, before any response, the Checks section of the response pane). */
export function ChecksView() {
  const { absent, errors, results, total, running, shown } = useChecks();
  const finished = !running && results.length > 0 && results.length === total;
  useEffect(() => {
    // For the benchmark: the frame after a finished run's verdicts are drawn.
    if (finished) requestAnimationFrame(() => performance.mark("wsgi:checks-drawn"));
  }, [finished, results]);
  if (absent) {
    return (
      <p className="hint">
        This project has no {CHECKS_FILE}. Add one (New file → {CHECKS_FILE}) with requests and the
        answers they must get, in Hurl&apos;s format; they run after every build.
      </p>
    );
  }
  const passed = results.filter((r) => r.passed).length;
  const failed = results.length - passed;
  return (
    <section className="checks" aria-label="Checks">
      <div className="checks-head">
        <output className="checks-summary" aria-label="Checks summary">
          {errors.length
            ? `${CHECKS_FILE} has ${errors.length} error${errors.length > 1 ? "s" : ""}`
            : `${passed} passed, ${failed} failed${running ? ` (running ${results.length + 1} of ${total})` : ""}`}
        </output>
        <button
          type="button"
          onClick={() => void runChecksNow()}
          title="Run checks (Alt+Shift+Enter)"
        >
          Run checks
        </button>
      </div>
      {errors.length > 0 && (
        <ul className="check-failures" aria-label={`Errors in ${CHECKS_FILE}`}>
          {errors.map((error, i) => (
            <li key={i}>
              <button
                type="button"
                className="link"
                onClick={() =>
                  revealInEditor({ file: CHECKS_FILE, line: error.line, column: error.column })
                }
              >
                {CHECKS_FILE}:{error.line}:{error.column}
              </button>{" "}
              {error.message}
            </li>
          ))}
        </ul>
      )}
      <ol className="check-list" aria-label="Check results">
        {results.map((result) => (
          <CheckItem key={checkKey(result)} result={result} shown={shown === result.index} />
        ))}
      </ol>
    </section>
  );
}
