import { afterEach, describe, expect, it, vi } from "vitest";
import { editorMayLoad, firstBuildSettled } from "./start-order";

describe("editorMayLoad", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits for the first build, then lets a request sent at once be answered before Monaco starts", async () => {
    vi.useFakeTimers();
    let sending = false;
    let listener: (() => void) | null = null;
    let loaded = false;
    void editorMayLoad(
      () => sending,
      (heard) => {
        listener = heard;
        return () => (listener = null);
      },
    ).then(() => (loaded = true));
    await vi.advanceTimersByTimeAsync(1000);
    expect(loaded).toBe(false); // no build yet
    firstBuildSettled();
    sending = true; // Send pressed as the build was drawn ready
    await vi.advanceTimersByTimeAsync(300);
    expect(loaded).toBe(false);
    expect(listener).not.toBeNull();
    sending = false;
    listener!();
    await vi.advanceTimersByTimeAsync(0);
    expect(loaded).toBe(true);
    expect(listener).toBeNull();
  });

  it("does not wait past its limit for a request that hangs", async () => {
    vi.useFakeTimers();
    let loaded = false;
    void editorMayLoad(
      () => true,
      () => () => undefined,
    ).then(() => (loaded = true));
    await vi.advanceTimersByTimeAsync(3900);
    expect(loaded).toBe(false);
    await vi.advanceTimersByTimeAsync(200);
    expect(loaded).toBe(true);
  });
});
