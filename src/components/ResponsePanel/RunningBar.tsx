/**
 * @module RunningBar
 * While the app runs longer than a blink: what it runs, the seconds left
 * before the time limit stops it, and **Stop** to stop it now (the runner
 * is restarted, and the request gets the 504 record saying you stopped it).
 */
import { useEffect, useState } from "react";
import { clients } from "../../app/clients";
import { useRun } from "../../state/run";
import { useTerminal } from "../../state/terminal";
import "./running-bar.css";

/** Below this, a request is too quick for a bar to help: it would only flash. */
const SHOW_AFTER_MS = 400;

/** What the app waits for in the terminal: pdb paused at a line, or a read. */
function Paused({ what }: { what: string }) {
  const asking = useTerminal((state) => state.asking);
  return (
    <span>
      {asking && "at" in asking ? (
        <>
          Paused at{" "}
          <code>
            {asking.at.file}:{asking.at.line}
          </code>
        </>
      ) : (
        "Waiting for input"
      )}{" "}
      in <code>{what}</code>: answer in the Terminal. The time limit waits too.
    </span>
  );
}

/** The bar; nothing while the app is not running. */
export function RunningBar() {
  const running = useRun((state) => state.running);
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => setNow(performance.now()), 200);
    return () => clearInterval(timer);
  }, [running]);
  if (!running) return null;
  const elapsed = now - running.startedAt;
  if (elapsed < SHOW_AFTER_MS && !running.paused) return null;
  const left = Math.max(0, Math.ceil((running.limitMs - elapsed) / 1000));
  return (
    <div className="running-bar" role="group" aria-label="The app is running">
      {running.paused ? (
        <Paused what={running.what} />
      ) : (
        <span>
          Running <code>{running.what}</code>: stopped in{" "}
          <span aria-label="Seconds left">{left}</span> s unless it finishes.
        </span>
      )}
      <button
        type="button"
        className="small danger"
        onClick={() => clients().runner.stopNow()}
        title="Stop the app now; the runner restarts"
      >
        Stop
      </button>
    </div>
  );
}
