/**
 * The save status: "Saving…" from the first change until the write that
 * holds it has settled, however many changes fold into it, and "Saved" only
 * then (the e2e tests wait for it before a reload).
 */
import { afterEach, describe, expect, it, vi } from "vitest";

const writes: { key: string; value: unknown; done: () => void }[] = [];
vi.mock("idb-keyval", () => ({
  get: async () => undefined,
  del: async () => undefined,
  set: (key: string, value: unknown) =>
    new Promise<void>((resolve) => writes.push({ key, value, done: resolve })),
}));

const { saveLater, later, useSaving } = await import("./persist");

afterEach(() => vi.useRealTimers());

describe("the save status", () => {
  it("stays pending through a burst of changes until the one write settles", async () => {
    vi.useFakeTimers();
    expect(useSaving.getState().pending).toBe(0);
    saveLater("k", () => "first", 300);
    vi.advanceTimersByTime(200);
    saveLater("k", () => "second", 300);
    expect(useSaving.getState().pending).toBe(1);
    vi.advanceTimersByTime(300);
    await vi.waitFor(() => expect(writes).toHaveLength(1));
    expect(writes[0]).toMatchObject({ key: "k", value: "second" });
    expect(useSaving.getState().pending).toBe(1);
    writes[0]!.done();
    await vi.waitFor(() => expect(useSaving.getState().pending).toBe(0));
  });

  it("counts each key apart, and a task that is not a write", async () => {
    vi.useFakeTimers();
    let ran = 0;
    later("address-bar", () => void ran++, 100);
    saveLater("other", () => 1, 100);
    expect(useSaving.getState().pending).toBe(2);
    vi.advanceTimersByTime(100);
    await vi.waitFor(() => expect(useSaving.getState().pending).toBe(1));
    expect(ran).toBe(1);
    writes.at(-1)!.done();
    await vi.waitFor(() => expect(useSaving.getState().pending).toBe(0));
  });
});
