import { afterEach, describe, expect, it, vi } from "vitest";
import { editorMayLoad, firstBuildSettled } from "./start-order";

describe("editorMayLoad", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits for the first build, and for a request that waited for it to be answered", async () => {
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
    sending = true; // Send pressed while the runtime starts: the request waits for the build
    await vi.advanceTimersByTimeAsync(1000);
    expect(loaded).toBe(false); // no build yet
    firstBuildSettled();
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

  it("with no request under way, lets the editor load as soon as the first build has settled", async () => {
    let loaded = false;
    void editorMayLoad(() => false).then(() => (loaded = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(loaded).toBe(true);
  });
});
