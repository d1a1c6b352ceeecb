/**
 * @module ErrorsLog
 * What went to wsgi.errors: the app's own writes, tracebacks (each frame in
 * a project file a link to the line in the editor) and wsgiref's access-log
 * line.
 */
import { revealInEditor } from "../../state/editor-nav";
import { useWorkspace } from "../../state/workspace";

const FRAME = /^(\s*File ")([^"]+)(", line )(\d+)(.*)$/;

/** The Errors log tab. */
export function ErrorsLog({ text }: { text: string }) {
  const files = useWorkspace((state) => state.files);
  const lines = text.replace(/\n$/, "").split("\n");
  return (
    <pre className="errors" role="region" aria-label="Errors log" tabIndex={0}>
      {lines.map((line, index) => {
        const frame = FRAME.exec(line);
        // Only the project's own files open in the editor (not CPython's wsgiref).
        if (!frame || !(frame[2]! in files)) return <div key={index}>{line || " "}</div>;
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
