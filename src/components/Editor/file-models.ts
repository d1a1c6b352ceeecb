/**
 * @module file-models
 * One Monaco model per project file, kept in step with the workspace store:
 * a model is made when a file appears, disposed when it goes, and set from
 * outside only when the store holds text the model does not (another
 * project, a link, a zip). Each model keeps its own undo history, and the
 * editor's cursor and scroll per file are kept here while another file is
 * shown. Typing goes one way: model → `setFileText`.
 */
import type { monaco as Monaco } from "./monaco-setup";

type Model = Monaco.editor.ITextModel;
type ViewState = Monaco.editor.ICodeEditorViewState | null;

/** Monaco's language for a file, by its extension (null: Monaco's own guess, plain text). */
export function languageFor(path: string): string | null {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  const byExt: Record<string, string> = {
    py: "python",
    ts: "typescript",
    tsx: "typescript",
    js: "javascript",
    jsx: "javascript",
    mjs: "javascript",
    json: "json",
    html: "html",
    htm: "html",
    css: "css",
    md: "markdown",
    cfg: "ini",
    ini: "ini",
    toml: "ini",
    hurl: "hurl",
  };
  return path.includes(".") ? (byExt[ext] ?? "plaintext") : "plaintext";
}

/** The models of the project's files. */
export class FileModels {
  private readonly monaco: typeof Monaco;
  private readonly models = new Map<string, { model: Model; listener: Monaco.IDisposable }>();
  private readonly views = new Map<string, ViewState>();
  private readonly onType: (path: string, text: string) => void;

  constructor(monaco: typeof Monaco, onType: (path: string, text: string) => void) {
    this.monaco = monaco;
    this.onType = onType;
  }

  /** Make, update and dispose models so that there is one per file, with the file's text. */
  sync(files: Record<string, string>): void {
    for (const [path, entry] of this.models) {
      if (!(path in files)) {
        entry.listener.dispose();
        entry.model.dispose();
        this.models.delete(path);
        this.views.delete(path);
      }
    }
    for (const [path, text] of Object.entries(files)) {
      const known = this.models.get(path);
      if (!known) this.create(path, text);
      else if (known.model.getValue() !== text) {
        // Text from outside: a fresh history, and the cursor starts at the top.
        known.model.setValue(text);
        this.views.delete(path);
      }
    }
  }

  private create(path: string, text: string): void {
    const { monaco } = this;
    const uri = monaco.Uri.parse(`file:///${path}`);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(text, languageFor(path) ?? undefined, uri);
    const listener = model.onDidChangeContent(() => this.onType(path, model.getValue()));
    this.models.set(path, { model, listener });
  }

  /** The model of `path`, if it is a file of the project. */
  get(path: string): Model | null {
    return this.models.get(path)?.model ?? null;
  }

  /** Remember where the editor was in `path`. */
  saveView(path: string, view: ViewState): void {
    if (this.models.has(path)) this.views.set(path, view);
  }

  /** Where the editor was in `path`, when it was shown before. */
  view(path: string): ViewState {
    return this.views.get(path) ?? null;
  }

  /** Dispose every model. */
  dispose(): void {
    this.sync({});
  }
}
