/**
 * The Servers tab's side-by-side: rows that differ come first and are
 * marked, a key a server leaves out shows as absent, and a note explains
 * the underscore header only when it made a difference.
 */
import { describe, expect, it } from "vitest";
import type { ResponseRecord, ServerAnswer } from "../wsgi/records";
import { answerRows, environRows, notes } from "./differences";

const bytes = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

function answer(
  server: ServerAnswer["server"],
  environ: Record<string, string>,
  serverHeader: string,
): ServerAnswer {
  const response: ResponseRecord = {
    httpVersion: "HTTP/1.1",
    status: "200 OK",
    headers: [["Server", serverHeader]],
    serverHeaders: ["server"],
    body: bytes("ok"),
    truncated: false,
    environ,
    trace: [],
    errors: "",
    findings: [],
    appTime: 0,
  };
  return { server, response };
}

const SPOOF =
  "GET / HTTP/1.1\r\nHost: x\r\nX_Forwarded_For: 6.6.6.6\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n";

describe("servers side by side", () => {
  const answers = [
    answer(
      "wsgiref",
      { HTTP_X_FORWARDED_FOR: "6.6.6.6,10.0.0.1", PATH_INFO: "/", HTTP_HOST: "x" },
      "WSGIServer/0.2 CPython/3.12",
    ),
    answer(
      "waitress",
      {
        HTTP_X_FORWARDED_FOR: "10.0.0.1",
        PATH_INFO: "/",
        HTTP_HOST: "x",
        SERVER_SOFTWARE: "waitress",
      },
      "waitress",
    ),
  ];

  it("puts the keys that differ first, marked, and shows a key a server left out as absent", () => {
    const rows = environRows(answers);
    expect(rows.map((r) => [r.name, r.differs])).toEqual([
      ["HTTP_X_FORWARDED_FOR", true],
      ["SERVER_SOFTWARE", true],
      ["HTTP_HOST", false],
      ["PATH_INFO", false],
    ]);
    expect(rows[0]!.values).toEqual(["'6.6.6.6,10.0.0.1'", "'10.0.0.1'"]);
    expect(rows[1]!.values).toEqual([null, "'waitress'"]);
  });

  it("explains the underscore header where it made a difference, and not where it did not", () => {
    const answered = answerRows(answers);
    expect(answered.find((r) => r.name === "Server")?.differs).toBe(true);
    expect(answered.find((r) => r.name === "Status")?.differs).toBe(false);
    const why = notes(bytes(SPOOF), answered, environRows(answers));
    expect(why.map((n) => n.about[0])).toContain("HTTP_X_FORWARDED_FOR");
    const same = [
      answers[0]!,
      answer(
        "werkzeug",
        { HTTP_X_FORWARDED_FOR: "6.6.6.6,10.0.0.1", PATH_INFO: "/", HTTP_HOST: "x" },
        "WSGIServer/0.2 CPython/3.12",
      ),
    ];
    expect(notes(bytes(SPOOF), answerRows(same), environRows(same))).toEqual([]);
  });
});
