import { describe, expect, it } from "vitest";
import { sandboxSetting } from "./sandbox-origin";

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
