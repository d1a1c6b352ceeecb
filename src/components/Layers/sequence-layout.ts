/**
 * @module sequence-layout
 * Where the sequence picture's lifelines stand: far enough apart that every
 * column head is written out whole and every arrow's label fits over the
 * arrow, from the picture's left edge on (the first label is not cut). Pure:
 * text is measured as the picture's monospace font sets it.
 *
 * @example
 * const { centers, width } = sequenceLayout(["server", "DebuggedApplication"], arrows);
 */
import type { Arrow } from "./sequence";

/** The picture's font: 11px monospace, about this wide a character. */
export const CHAR_WIDTH = 6.7;
/** The narrowest distance between two lifelines. */
const COLUMN = 128;
/** Room around a head or a label. */
const PAD = 14;
/** Room at either side of the picture. */
export const MARGIN = 12;

/** The width of `text` in the picture's font. */
export function textWidth(text: string): number {
  return text.length * CHAR_WIDTH;
}

/** The x of each lifeline's center (column 0 is the server), and the picture's width. */
export function sequenceLayout(
  names: readonly string[],
  arrows: readonly Arrow[],
): { centers: number[]; width: number } {
  // The distance from each lifeline to the next: room for both heads' halves.
  const gaps = names
    .slice(1)
    .map((name, i) => Math.max(COLUMN, (textWidth(names[i]!) + textWidth(name)) / 2 + PAD));
  // An arrow's label over its span: widen the gaps it crosses, evenly, until it fits.
  for (const arrow of arrows) {
    const [from, to] = [Math.min(arrow.from, arrow.to), Math.max(arrow.from, arrow.to)];
    if (from === to) continue;
    const span = gaps.slice(from, to).reduce((sum, gap) => sum + gap, 0);
    const missing = textWidth(arrow.label) + PAD - span;
    if (missing > 0) for (let i = from; i < to; i++) gaps[i]! += missing / (to - from);
  }
  // A label on an arrow that turns back on its own lifeline starts at it: room on the right.
  const selfRoom = Math.max(
    0,
    ...arrows
      .filter((a) => a.from === a.to && a.to === names.length - 1)
      .map((a) => textWidth(a.label) + 24),
  );
  const first = Math.max(textWidth(names[0] ?? ""), COLUMN) / 2;
  const centers = [MARGIN + first];
  for (const gap of gaps) centers.push(centers.at(-1)! + gap);
  const last = Math.max(textWidth(names.at(-1) ?? ""), COLUMN) / 2;
  return { centers, width: centers.at(-1)! + Math.max(last, selfRoom) + MARGIN };
}
