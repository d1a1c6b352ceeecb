import { describe, expect, it } from "vitest";
import { sandboxOrigin } from "./sandbox-setting";

describe("the sandbox's origin", () => {
  const page = new URL("http://127.0.0.1:4173/playground/?x#v1.abc");

  it("is the page's host one port up by default", () => {
    expect(sandboxOrigin({ kind: "next-port" }, page)).toBe("http://127.0.0.1:4174");
    expect(sandboxOrigin({ kind: "next-port" }, new URL("http://[::1]:5173/"))).toBe(
      "http://[::1]:5174",
    );
  });

  it("is none for an address without a port, or when the setting says none", () => {
    expect(sandboxOrigin({ kind: "next-port" }, new URL("https://play.example.org/"))).toBeNull();
    expect(sandboxOrigin({ kind: "none" }, page)).toBeNull();
  });

  it("is the origin named, unless it is the page's own", () => {
    const named = { kind: "origin" as const, origin: "https://sandbox.example.org" };
    expect(sandboxOrigin(named, page)).toBe("https://sandbox.example.org");
    expect(sandboxOrigin({ kind: "origin", origin: page.origin }, page)).toBeNull();
  });
});
