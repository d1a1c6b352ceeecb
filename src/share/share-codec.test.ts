/**
 * Share links: round trips, only non-default state, old links still open,
 * and every kind of broken or hostile link refused with a clear message.
 */
import { deflateSync, strToU8 } from "fflate";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newRow } from "../request/draft";
import { fromShared, newProjectContent, toShared } from "./project-state";
import { decodeShare, encodeShare, MAX_FRAGMENT, ShareLinkError } from "./share-codec";

const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");

describe("share links", () => {
  it("round-trip files and the request, and carry only what differs from a new project", () => {
    const content = newProjectContent("typescript");
    content.files = { "app.ts": "export default 1;", "lib/util.ts": "export const x = 2;" };
    content.draft.method = "POST";
    content.draft.target = "/form?x=%2F";
    content.draft.headers = [newRow("Cookie", "a=1")];
    content.draft.body = { ...content.draft.body, mode: "form", form: [newRow("name", "Ada")] };
    const shared = toShared(content);
    expect(Object.keys(shared.request!).sort()).toEqual(["body", "headers", "method", "target"]);
    const back = fromShared(decodeShare(encodeShare(shared)));
    expect(back.files).toEqual(content.files);
    expect(back.entry).toBe("app.ts");
    expect(back.draft.method).toBe("POST");
    expect(back.draft.target).toBe("/form?x=%2F");
    expect(back.draft.headers.map((h) => [h.name, h.value])).toEqual([["Cookie", "a=1"]]);
    expect(back.draft.body.form.map((h) => [h.name, h.value])).toEqual([["name", "Ada"]]);
  });

  it("carry the project's server when it is not the one the code starts, and refuse one they do not know", () => {
    const content = { ...newProjectContent("python"), server: "gunicorn" as const };
    const shared = toShared(content);
    expect(shared.server).toBe("gunicorn");
    expect(fromShared(decodeShare(encodeShare(shared))).server).toBe("gunicorn");
    expect(toShared({ ...content, server: "code" }).server).toBeUndefined();
    expect(fromShared(toShared(newProjectContent("python"))).server).toBeUndefined();
    const unknown = `v1.${b64url(deflateSync(strToU8(JSON.stringify({ server: "tornado" }))))}`;
    expect(() => decodeShare(unknown)).toThrow(ShareLinkError);
  });

  it("encodes a new project as almost nothing", () => {
    expect(toShared(newProjectContent("typescript"))).toEqual({});
    expect(encodeShare({}).length).toBeLessThan(10);
  });

  it("opens a link that leaves the files out as TypeScript's hello world, whatever a new project is now", () => {
    const content = fromShared({});
    expect(content.entry).toBe("app.ts");
    expect(content.files).toEqual(newProjectContent("typescript").files);
    // A new Python project's link carries its files.
    const python = toShared(newProjectContent("python"));
    expect(fromShared(python).files).toEqual(newProjectContent("python").files);
  });

  it("keeps opening a version 1 link made before any later change", () => {
    // Committed when v1 was fixed: if the encoder changes, this link must still decode.
    const link = encodeShare({
      files: { "app.ts": 'export default function app(e, s) { s("200 OK", []); return []; }' },
      request: {
        method: "POST",
        target: "/echo",
        body: { mode: "raw", raw: "name=Ada", rawType: "application/x-www-form-urlencoded" },
      },
    });
    expect(link).toBe(V1_LINK);
    const project = fromShared(decodeShare(`#${V1_LINK}`));
    expect(project.draft.body.raw).toBe("name=Ada");
  });

  it.each([
    ["not a share link", "#hello", "not a WSGI Playground share link"],
    ["a newer version", "#v9.abc", "format version 9, newer"],
    ["bad base64", "#v1.ab$cd", 'damaged: "$" cannot appear'],
    ["not deflate", `#v1.${b64url(strToU8("plain text, not compressed"))}`, "does not decompress"],
    [
      "cut short",
      `#v1.${b64url(deflateSync(strToU8(JSON.stringify({ files: { "a.ts": "x".repeat(5000) } }))).slice(0, 20))}`,
      "cut short",
    ],
    ["not JSON", `#v1.${b64url(deflateSync(strToU8("{nope")))}`, "not valid JSON"],
    [
      "wrong JSON",
      `#v1.${b64url(deflateSync(strToU8(JSON.stringify({ files: { "app.ts": 42 } }))))}`,
      "files.app.ts",
    ],
    [
      "a bad path",
      `#v1.${b64url(deflateSync(strToU8(JSON.stringify({ files: { "../../etc": "x" } }))))}`,
      "not a valid project",
    ],
    [
      "a missing entry",
      `#v1.${b64url(deflateSync(strToU8(JSON.stringify({ files: { "a.ts": "x" }, entry: "b.ts" }))))}`,
      'entry "b.ts"',
    ],
    ["a 2 MB fragment", `#v1.${"A".repeat(2 * 1024 * 1024)}`, "over the 1 MB"],
    [
      "a decompression bomb",
      `#v1.${b64url(deflateSync(new Uint8Array(50 * 1024 * 1024)))}`,
      "unpacks to more than 8 MB",
    ],
  ])("refuses %s with a clear message", (_kind, fragment, message) => {
    expect(() => decodeShare(fragment)).toThrow(ShareLinkError);
    expect(() => decodeShare(fragment)).toThrow(message);
  });

  it("never throws anything but ShareLinkError, whatever the link (fuzzed)", () => {
    const valid = encodeShare({
      files: { "app.ts": "export default 1;" },
      request: { method: "PUT" },
    });
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `v1.${s}`),
          fc
            .tuple(fc.nat(valid.length), fc.string({ maxLength: 3 }))
            .map(([at, s]) => valid.slice(0, at) + s + valid.slice(at + s.length)),
          fc.uint8Array({ maxLength: 300 }).map((bytes) => `v1.${b64url(bytes)}`),
        ),
        (fragment) => {
          try {
            decodeShare(fragment);
          } catch (error) {
            expect(error).toBeInstanceOf(ShareLinkError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it("states its size limit", () => {
    expect(MAX_FRAGMENT).toBe(1_000_000);
  });
});

const V1_LINK =
  "v1.JY4xD4IwEIX_yuUmSUCII8TB2QET2cSh0kNIoMXSBgjpf_eqy-Xlu5cvb8e2H2jGfEcxTUfLCWmdtLEgqRVusNA61dheK-DCgWKYI9hhPtR4yjIorzXG8HhGBRiyzijOBXj0MRr6OJptUI9kOy1ZfSvvFcZohXkTfzClptMMXlpuv6KWxNiIhWG4OSox0vkixR9U2xQKPGXoGxFmpWuyLEvSajMmzgykGnZI9N5_AQ";
