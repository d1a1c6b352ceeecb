/**
 * @module TracebackLines
 * Text with Python or JavaScript traceback frames in it, each frame in a
 * project file a link to its line (its file's tab opens); frames in other
 * files (CPython's wsgiref, the standard library) stay text. Terminal
 * styles (ANSI escapes: Werkzeug's bold red WARNING, its yellow "Press
 * CTRL+C to quit") are drawn as a terminal draws them.
 */
import Anser from "anser";
import "./ansi.css";
import { revealInEditor } from "../../state/editor-nav";
import { useWorkspace } from "../../state/workspace";

const FRAME = /^(\s*File ")([^"]+)(", line )(\d+)(.*)$/;

/** A line with ANSI escapes as styled spans (`ansi-red`, `ansi-bold`, …); other lines as they are. */
function Styled({ line }: { line: string }) {
  if (!line.includes("\x1b[")) return line || " ";
  return Anser.ansiToJson(line, { use_classes: true, remove_empty: true }).map((part, index) => {
    const classes = [
      part.fg,
      part.bg && `${part.bg}-bg`,
      ...part.decorations.map((d) => `ansi-${d}`),
    ];
    return (
      <span key={index} className={classes.filter(Boolean).join(" ") || undefined}>
        {part.content}
      </span>
    );
  });
}

/** One line: a traceback frame in a project file (among `files`) a link to its line, else styled text. */
export function LineText({ line, files }: { line: string; files: Record<string, string> }) {
  const frame = FRAME.exec(line);
  if (!frame || !(frame[2]! in files)) return <Styled line={line} />;
  const [, before, file, middle, lineNo, after] = frame;
  return (
    <>
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
    </>
  );
}

/** The lines of `text`, one `<div>` each, for a `<pre>`. */
export function TracebackLines({ text }: { text: string }) {
  const files = useWorkspace((state) => state.files);
  const lines = text.replace(/\n$/, "").split("\n");
  return lines.map((line, index) => (
    <div key={index}>
      <LineText line={line} files={files} />
    </div>
  ));
}
