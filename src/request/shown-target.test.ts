/** Targets kept as latin-1 bytes are shown as the UTF-8 they spell, or escaped. */
import { describe, expect, it } from "vitest";
import { shownTarget } from "./shown-target";

describe("shownTarget", () => {
  it("shows UTF-8 bytes as their text, other bytes escaped, and ASCII as it is", () => {
    expect(shownTarget("/caf\u00c3\u00a9")).toBe("/café");
    expect(shownTarget("/\u0080%80")).toBe("/\\x80%80");
    expect(shownTarget("/caf%C3%A9?x=1")).toBe("/caf%C3%A9?x=1");
    expect(shownTarget("/already café")).toBe("/already café");
  });
});
