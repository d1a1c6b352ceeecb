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
import "./app/app.css";

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
