/**
 * @module TracebackLines
 * Text with Python or JavaScript traceback frames in it, each frame in a
 * project file a link to its line (its file's tab opens); frames in other
 * files (CPython's wsgiref, the standard library) stay text.
 */
import { revealInEditor } from "../../state/editor-nav";
import { useWorkspace } from "../../state/workspace";

const FRAME = /^(\s*File ")([^"]+)(", line )(\d+)(.*)$/;

/** The lines of `text`, one `<div>` each, for a `<pre>`. */
export function TracebackLines({ text }: { text: string }) {
  const files = useWorkspace((state) => state.files);
  const lines = text.replace(/\n$/, "").split("\n");
  return lines.map((line, index) => {
    const frame = FRAME.exec(line);
    if (!frame || !(frame[2]! in files)) return <div key={index}>{line || " "}</div>;
    const [, before, file, middle, lineNo, after] = frame;
    return (
      <div key={index}>
        {before}
        <button
          type="button"
          className="link in-text"
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
  });
}
