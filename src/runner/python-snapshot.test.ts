/**
 * A CPython restored from the build's memory snapshot must not be told from
 * one started on this host: the same facts of its host (time zone, $LANG,
 * sys.path, sys.executable), a random seed of its own, the same responses
 * for every oracle app, and an interrupt that still stops a loop. The
 * snapshot is made in one time zone and restored in another, as a build
 * machine's is in a user's browser.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ORACLE_APPS, oracleRequest } from "../wsgi/test-support/oracle-apps";
import { InterruptLine } from "./interrupt";
import { PythonServer } from "./python-server";

const ORACLE = readFileSync(new URL("../../scripts/wsgiref_oracle.py", import.meta.url), "utf8");

/** What a fresh CPython learnt from its host, as one app module sees it. */
const FACTS_APP = `
import json, os, random, sys, time

FACTS = json.dumps({
    "environ": dict(os.environ),
    "tz": [list(time.tzname), time.timezone, time.altzone, time.daylight, time.strftime("%Z", time.localtime(0))],
    "localtime": list(time.localtime(0))[:6],
    "path": sys.path[1:],
    "executable": sys.executable,
    "argv": sys.argv,
    "flags": str(sys.flags),
    "random": random.random(),
})

def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "application/json")])
    return [FACTS.encode()]
`;

function facts(python: PythonServer): Record<string, unknown> {
  expect(python.load({ "app.py": FACTS_APP }, "app.py")).toBeNull();
  const response = python.serve(oracleRequest("hello"), 1);
  return JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>;
}

/** An errors log with wsgiref's request-line times masked. */
const logTime = (log: string) => log.replace(/\[\d\d\/\w{3}\/\d{4} [\d:]{8}\]/g, "[<time>]");

const withoutDate = (headers: [string, string][]) => headers.filter(([name]) => name !== "Date");

describe("CPython restored from a memory snapshot", () => {
  const zone = process.env.TZ;
  let snapshot: Uint8Array;
  let plain: PythonServer;
  let restored: PythonServer;

  beforeAll(async () => {
    process.env.TZ = "UTC";
    snapshot = await PythonServer.snapshot();
    // The user's browser is elsewhere.
    process.env.TZ = "Asia/Kolkata";
    plain = await PythonServer.start();
    restored = await PythonServer.start(undefined, undefined, Promise.resolve(snapshot.slice()));
  }, 180_000);

  afterAll(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("is restored, not started", () => {
    expect(restored.startedFrom).toBe("snapshot");
    expect(restored.notRestored).toBeNull();
    expect(plain.startedFrom).toBe("start");
  });

  it("has this host's time zone, $LANG, sys.path and executable, as a CPython started here", () => {
    const ours = facts(restored);
    const theirs = facts(plain);
    expect(ours["tz"]).toEqual(theirs["tz"]);
    expect((ours["tz"] as unknown[])[1]).toBe(-19800);
    expect(ours["localtime"]).toEqual(theirs["localtime"]);
    // Started in Node, CPython takes the script's path for its program; a browser's has this.
    const { _: program, ...environ } = ours["environ"] as Record<string, string>;
    expect(program).toBe("./this.program");
    expect(ours["executable"]).toBe("/home/pyodide/this.program");
    expect(environ).toEqual({ ...(theirs["environ"] as object), _: undefined });
    expect(ours["path"]).toEqual(theirs["path"]);
    expect(ours["argv"]).toEqual(theirs["argv"]);
    expect(ours["flags"]).toBe(theirs["flags"]);
  });

  it("draws random numbers of its own: two restores of one snapshot do not repeat each other", async () => {
    const again = await PythonServer.start(undefined, undefined, Promise.resolve(snapshot.slice()));
    expect(again.startedFrom).toBe("snapshot");
    expect(facts(again)["random"]).not.toBe(facts(restored)["random"]);
  }, 60_000);

  it("answers every oracle app byte for byte as a started CPython does", () => {
    const files = {
      "app.py": "from wsgiref_oracle import dispatch as application\n",
      "wsgiref_oracle.py": ORACLE,
    };
    expect(restored.load(files, "app.py")).toBeNull();
    expect(plain.load(files, "app.py")).toBeNull();
    for (const app of Object.keys(ORACLE_APPS)) {
      const ours = restored.serve(oracleRequest(app), 1);
      const theirs = plain.serve(oracleRequest(app), 1);
      expect(ours.status, app).toBe(theirs.status);
      expect(withoutDate(ours.headers), app).toEqual(withoutDate(theirs.headers));
      expect(Buffer.from(ours.body).equals(Buffer.from(theirs.body)), app).toBe(true);
      // The log line's time is each request's own: a second may tick between the two.
      expect(logTime(ours.errors), app).toBe(logTime(theirs.errors));
    }
  });

  it("is still interrupted where a loop runs", () => {
    const line = InterruptLine.shared();
    restored.interruptWith(line.buffer);
    (globalThis as { stopSnapshotLoop?: () => boolean }).stopSnapshotLoop = () =>
      line.stop(3, "limit", 1000);
    const app = [
      "import js",
      "def application(environ, start_response):",
      "    n = 0",
      "    while True:",
      "        n += 1",
      "        if n == 1000: js.stopSnapshotLoop()",
      "",
    ].join("\n");
    expect(restored.load({ "app.py": app }, "app.py")).toBeNull();
    line.begin(3);
    const response = restored.serve(oracleRequest("hello"), 1);
    expect(line.end()).toEqual({ byUser: false, afterMs: 1000 });
    expect(response.status).toBe("500 Internal Server Error");
    expect(response.errors).toMatch(/KeyboardInterrupt/);
  });

  it("starts as usual when the snapshot is damaged, and says why", async () => {
    const damaged = snapshot.slice();
    damaged.fill(0, 0, 64);
    const python = await PythonServer.start(undefined, undefined, Promise.resolve(damaged));
    expect(python.startedFrom).toBe("start");
    expect(python.notRestored).toMatch(/snapshot/i);
    expect(facts(python)["path"]).toEqual(facts(plain)["path"]);
  }, 60_000);
});
