/**
 * The file operations: each refusal names what is wrong and changes
 * nothing; each change keeps the list's order and the entry and the editor
 * on the files they were on.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { checkFilePath, checkProjectSize, importHint, PROJECT_LIMITS } from "./file-paths";
import { addFile, deleteFile, renameFile, setEntry, setFileText, useWorkspace } from "./workspace";

beforeEach(() => {
  useWorkspace.setState({
    files: { "app.py": "import routes\n", "routes.py": "x = 1\n" },
    entry: "app.py",
    active: "app.py",
    trusted: true,
  });
});

describe("file names", () => {
  it.each([
    ["", /Type a file name/],
    ["  ", /Type a file name/],
    [" a.py", /space/],
    ["/etc/passwd", /absolute path/],
    ["C:/x.py", /absolute path/],
    ["../evil.py", /climbs out/],
    ["pkg/../../x.py", /climbs out/],
    ["pkg//x.py", /empty or "\."/],
    ["./x.py", /empty or "\."/],
    ["pkg/", /empty or "\."/],
    ["my file.py", /has " " in it/],
    ["app.py", /already a file called app\.py/],
    ["App.py", /differ only in case/],
    ["app.py/x.py", /app\.py is a file/],
  ])("refuses %j", (path, why) => {
    expect(checkFilePath(path, ["app.py", "pkg/views.py"])).toMatch(why);
  });

  it("refuses a name that is an existing folder", () => {
    expect(checkFilePath("pkg", ["pkg/views.py"])).toMatch(/pkg is a folder/);
  });

  it.each([
    "routes.py",
    "pkg/__init__.py",
    "templates/page.html",
    "Makefile",
    ".env",
    "checks.hurl",
  ])("takes %j", (path) => expect(checkFilePath(path, ["app.py"])).toBeNull());

  it("hints at the importable name of a .py file that is not an identifier", () => {
    expect(importHint("my-routes.py")).toMatch(/Call it my_routes\.py/);
    expect(importHint("2fa/views.py")).toMatch(/_2fa\/views\.py/);
    expect(importHint("pkg/views.py")).toBeNull();
    expect(importHint("my-page.html")).toBeNull();
  });

  it("caps a project's files and bytes", () => {
    const many = Object.fromEntries(
      Array.from({ length: PROJECT_LIMITS.files + 1 }, (_, i) => [`f${i}.txt`, ""]),
    );
    expect(checkProjectSize(many)).toMatch(/at most 200 files/);
    expect(checkProjectSize({ "big.txt": "x".repeat(PROJECT_LIMITS.bytes + 1) })).toMatch(
      /at most 5\.0 MB/,
    );
    expect(checkProjectSize({ "a.py": "x" })).toBeNull();
  });
});

describe("file operations", () => {
  it("adds a file and shows it", () => {
    expect(addFile("pkg/__init__.py")).toBeNull();
    const state = useWorkspace.getState();
    expect(Object.keys(state.files)).toEqual(["app.py", "routes.py", "pkg/__init__.py"]);
    expect(state.active).toBe("pkg/__init__.py");
  });

  it("refuses a duplicate and changes nothing", () => {
    const before = useWorkspace.getState();
    expect(addFile("routes.py")).toMatch(/already/);
    expect(useWorkspace.getState()).toBe(before);
  });

  it("renames in place, and the entry and the editor follow", () => {
    useWorkspace.setState({ active: "routes.py" });
    expect(renameFile("routes.py", "urls.py")).toBeNull();
    expect(renameFile("app.py", "main.py")).toBeNull();
    const state = useWorkspace.getState();
    expect(Object.keys(state.files)).toEqual(["main.py", "urls.py"]);
    expect(state.entry).toBe("main.py");
    expect(state.active).toBe("urls.py");
    expect(state.files["urls.py"]).toBe("x = 1\n");
  });

  it("refuses to rename the entry to a file it cannot run", () => {
    expect(renameFile("app.py", "app.txt")).toMatch(/entry file/);
    expect(useWorkspace.getState().entry).toBe("app.py");
  });

  it("refuses to delete the last file, and the entry without a new one", () => {
    expect(deleteFile("app.py")).toMatch(/entry file: set another/);
    expect(deleteFile("routes.py")).toBeNull();
    expect(deleteFile("app.py")).toMatch(/only file/);
    expect(Object.keys(useWorkspace.getState().files)).toEqual(["app.py"]);
  });

  it("deletes the entry when told the new one, and shows a neighbour", () => {
    expect(deleteFile("app.py", "routes.py")).toBeNull();
    const state = useWorkspace.getState();
    expect(state.entry).toBe("routes.py");
    expect(state.active).toBe("routes.py");
  });

  it("sets the entry to a runnable file only", () => {
    addFile("README.md", "# hi");
    expect(setEntry("README.md")).toMatch(/cannot be the entry/);
    expect(setEntry("routes.py")).toBeNull();
    expect(useWorkspace.getState().entry).toBe("routes.py");
  });

  it("writes text without a new files object when nothing changed", () => {
    const before = useWorkspace.getState().files;
    setFileText("app.py", "import routes\n");
    expect(useWorkspace.getState().files).toBe(before);
    setFileText("gone.py", "x");
    expect(useWorkspace.getState().files).toBe(before);
  });
});
