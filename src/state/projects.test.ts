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
    setFileText("app.ts", "export default 'typed into the first project';");
    const second = createProject("Second");
    expect(useProjects.getState().currentId).toBe(second);
    expect(useWorkspace.getState().files["app.ts"]).not.toContain("typed into");
    const saved = pending.get(`wsgi-playground:project:${first}`)!() as {
      files?: Record<string, string>;
    };
    expect(saved.files?.["app.ts"]).toBe("export default 'typed into the first project';");
  });
});
