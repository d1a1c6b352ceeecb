import { describe, expect, it } from "vitest";
import { count } from "./format";

describe("count", () => {
  it("groups thousands as English does, as toLocaleString('en') did", () => {
    for (const value of [0, 7, 999, 1000, 12345, 999999, 1000000, 20971520, -12345, 1234.5]) {
      expect(count(value)).toBe(value.toLocaleString("en", { maximumFractionDigits: 20 }));
    }
  });
});
