/**
 * @module BuildStatus
 * The state of the latest build: compile errors with file, line and column,
 * or the exception the app's module threw while loading.
 */
import { revealInEditor } from "../../state/editor-nav";
import { useRun } from "../../state/run";
import { TracebackLines } from "../common/TracebackLines";

/** Build errors, shown above the response. */
export function BuildStatus() {
  const build = useRun((state) => state.build);
  return (
    <>
      {build.phase === "failed" && (
        <div className="error" role="alert" aria-label="Build errors">
          <strong>The app does not compile.</strong>
          <ul>
            {build.errors.map((error, index) => (
              <li key={index}>
                {error.file && error.line !== undefined ? (
                  <button
                    type="button"
                    className="link"
                    title="Show this line in the editor"
                    onClick={() =>
                      revealInEditor({
                        file: error.file!,
                        line: error.line!,
                        column: (error.column ?? 0) + 1,
                      })
                    }
                  >
                    {error.file}:{error.line}:{(error.column ?? 0) + 1}
                  </button>
                ) : (
                  error.file && <code>{error.file}</code>
                )}{" "}
                {error.text}
              </li>
            ))}
          </ul>
        </div>
      )}
      {build.phase === "crashed" && (
        <div className="error" role="alert" aria-label="Build errors">
          <strong>The app failed to load.</strong>
          <pre>
            <TracebackLines text={build.error} />
          </pre>
        </div>
      )}
    </>
  );
}
