/**
 * @module TimeLimit
 * How long the app may run for one request before the playground stops it:
 * shown in the top bar and settable, kept across visits.
 */
import { useState } from "react";
import { checkRunLimit, RUN_LIMIT, setRunLimitSeconds, useSettings } from "../../state/settings";

/** The time-limit field. A value out of bounds is refused with the reason and not applied. */
export function TimeLimit() {
  const seconds = useSettings((state) => state.runLimitSeconds);
  const [text, setText] = useState<string | null>(null);
  const problem = text === null ? null : checkRunLimit(text);
  return (
    <span className="time-limit">
      <label title="An app still running after this long (a loop that never ends) is stopped, and its runner replaced.">
        Time limit{" "}
        <input
          type="number"
          min={RUN_LIMIT.min}
          max={RUN_LIMIT.max}
          step={1}
          value={text ?? String(seconds)}
          aria-invalid={problem !== null}
          aria-describedby={problem ? "time-limit-problem" : undefined}
          onChange={(event) => {
            const value = event.target.value;
            setText(value);
            if (checkRunLimit(value) === null) {
              setRunLimitSeconds(Number(value));
            }
          }}
          onBlur={() => setText(null)}
        />{" "}
        s
      </label>
      {problem && (
        <span id="time-limit-problem" className="field-problem" role="alert">
          {problem} It stays at {seconds} s.
        </span>
      )}
    </span>
  );
}
