/** The sequence picture's lifelines: every head whole, every label over its arrow, nothing past the edges. */
import { expect, it } from "vitest";
import type { Arrow } from "./sequence";
import { MARGIN, sequenceLayout, textWidth } from "./sequence-layout";

const arrow = (from: number, to: number, label: string): Arrow => ({
  from,
  to,
  label,
  kind: "call",
  layer: Math.max(from, to) - 1,
  at: 0,
});

/** Flask with debug=True, as Werkzeug stacks it: five layers under the server. */
const NAMES = [
  "server",
  "DebuggedApplication",
  "debug_application",
  "Flask",
  "wsgi_app",
  "Response",
];
const ARROWS = [
  arrow(0, 1, "DebuggedApplication(environ, start_response)"),
  arrow(1, 0, "returns generator"),
  arrow(0, 2, "read: debug_application's body runs"),
  arrow(2, 3, "Flask(environ, start_response)"),
  arrow(5, 0, "start_response(200 OK)"),
  arrow(5, 5, "close()"),
];

it("writes every head whole, apart from its neighbours'", () => {
  const { centers, width } = sequenceLayout(NAMES, ARROWS);
  NAMES.forEach((name, i) => {
    const [left, right] = [centers[i]! - textWidth(name) / 2, centers[i]! + textWidth(name) / 2];
    expect(left).toBeGreaterThanOrEqual(MARGIN);
    expect(right).toBeLessThanOrEqual(width - MARGIN);
    if (i > 0) expect(left).toBeGreaterThan(centers[i - 1]! + textWidth(NAMES[i - 1]!) / 2);
  });
});

it("puts every label over its own arrow, the first one inside the picture", () => {
  const { centers, width } = sequenceLayout(NAMES, ARROWS);
  for (const { from, to, label } of ARROWS) {
    if (from === to) {
      expect(centers[from]! + 22 + textWidth(label)).toBeLessThanOrEqual(width);
      continue;
    }
    expect(Math.abs(centers[to]! - centers[from]!)).toBeGreaterThanOrEqual(textWidth(label));
    expect((centers[from]! + centers[to]!) / 2 - textWidth(label) / 2).toBeGreaterThanOrEqual(0);
  }
});

it("keeps lifelines 128 px apart where names and labels are short", () => {
  const { centers } = sequenceLayout(["server", "app"], [arrow(1, 0, "returns list of 1")]);
  expect(centers[1]! - centers[0]!).toBe(128);
});
