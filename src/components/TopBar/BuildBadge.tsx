/**
 * @module BuildBadge
 * Where the build stands, in the top bar: starting the runtime (CPython's
 * download, then its start-up, with a progress bar), loading the code,
 * ready, failed, or waiting for Run.
 */
import { languageOf, runtimeFor } from "../../runner/runtimes";
import { useRun, type RuntimeStart } from "../../state/run";
import { useWorkspace } from "../../state/workspace";
import "./build-badge.css";

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** The progress bar of a runtime's start: the download's bytes, then start-up (no end known). */
function StartBar({ start, name }: { start: RuntimeStart; name: string }) {
  const label =
    start.phase === "download"
      ? `Downloading ${name}: ${mb(Math.min(start.loaded, start.total))} of ${mb(start.total)} MB`
      : `Starting ${name} up`;
  return (
    <progress
      className="start-bar"
      aria-label={start.name ? `Loading ${name}` : `Starting ${name}`}
      aria-valuetext={label}
      title={label}
      max={start.total}
      {...(start.phase === "download" ? { value: Math.min(start.loaded, start.total) } : {})}
    />
  );
}

/** The build status badge. */
export function BuildBadge() {
  const build = useRun((state) => state.build);
  const start = useRun((state) => state.runtimeStart);
  const entry = useWorkspace((state) => state.entry);
  const runtime = runtimeFor(entry);
  const runtimeName = "error" in runtime ? "the app" : runtime.name;
  // A framework's stack is loaded as CPython is started, with the same bar.
  const name = start?.name ?? runtimeName;
  const python = languageOf(entry) === "python";
  const text = start
    ? start.name
      ? `Loading ${start.name}…`
      : `Starting ${name}…`
    : build.phase === "idle"
      ? "Starting…"
      : build.phase === "held"
        ? "Waiting for Run"
        : build.phase === "compiling"
          ? python
            ? `Loading ${entry}…`
            : "Compiling…"
          : build.phase === "ready"
            ? `Build #${build.buildId} ready`
            : `Build #${build.buildId} failed`;
  const phase = start ? "compiling" : build.phase;
  return (
    <>
      <span className={`build-badge build-${phase}`} role="status" aria-label="Build status">
        {text}
      </span>
      {start && <StartBar start={start} name={name} />}
    </>
  );
}
