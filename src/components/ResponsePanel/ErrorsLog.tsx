/**
 * @module ErrorsLog
 * What went to wsgi.errors: the app's own writes, tracebacks (each frame in
 * a project file a link to the line in the editor) and wsgiref's access-log
 * line.
 */
import { TracebackLines } from "../common/TracebackLines";

/** The Errors log tab. */
export function ErrorsLog({ text }: { text: string }) {
  return (
    <pre className="errors" role="region" aria-label="Errors log" tabIndex={0}>
      <TracebackLines text={text} />
    </pre>
  );
}
