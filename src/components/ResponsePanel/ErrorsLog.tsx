/**
 * @module ErrorsLog
 * What went to wsgi.errors: the app's own writes, tracebacks (each frame a
 * link to the line in the editor) and wsgiref's access-log line.
 */
import { revealInEditor } from "../../state/editor-nav";

const FRAME = /^(\s*File ")([^"]+)(", line )(\d+)(.*)$/;

/** The Errors log tab. */
export function ErrorsLog({ text }: { text: string }) {
  const lines = text.replace(/\n$/, "").split("\n");
  return (
    <pre className="errors" role="region" aria-label="Errors log" tabIndex={0}>
      {lines.map((line, index) => {
        const frame = FRAME.exec(line);
        if (!frame) return <div key={index}>{line || " "}</div>;
        const [, before, file, middle, lineNo, after] = frame;
        return (
          <div key={index}>
            {before}
            <button
              type="button"
              className="link"
              title="Show this line in the editor"
              onClick={() => revealInEditor({ file: file!, line: Number(lineNo), column: 1 })}
            >
              {file}
              {middle}
              {lineNo}
            </button>
            {after}
          </div>
        );
      })}
    </pre>
  );
}
