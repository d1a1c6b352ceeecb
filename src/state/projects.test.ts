/**
 * Saving projects: a save waits for a pause in typing, and what it writes is
 * the project that was edited, even when another one is on screen by then.
 */
import { describe, expect, it, vi } from "vitest";

const pending = new Map<string, () => unknown>();
vi.mock("./persist", () => ({
  load: async () => undefined,
  saveLater: (key: string, value: () => unknown) => pending.set(key, value),
}));

const { createProject, useProjects, watchForChanges } = await import("./projects");
const { setFileText, useWorkspace } = await import("./workspace");

describe("a debounced save", () => {
  it("writes the edited project, not the one on screen when the timer fires", () => {
    const first = createProject("First");
    watchForChanges();
    // A new project's entry, in whichever language a new project is.
    const entry = useWorkspace.getState().entry;
    setFileText(entry, "typed into the first project");
    const second = createProject("Second");
    expect(useProjects.getState().currentId).toBe(second);
    expect(useWorkspace.getState().files[entry]).not.toContain("typed into");
    const saved = pending.get(`wsgi-playground:project:${first}`)!() as {
      files?: Record<string, string>;
    };
    expect(saved.files?.[entry]).toBe("typed into the first project");
  });
});
