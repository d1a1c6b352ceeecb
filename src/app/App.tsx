/**
 * @module App
 * The shell: a header with the build state, the editor on the left, the
 * request and the response on the right. Ctrl/Cmd+Enter sends from anywhere.
 */
import { useEffect, useState } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { Editor } from "../components/Editor/Editor";
import { Preview } from "../components/Preview/Preview";
import { Banners } from "../components/TopBar/Banners";
import { Examples } from "../components/TopBar/Examples";
import { ProjectBar } from "../components/TopBar/ProjectBar";
import { SaveStatus } from "../components/TopBar/SaveStatus";
import { ShareButton } from "../components/TopBar/ShareButton";
import { TimeLimit } from "../components/TopBar/TimeLimit";
import { RequestPanel } from "../components/RequestPanel/RequestPanel";
import { ResponsePanel } from "../components/ResponsePanel/ResponsePanel";
import { useRun } from "../state/run";
import { useWorkspace } from "../state/workspace";
import { ensureBuilt } from "./builds";
import { sendRequest } from "./sending";

const BUILD_DEBOUNCE_MS = 300;

function BuildBadge() {
  const build = useRun((state) => state.build);
  const text =
    build.phase === "idle"
      ? "Starting…"
      : build.phase === "held"
        ? "Waiting for Run"
        : build.phase === "compiling"
          ? "Compiling…"
          : build.phase === "ready"
            ? `Build #${build.buildId} ready`
            : `Build #${build.buildId} failed`;
  return (
    <span className={`build-badge build-${build.phase}`} role="status" aria-label="Build status">
      {text}
    </span>
  );
}

const NARROW = "(max-width: 900px)";

/** True on screens too narrow for side-by-side panes. */
function useNarrow(): boolean {
  const [narrow, setNarrow] = useState(() => matchMedia(NARROW).matches);
  useEffect(() => {
    const query = matchMedia(NARROW);
    const update = () => setNarrow(query.matches);
    query.addEventListener("change", update);
    return () => query.removeEventListener("change", update);
  }, []);
  return narrow;
}

/** The whole page. */
export function App() {
  const narrow = useNarrow();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        event.stopPropagation();
        void sendRequest();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useWorkspace.subscribe((state, previous) => {
      if (state.files === previous.files) return;
      clearTimeout(timer);
      timer = setTimeout(() => void ensureBuilt(), BUILD_DEBOUNCE_MS);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <h1>WSGI Playground</h1>
        <BuildBadge />
        <ProjectBar />
        <SaveStatus />
        <Examples />
        <ShareButton />
        <TimeLimit />
        <span className="spacer" />
        <span className="tagline">
          PEP 3333 in your browser, faithful to CPython&rsquo;s wsgiref
        </span>
      </header>
      <Banners />
      <main className="workbench">
        <Group orientation={narrow ? "vertical" : "horizontal"} className="panes">
          <Panel id="left" defaultSize="48%" minSize="20%">
            <Group orientation="vertical" className="panes">
              <Panel id="editor" defaultSize="60%" minSize="20%">
                <Editor />
              </Panel>
              <Separator className="separator" aria-label="Resize the editor and preview" />
              <Panel id="preview" minSize="15%">
                <Preview />
              </Panel>
            </Group>
          </Panel>
          <Separator className="separator" aria-label="Resize the editor" />
          <Panel id="side" minSize="25%">
            <Group orientation="vertical" className="panes">
              <Panel id="request" defaultSize="42%" minSize="15%">
                <RequestPanel />
              </Panel>
              <Separator className="separator" aria-label="Resize the request and response" />
              <Panel id="response" minSize="20%">
                <ResponsePanel />
              </Panel>
            </Group>
          </Panel>
        </Group>
      </main>
    </div>
  );
}
