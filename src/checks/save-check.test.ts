/**
 * Save as check: the panel's request and its answer, written as an entry,
 * parse as Hurl and pass when run against the same app.
 */
import { describe, expect, it } from "vitest";
import { composeRequest } from "../request/compose";
import { defaultDraft, newRow } from "../request/draft";
import type { Environ, StartResponse } from "../runtime/types";
import { serve } from "../wsgi/server-handler";
import { parseHurl } from "./hurl-parser";
import { runChecks } from "./run-checks";
import { appendEntry, checkEntry } from "./save-check";

function app(environ: Environ, start_response: StartResponse) {
  const length = Number(environ.CONTENT_LENGTH || 0);
  const body = new TextDecoder().decode(environ["wsgi.input"].read(length));
  start_response("201 Created", [
    ["Content-Type", "text/plain; charset=utf-8"],
    ["Location", "/things/1"],
  ]);
  return [
    new TextEncoder().encode(`${environ.REQUEST_METHOD} ${environ.QUERY_STRING} "${body}" # é`),
  ];
}

describe("Save as check", () => {
  it("a JSON POST, a form and a raw body with a # each become an entry that passes", async () => {
    const json = defaultDraft();
    json.method = "POST";
    json.target = "/things?x=1";
    json.headers = [newRow("X-Token", "a#b"), newRow("Host", "ignored")];
    json.body.mode = "json";
    json.body.json = '{"name": "pen"}';
    const form = defaultDraft();
    form.method = "PUT";
    form.body.mode = "form";
    form.body.form = [newRow("name", "Ada Lovelace"), newRow("note", "50% #1")];
    const raw = defaultDraft();
    raw.method = "POST";
    raw.body.mode = "raw";
    raw.body.raw = 'say "hi"\nand # more';
    let checks = "";
    for (const draft of [json, form, raw]) {
      const response = serve(app, composeRequest(draft).record);
      checks = appendEntry(checks, checkEntry(draft, response));
    }
    expect(checks).toContain(
      'POST http://localhost:8000/things?x=1\nX-Token: a\\#b\n{"name": "pen"}\nHTTP 201',
    );
    const { file, errors } = parseHurl(checks);
    expect(errors).toEqual([]);
    const results = await runChecks(file, async (request) => serve(app, request));
    expect(results.map((r) => [r.title, r.passed, r.failures])).toEqual([
      ["POST /things?x=1", true, []],
      ["PUT /", true, []],
      ["POST /", true, []],
    ]);
  });
});
