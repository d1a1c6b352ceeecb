/**
 * @module clients
 * The page's handles on its workers, once `startEngine` has made them: the
 * compiler, the app runner, and the relay to the service worker (which may
 * never come: some browser contexts have no service workers).
 */
import type { CompilerClient } from "../compiler/compiler-client";
import type { RunnerClient } from "../runner/runner-client";
import type { ServerRelay } from "../sw/relay";

/** The started clients. */
export interface Clients {
  compiler: CompilerClient;
  runner: RunnerClient;
  /** Rejects, with the reason, where no service worker can run: the preview cannot, the panel still works. */
  relay: Promise<ServerRelay>;
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
