/**
 * @module clients
 * The page's handles on its workers, once `startEngine` has made them: the
 * compiler and the app runner (in this page, or in the sandbox page: see
 * `sandbox/sandbox-link.ts`).
 */
import type { CompilerClient } from "../compiler/compiler-client";
import type { AppRunner } from "../runner/app-runner";

/** The started clients. */
export interface Clients {
  compiler: CompilerClient;
  runner: AppRunner;
}

let started: Clients | null = null;

/** Keep the clients `startEngine` made. */
export function setClients(clients: Clients): void {
  started = clients;
}

/** The started clients; throws before `startEngine`. */
export function clients(): Clients {
  if (!started) throw new Error("The playground has not started.");
  return started;
}

/** Whether `startEngine` has run. */
export function hasStarted(): boolean {
  return started !== null;
}
