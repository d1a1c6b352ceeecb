/**
 * The preview's HTTP layer: what the app sees of a frame's request, and
 * what the frame gets back.
 */
import { describe, expect, it } from "vitest";
import type { ResponseRecord } from "../wsgi/records";
import { responseRecord } from "../wsgi/test-support/response-record";
import { recordToResponse, requestToRecord, scriptNameFor } from "./convert";

function record(status: string, headers: [string, string][], body = "body"): ResponseRecord {
  return responseRecord(status, headers, body, { errors: "Traceback …" });
}

describe("a preview request", () => {
  it("is addressed to the virtual host, at the root of the origin", async () => {
    const request = new Request("http://127.0.0.1:4173/encode?mystring=hi%20there", {
      headers: { Accept: "text/html", Referer: "http://127.0.0.1:4173/" },
    });
    const rec = await requestToRecord(request, { scopePath: "/", host: "localhost:8000" });
    expect(rec).toMatchObject({
      method: "GET",
      target: "/encode?mystring=hi%20there",
      scriptName: "",
      server: { name: "localhost", port: "8000" },
    });
    expect(rec.headers).toEqual([
      ["Host", "localhost:8000"],
      ["accept", "text/html"],
      ["referer", "http://localhost:8000/"],
    ]);
    expect(rec.body.length).toBe(0);
  });

  it("carries a POST body with its length, and mounts under a sub-path", async () => {
    const request = new Request("http://127.0.0.1:4174/tools/pg/form", {
      method: "POST",
      body: "name=Ada",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    const rec = await requestToRecord(request, { scopePath: "/tools/pg/", host: "localhost:8000" });
    expect(rec.scriptName).toBe("/tools/pg");
    expect(rec.target).toBe("/tools/pg/form");
    expect(new TextDecoder().decode(rec.body)).toBe("name=Ada");
    expect(rec.headers).toContainEqual(["Content-Length", "8"]);
    expect(rec.headers).toContainEqual(["content-type", "application/x-www-form-urlencoded"]);
  });

  it("maps scopes to SCRIPT_NAME", () => {
    expect(scriptNameFor("/")).toBe("");
    expect(scriptNameFor("/a/b/")).toBe("/a/b");
  });
});

describe("a preview response", () => {
  it("keeps status, reason and headers, without Set-Cookie", async () => {
    const response = recordToResponse(
      record("404 Not Here", [
        ["Content-Type", "text/html"],
        ["Set-Cookie", "a=1"],
        ["X-Custom", "yes"],
      ]),
      "GET",
    );
    expect(response.status).toBe(404);
    expect(response.statusText).toBe("Not Here");
    expect(response.headers.get("set-cookie")).toBeNull();
    expect(response.headers.get("x-custom")).toBe("yes");
    expect(await response.text()).toBe("body");
  });

  it("has no body for 204, 304 and HEAD", async () => {
    expect(recordToResponse(record("204 No Content", []), "GET").body).toBeNull();
    expect(recordToResponse(record("200 OK", []), "HEAD").body).toBeNull();
  });

  it("turns a status a browser cannot show into a 502 that says why", async () => {
    const response = recordToResponse(record("999 Odd", []), "GET");
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('status "999 Odd"');
    expect(
      (await recordToResponse(record("", []), "GET").text()).startsWith("The app failed before"),
    ).toBe(true);
  });

  it("gives a 502 for a header block the server never finished, and never a header with CR/LF", async () => {
    const broken = recordToResponse({ ...record("200 OK", []), incomplete: true }, "GET");
    expect(broken.status).toBe(502);
    expect(await broken.text()).toContain("stopped in the middle of the headers");
    const split = recordToResponse(
      record("200 OK", [
        ["Content-Type", "text/plain"],
        ["X-Echo", "a\r\nSet-Cookie: stolen=1"],
      ]),
      "GET",
    );
    expect(split.status).toBe(200);
    expect(split.headers.get("x-echo")).toBeNull();
    expect(split.headers.get("set-cookie")).toBeNull();
  });

  it("keeps a redirect for the browser to follow", () => {
    const response = recordToResponse(record("303 See Other", [["Location", "/done"]]), "POST");
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/done");
  });
});

describe("a preview request's virtual host", () => {
  it("is parsed as the request panel parses its Host field", async () => {
    const { parseHost } = await import("../request/validate");
    for (const host of ["localhost:8000", "example.test", "[::1]:8000", "127.0.0.1:5000"]) {
      const rec = await requestToRecord(new Request("http://127.0.0.1:4173/echo/a%2Fb?x=1"), {
        scopePath: "/",
        host,
      });
      expect(rec.server, host).toEqual(parseHost(host));
      expect(rec.headers[0], host).toEqual(["Host", host]);
      expect(rec.target).toBe("/echo/a%2Fb?x=1");
    }
    const v6 = await requestToRecord(new Request("http://127.0.0.1:4173/"), {
      scopePath: "/",
      host: "[::1]:8000",
    });
    expect(v6.server).toEqual({ name: "[::1]", port: "8000" });
  });

  it("is refused with the reason when it is not a host", async () => {
    await expect(
      requestToRecord(new Request("http://127.0.0.1:4173/"), { scopePath: "/", host: "a b" }),
    ).rejects.toThrow(/Host: "a b" is not a host name/);
  });
});
