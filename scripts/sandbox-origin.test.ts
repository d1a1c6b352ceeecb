import { describe, expect, it } from "vitest";
import { contentPolicy, playgroundAddress, sandboxLine, sandboxSetting } from "./sandbox-origin";

describe("the sandbox setting (WSGI_SANDBOX)", () => {
  it("is the next port when unset or empty", () => {
    expect(sandboxSetting(undefined)).toEqual({ kind: "next-port" });
    expect(sandboxSetting("")).toEqual({ kind: "next-port" });
  });

  it("is one origin with none", () => {
    expect(sandboxSetting("none")).toEqual({ kind: "none" });
  });

  it("is an origin, normalised as the browser writes it", () => {
    expect(sandboxSetting("https://Sandbox.Example.org")).toEqual({
      kind: "origin",
      origin: "https://sandbox.example.org",
    });
    expect(sandboxSetting("http://127.0.0.1:9000/")).toEqual({
      kind: "origin",
      origin: "http://127.0.0.1:9000",
    });
  });

  it("names the value that is not an origin", () => {
    expect(() => sandboxSetting("sandbox.example.org")).toThrow(
      /WSGI_SANDBOX=sandbox\.example\.org is not an origin/,
    );
    expect(() => sandboxSetting("https://example.org/sandbox/")).toThrow(
      /a scheme, a host, a port at most/,
    );
  });
});

describe("who may frame the two ports", () => {
  it("lets the playground's pages be framed by themselves only, and connect to their origin", () => {
    expect(contentPolicy(4173, 4174, "127.0.0.1:4173")).toBe(
      "frame-ancestors 'self'; connect-src 'self'",
    );
  });

  it("lets the sandbox's be framed by the playground one port down, on the request's host", () => {
    expect(contentPolicy(4174, 4174, "127.0.0.1:4174")).toBe(
      "frame-ancestors http://127.0.0.1:4173",
    );
    expect(contentPolicy(5174, 5174, "localhost:5174")).toBe(
      "frame-ancestors http://localhost:5173",
    );
    expect(contentPolicy(4174, 4174, "[::1]:4174")).toBe("frame-ancestors http://[::1]:4173");
  });
});

describe("a page opened on the sandbox's port", () => {
  it("goes to the same address on the playground's, one port down", () => {
    expect(playgroundAddress(4174, { url: "/", host: "127.0.0.1:4174", dest: "document" })).toBe(
      "http://127.0.0.1:4173/",
    );
    expect(
      playgroundAddress(5174, { url: "/sub/?x=1", host: "localhost:5174", dest: "document" }),
    ).toBe("http://localhost:5173/sub/?x=1");
  });

  it("leaves what the playground frames or fetches there: the sandbox page, its files, the preview", () => {
    for (const dest of ["iframe", "script", "worker", "empty", undefined])
      expect(playgroundAddress(4174, { url: "/sandbox.html", host: "127.0.0.1:4174", dest })).toBe(
        null,
      );
  });

  it("is printed after the playground's address, saying it is not the one to open", () => {
    expect(sandboxLine("127.0.0.1", 4174)).toBe(
      "  ➜  Sandbox: http://127.0.0.1:4174/ (where user code runs; open the Local address above, not this one)",
    );
  });
});
