/**
 * The line between the page and a runner: a stop reaches only the job it
 * names, says why and when, and is cleared for the next job whatever came
 * of it.
 */
import { describe, expect, it } from "vitest";
import { InterruptLine, jobToken, YIELDED } from "./interrupt";

const line = () => InterruptLine.shared();

describe("an interrupt line", () => {
  it("stops the job running, and the runner reads why once CPython took the signal", () => {
    const shared = line();
    shared.begin(jobToken(7, false));
    expect(shared.stop(7, "limit", 2000)).toBe(true);
    // Pyodide's slot, as CPython leaves it when it raises KeyboardInterrupt.
    expect(shared.buffer[0]).toBe(2);
    shared.buffer[0] = 0;
    expect(shared.end()).toEqual({ byUser: false, afterMs: 2000 });
    expect([...shared.buffer]).toEqual([0, 0, 0, 2000, 0, 0]);
  });

  it("does not stop a job that is not the one running", () => {
    const shared = line();
    shared.begin(jobToken(3, true));
    expect(shared.stop(jobToken(3, false), "user", 500)).toBe(false);
    expect(shared.stop(jobToken(4, true), "user", 500)).toBe(false);
    expect(shared.end()).toBeNull();
    // Idle: nothing to stop.
    expect(shared.stop(jobToken(3, true), "user", 500)).toBe(false);
  });

  it("says nothing of a stop CPython never read (the job ended first), and clears it", () => {
    const shared = line();
    shared.begin(5);
    expect(shared.stop(5, "user", 1234)).toBe(true);
    expect(shared.end()).toBeNull();
    expect(shared.buffer[0]).toBe(0);
    shared.begin(6);
    expect(shared.end()).toBeNull();
  });

  it("lets the panel's request go first: a background job running yields, one not begun does not begin", () => {
    const shared = line();
    shared.begin(jobToken(9, true), true);
    expect(shared.userJobSent()).toBe(true);
    expect(shared.buffer[0]).toBe(2);
    shared.buffer[0] = 0;
    expect(shared.end()).toEqual({ byUser: false, afterMs: 0, yielded: true });
    // The check queued before the panel's request is not begun while it waits.
    expect(shared.userJobWaiting()).toBe(true);
    shared.userJobTaken();
    expect(shared.userJobWaiting()).toBe(false);
  });

  it("never yields the panel's own request, nor a job stopped already", () => {
    const shared = line();
    shared.begin(jobToken(1, false));
    expect(shared.userJobSent()).toBe(false);
    expect(shared.buffer[0]).toBe(0);
    expect(shared.end()).toBeNull();
    shared.begin(jobToken(2, true), true);
    expect(shared.stop(jobToken(2, true), "limit", 5000)).toBe(true);
    expect(shared.userJobSent()).toBe(false);
    shared.buffer[0] = 0;
    expect(shared.end()).toEqual({ byUser: false, afterMs: 5000 });
    shared.userJobTaken();
    shared.userJobTaken();
    expect(shared.userJobWaiting()).toBe(false);
  });

  it("runs a job: its answer, and a background job that yields is YIELDED even when its interrupt came out as an exception", () => {
    const shared = line();
    expect(shared.run(3, true, () => "answer")).toEqual({ answer: "answer", stop: null });
    /** The page sends a build while the check runs; CPython takes the signal in the server's code. */
    const interruptedInServer = () => {
      expect(shared.userJobSent()).toBe(true);
      shared.buffer[0] = 0; // taken
      throw new Error("PythonError: KeyboardInterrupt");
    };
    expect(shared.run(4, true, interruptedInServer)).toBe(YIELDED);
    shared.userJobTaken();
    expect([...shared.buffer]).toEqual([0, 0, 0, 0, 0, 0]);
    // Not stopped, an exception is the job's own.
    expect(() =>
      shared.run(5, false, () => {
        throw new Error("a bug");
      }),
    ).toThrow("a bug");
    // Stopped at the limit, a job that answered is answered with how it was stopped.
    const stoppedAt = shared.run(6, false, () => {
      shared.stop(6, "limit", 5000);
      shared.buffer[0] = 0;
      return "partial";
    });
    expect(stoppedAt).toEqual({ answer: "partial", stop: { byUser: false, afterMs: 5000 } });
  });

  it("needs memory the page can share", () => {
    // Node has SharedArrayBuffer, but is no cross-origin isolated page.
    expect(InterruptLine.create()).toBeNull();
  });
});
