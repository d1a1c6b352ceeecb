/** Progress is told at once, then throttled; every byte and event is told exactly once. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PROGRESS_EVERY_MS, ProgressTeller, type ServeProgress } from "./serve-progress";
import type { TraceEvent } from "./records";

describe("ProgressTeller", () => {
  it("tells the first news at once, then at most once per interval", () => {
    let now = 0;
    const told: ServeProgress[] = [];
    const teller = new ProgressTeller(
      (p) => told.push(p),
      () => now,
    );
    const trace: TraceEvent[] = [{ kind: "call", at: 0 }];
    const chunks = [new Uint8Array([1])];
    teller.tick({ trace, chunks, head: { status: "200 OK", headers: [["A", "b"]] } });
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({ status: "200 OK", headers: [["A", "b"]] });
    chunks.push(new Uint8Array([2]));
    now = PROGRESS_EVERY_MS - 1;
    teller.tick({ trace, chunks, head: null });
    expect(told).toHaveLength(1);
    now = PROGRESS_EVERY_MS;
    teller.tick({ trace, chunks, head: null });
    expect(told).toHaveLength(2);
    expect([...told[1]!.chunk]).toEqual([2]);
    expect(told[1]!.status).toBeUndefined();
  });

  it("tells every byte and trace event once, in order, however the ticks fall (fuzzed)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.uint8Array({ maxLength: 5 }), fc.nat(50)), { maxLength: 40 }),
        (steps) => {
          let now = 0;
          const told: ServeProgress[] = [];
          const teller = new ProgressTeller(
            (p) => told.push(p),
            () => now,
          );
          const chunks: Uint8Array[] = [];
          const trace: TraceEvent[] = [];
          for (const [chunk, wait] of steps) {
            now += wait;
            chunks.push(chunk);
            trace.push({ kind: "chunk", at: now, size: chunk.length });
            teller.tick({ trace, chunks, head: { status: "200 OK", headers: [] } });
          }
          teller.flush({ trace, chunks, head: { status: "200 OK", headers: [] } });
          const bytes = told.flatMap((p) => [...p.chunk]);
          expect(bytes).toEqual(chunks.flatMap((c) => [...c]));
          expect(told.flatMap((p) => p.trace)).toEqual(trace);
          expect(told.filter((p) => p.status !== undefined)).toHaveLength(1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
