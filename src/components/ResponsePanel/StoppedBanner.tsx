/**
 * @module StoppedBanner
 * Above a response the playground answered for a stopped app: after how
 * long, and, where the runtime was interrupted in place (Python), the line
 * it was running (a link to it) and how much its memory had grown; else
 * that its runner was replaced.
 */
import { revealInEditor } from "../../state/editor-nav";
import type { ResponseRecord } from "../../wsgi/records";
import { megabytes, stopSeconds } from "../../wsgi/stopped";

/** The banner for `stopped`, a response record's. */
export function StoppedBanner({ stopped }: { stopped: NonNullable<ResponseRecord["stopped"]> }) {
  const seconds = stopSeconds(stopped.afterMs, stopped.byUser === true);
  const when = stopped.byUser ? `Stopped by you after ${seconds} s` : `Stopped after ${seconds} s`;
  const at = stopped.at;
  if (!at && stopped.grewBytes === undefined) {
    return (
      <p className="warning" role="alert" aria-label="Stopped">
        {when}: the app did not finish, so its runner was replaced and the server answered 504 for
        it. The next request runs on a fresh runner.
      </p>
    );
  }
  return (
    <p className="warning" role="alert" aria-label="Stopped">
      {when}
      {at && (
        <>
          {" "}
          at{" "}
          <button
            type="button"
            className="link in-text"
            title="Show this line in the editor"
            onClick={() => revealInEditor({ file: at.file, line: at.line, column: at.column })}
          >
            {at.file}, line {at.line}
          </button>
          , in {at.function}
          {at.text && (
            <>
              , running <code>{at.text}</code>
            </>
          )}
        </>
      )}
      .{" "}
      {stopped.grewBytes !== undefined &&
        `Its memory had grown by ${megabytes(stopped.grewBytes)} while it ran. `}
      Python was interrupted (KeyboardInterrupt) and the server answered 504 for it; the same runner
      answers the next request.
    </p>
  );
}
