/**
 * Every example opens as a link would: its project passes the share
 * format's own checks, so a mistyped request in examples.json fails here
 * and not in a user's hands.
 */
import { describe, expect, it } from "vitest";
import { decodeShare, encodeShare } from "../share/share-codec";
import { EXAMPLES } from "./catalog";

describe("the examples gallery", () => {
  it.each(EXAMPLES.map((example) => [example.id, example] as const))(
    "%s is a project the share format accepts",
    (_id, example) => {
      const entry = example.language === "python" ? "app.py" : "app.ts";
      const project = { entry, ...example.project };
      expect(decodeShare(encodeShare(project))).toEqual(project);
    },
  );
});
