/**
 * @module App
 * The shell: a header with the build state, the editor on the left, the
 * request and the response on the right. Ctrl/Cmd+Enter sends from anywhere.
 */
import { useEffect, useState, type ReactNode } from "react";
import { Group, Panel, Separator } from "react-resizable-panels";
import { Editor } from "../components/Editor/Editor";
import { Preview } from "../components/Preview/Preview";
import { Terminal } from "../components/Terminal/Terminal";
import { Banners } from "../components/TopBar/Banners";
import { BuildBadge } from "../components/TopBar/BuildBadge";
import { Examples } from "../components/TopBar/Examples";
import { KeyboardHelp } from "../components/TopBar/KeyboardHelp";
import { About } from "../components/TopBar/About";
import { ProjectBar } from "../components/TopBar/ProjectBar";
import { SaveStatus } from "../components/TopBar/SaveStatus";
import { ShareButton } from "../components/TopBar/ShareButton";
import { TimeLimit } from "../components/TopBar/TimeLimit";
import { RequestPanel } from "../components/RequestPanel/RequestPanel";
import { ResponsePanel } from "../components/ResponsePanel/ResponsePanel";
import { goToPane, paneId, PANES, useLayout, type PaneName } from "../state/layout";
import { useRun } from "../state/run";
import { useWorkspace } from "../state/workspace";
import { ensureBuilt } from "./builds";
import { runChecksNow } from "./checks-service";
import { sendRequest } from "./sending";
import { ServerPicker } from "../components/Servers/ServerPicker";

const BUILD_DEBOUNCE_MS = 300;

const NARROW = "(max-width: 900px)";
/** Below this width panes cannot sit side by side or stacked: one at a time. */
const PHONE = "(max-width: 700px)";

/** True while the media query matches. */
function useMedia(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const update = () => setMatches(list.matches);
    list.addEventListener("change", update);
    return () => list.removeEventListener("change", update);
  }, [query]);
  return matches;
}

/** Links past the editor, for keyboard users: the first Tab on the page reaches them. */
function SkipLinks() {
  return (
    <nav className="skip-links" aria-label="Skip to">
      {(["Request", "Response", "Preview"] as const).map((pane) => (
        <button key={pane} type="button" className="skip" onClick={() => goToPane(pane, true)}>
          Skip to the {pane.toLowerCase()}
        </button>
      ))}
    </nav>
  );
}

/** The bar that picks the one pane a phone shows. */
function PaneBar() {
  const pane = useLayout((state) => state.pane);
  return (
    <div className="pane-bar" role="tablist" aria-label="Panes">
      {PANES.map((name) => (
        <button
          key={name}
          type="button"
          role="tab"
          aria-selected={pane === name}
          aria-controls={paneId(name)}
          className={pane === name ? "active" : ""}
          onClick={() => goToPane(name)}
        >
          {name}
        </button>
      ))}
    </div>
  );
}

/** One pane at a time (a phone): the others stay mounted, hidden, so nothing is lost. */
function PhoneLayout() {
  const pane = useLayout((state) => state.pane);
  const seq = useRun((state) => state.responseSeq);
  useEffect(() => {
    // A response sent from the Request pane is read on the Response pane.
    if (seq > 0 && useLayout.getState().pane === "Request") goToPane("Response");
  }, [seq]);
  const slot = (name: PaneName, child: ReactNode) => (
    <div className="phone-pane" hidden={pane !== name}>
      {child}
    </div>
  );
  return (
    <>
      <PaneBar />
      <main className="workbench phone">
        {slot("Code", <Editor />)}
        {slot("Request", <RequestPanel />)}
        {slot("Response", <ResponsePanel />)}
        {slot("Preview", <Preview />)}
        {slot("Terminal", <Terminal />)}
      </main>
    </>
  );
}

/** The whole page. */
export function App() {
  const narrow = useMedia(NARROW);
  const phone = useMedia(PHONE);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Enter" && event.altKey && event.shiftKey) {
        event.preventDefault();
        event.stopPropagation();
        void runChecksNow();
      } else if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
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
      if (
        state.files === previous.files &&
        state.entry === previous.entry &&
        state.server === previous.server
      )
        return;
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
      <SkipLinks />
      <header className="topbar">
        <h1>WSGI Playground</h1>
        <BuildBadge />
        <ProjectBar />
        <ServerPicker />
        <SaveStatus />
        <Examples />
        <ShareButton />
        <TimeLimit />
        <KeyboardHelp />
        <About />
        <span className="spacer" />
        <span className="tagline">
          PEP 3333 in your browser, faithful to CPython&rsquo;s wsgiref
        </span>
      </header>
      <Banners />
      {phone ? (
        <PhoneLayout />
      ) : (
        <main className="workbench">
          <Group orientation={narrow ? "vertical" : "horizontal"} className="panes">
            <Panel id="left" defaultSize="48%" minSize="20%">
              <Group orientation="vertical" className="panes">
                <Panel id="editor" defaultSize="50%" minSize="20%">
                  <Editor />
                </Panel>
                <Separator className="separator" aria-label="Resize the editor and preview" />
                <Panel id="preview" minSize="12%">
                  <Preview />
                </Panel>
                <Separator className="separator" aria-label="Resize the preview and terminal" />
                <Panel id="terminal" defaultSize="28%" minSize="10%">
                  <Terminal />
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
      )}
    </div>
  );
}
