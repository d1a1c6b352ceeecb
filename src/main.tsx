/**
 * @module main
 * Entry: mounts the shell and starts the engine (service worker, compiler,
 * runner).
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { benchHooks, startEngine } from "./app/engine";
import { openStartProject } from "./app/startup";
import { loadCookies } from "./state/cookies";
import { loadHistory } from "./state/history";
import "./app/app.css";

startEngine();
if (new URLSearchParams(location.search).has("bench")) {
  (window as unknown as { wsgiPlaygroundBench: typeof benchHooks }).wsgiPlaygroundBench =
    benchHooks;
}
void openStartProject();
void loadCookies();
void loadHistory();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
