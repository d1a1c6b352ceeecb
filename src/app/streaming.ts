/**
 * @module streaming
 * The panel's side of a response told as it goes (wsgi/serve-progress):
 * the progress is gathered from the first message, and drawn only once the
 * response has taken longer than {@link DRAW_AFTER_MS}, so a quick response
 * is drawn once, whole, and a slow one grows on screen.
 */
import { updateRun, type Streaming } from "../state/run";
import type { ServeProgress } from "../wsgi/serve-progress";

/** A response quicker than this is never drawn in parts. */
export const DRAW_AFTER_MS = 150;

/** Gather one request's progress; `done()` when its response is in (the caller clears `streaming` with it). */
export function watchProgress(): {
  onProgress: (progress: ServeProgress) => void;
  done: () => void;
} {
  const so: Streaming = { status: null, headers: null, chunks: [], size: 0, trace: [] };
  let drawing = false;
  const draw = () => updateRun({ streaming: { ...so, chunks: [...so.chunks] } });
  const timer = setTimeout(() => {
    drawing = true;
    if (so.status !== null || so.trace.length) draw();
  }, DRAW_AFTER_MS);
  return {
    onProgress(progress) {
      if (progress.status !== undefined) so.status = progress.status;
      if (progress.headers !== undefined) so.headers = progress.headers;
      if (progress.chunk.length) {
        so.chunks.push(progress.chunk);
        so.size += progress.chunk.length;
      }
      so.trace.push(...progress.trace);
      if (drawing) draw();
    },
    done() {
      clearTimeout(timer);
      drawing = false;
    },
  };
}
