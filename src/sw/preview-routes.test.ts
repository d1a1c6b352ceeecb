/**
 * The service worker's routing rule as pure functions: which requests the
 * app serves, and which playground page serves each.
 */
import { describe, expect, it } from "vitest";
import {
  chooseOwner,
  directOwner,
  isPreviewWindow,
  isSandboxPage,
  routeOf,
  type Routes,
} from "./preview-routes";

const ORIGIN = "http://127.0.0.1:4173";

function routes(owners: [string, string][] = [], notPreview: string[] = []): Routes {
  return { owners: new Map(owners), notPreview: new Set(notPreview) };
}

const get = (url: string) => ({ url: `${ORIGIN}${url}`, mode: "cors", destination: "" });

describe("which requests are the preview's", () => {
  it("a frame's navigation, whatever its URL", () => {
    for (const destination of ["iframe", "frame"]) {
      const nav = { url: `${ORIGIN}/`, mode: "navigate", destination };
      expect(routeOf(nav, "", ORIGIN, routes())).toBe("preview");
    }
  });

  it("never a top-level navigation, not even from a known preview document", () => {
    const nav = { url: `${ORIGIN}/login`, mode: "navigate", destination: "document" };
    expect(routeOf(nav, "", ORIGIN, routes())).toBe("network");
  });

  it("everything a known preview document asks for", () => {
    expect(routeOf(get("/assets/index.js"), "frame-1", ORIGIN, routes([["frame-1", "page"]]))).toBe(
      "preview",
    );
  });

  it("nothing the playground itself asks for, once known", () => {
    expect(routeOf(get("/assets/index.js"), "page", ORIGIN, routes([], ["page"]))).toBe("network");
  });

  it("the sandbox page's address, and only it, is not the app's", () => {
    const scope = `${ORIGIN}/play/`;
    expect(isSandboxPage(`${ORIGIN}/play/sandbox.html?playground=x&language=python`, scope)).toBe(
      true,
    );
    expect(isSandboxPage(`${ORIGIN}/play/sandbox.html`, scope)).toBe(false);
    expect(isSandboxPage(`${ORIGIN}/sandbox.html?playground=x`, scope)).toBe(false);
    expect(isSandboxPage(`http://elsewhere/play/sandbox.html?playground=x`, scope)).toBe(false);
  });

  it("a client not met since a restart is looked at", () => {
    expect(routeOf(get("/api"), "who", ORIGIN, routes())).toBe("unknown-client");
    const scope = `${ORIGIN}/`;
    expect(isPreviewWindow({ type: "window", frameType: "nested" }, scope)).toBe(true);
    expect(isPreviewWindow({ type: "window", frameType: "top-level" }, scope)).toBe(false);
    expect(isPreviewWindow({ type: "worker" }, scope)).toBe(false);
    expect(isPreviewWindow(undefined, scope)).toBe(false);
    // The sandbox page is a frame, and no preview.
    const sandbox = `${ORIGIN}/sandbox.html?playground=http%3A%2F%2F127.0.0.1%3A4173`;
    expect(isPreviewWindow({ type: "window", frameType: "nested", url: sandbox }, scope)).toBe(
      false,
    );
  });

  it("nothing from another origin", () => {
    const other = { url: "https://example.test/x", mode: "navigate", destination: "iframe" };
    expect(routeOf(other, "frame-1", ORIGIN, routes([["frame-1", "page"]]))).toBe("network");
  });
});

describe("which page serves a preview request", () => {
  const windows = [
    { id: "page-a", frameType: "top-level", focused: false },
    { id: "page-b", frameType: "top-level", focused: true },
    { id: "frame-1", frameType: "nested", focused: false },
  ];

  it("the frame's owner while it is open", () => {
    expect(chooseOwner(["frame-1"], routes([["frame-1", "page-a"]]), new Set(), windows)).toBe(
      "page-a",
    );
  });

  it("the focused playground window when the owner is gone or unknown", () => {
    expect(chooseOwner(["frame-1"], routes([["frame-1", "closed"]]), new Set(), windows)).toBe(
      "page-b",
    );
    expect(chooseOwner([], routes(), new Set(), windows)).toBe("page-b");
  });

  it("else one with a runner, else any playground window, never a frame", () => {
    const unfocused = windows.map((w) => ({ ...w, focused: false }));
    expect(chooseOwner([], routes(), new Set(["page-b"]), unfocused)).toBe("page-b");
    expect(chooseOwner([], routes(), new Set(), unfocused)).toBe("page-a");
    expect(chooseOwner([], routes(), new Set(), [windows[2]!])).toBeNull();
    // On the sandbox's origin the page with the runner is the sandbox page, a frame.
    const sandbox = { id: "sandbox", frameType: "nested", focused: false };
    expect(chooseOwner([], routes(), new Set(["sandbox"]), [sandbox, windows[2]!])).toBe("sandbox");
  });

  it("without asking the page: the document's owner, or the only page for a frame's navigation", () => {
    const known = routes([["frame-1", "page-a"]]);
    expect(directOwner("frame-1", "", known, new Set(["page-a", "page-b"]))).toBe("page-a");
    expect(directOwner("", "new-frame", routes(), new Set(["page-a"]))).toBe("page-a");
    expect(directOwner("", "new-frame", routes(), new Set(["page-a", "page-b"]))).toBeUndefined();
    expect(directOwner("", "", routes(), new Set(["page-a"]))).toBeUndefined();
  });
});
