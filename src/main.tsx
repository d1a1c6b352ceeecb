/**
 * @module main
 * Entry: mounts the shell and starts the engine (service worker, compiler,
 * runner).
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { clients } from "./app/clients";
import { benchHooks, startEngine } from "./app/engine";
import { openStartProject } from "./app/startup";
import { loadCookies } from "./state/cookies";
import { loadHistory } from "./state/history";
import { pageOnSandbox } from "./sandbox/page-sandbox";
import "./app/app.css";

/** The playground: the engine, the project on screen, the shell. */
function start(): void {
  startEngine();
  const bench = new URLSearchParams(location.search).get("bench");
  if (bench !== null) {
    (window as unknown as { wsgiPlaygroundBench: typeof benchHooks }).wsgiPlaygroundBench =
      benchHooks;
    // The benchmark's memory with one CPython: the standby waits until it says.
    if (bench === "hold-standby") clients().runner.holdStandby(true);
  }
  void openStartProject();
  void loadCookies();
  void loadHistory();

  createRoot(document.getElementById("root")!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

if (pageOnSandbox()) {
  // The build's sandbox origin, opened in a tab: no playground here, and nothing of the user's.
  document.getElementById("root")!.innerHTML =
    '<p class="on-sandbox" role="alert">This address is the WSGI Playground&rsquo;s sandbox, where ' +
    "the code you run in the playground executes; it is not the playground. Open the playground " +
    "at its own address, the one you were given.</p>";
} else {
  start();
}
