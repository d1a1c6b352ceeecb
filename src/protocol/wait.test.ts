import { afterEach, describe, expect, it, vi } from "vitest";
import { atMost, withTimeout } from "./wait";

describe("waits with a bound", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("atMost gives the value in time, and undefined once the time is up", async () => {
    vi.useFakeTimers();
    await expect(atMost(Promise.resolve(7), 1000)).resolves.toBe(7);
    const never = atMost(new Promise<number>(() => undefined), 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(never).resolves.toBeUndefined();
  });

  it("withTimeout rejects saying what did not happen and within how long", async () => {
    vi.useFakeTimers();
    await expect(withTimeout(Promise.resolve("ok"), 4000, "no answer")).resolves.toBe("ok");
    const hung = withTimeout(new Promise(() => undefined), 4000, "no answer");
    const caught = hung.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(4000);
    expect(String(await caught)).toBe("Error: no answer within 4 s");
    const failed = withTimeout(Promise.reject(new Error("refused")), 4000, "no answer");
    await expect(failed).rejects.toThrow("refused");
  });
});
