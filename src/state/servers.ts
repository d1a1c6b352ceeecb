/**
 * @module servers
 * The Servers tab's last comparison: the request it sent (by its first
 * line), each server's answer, whether one is under way, and why the last
 * one could not be made.
 */
import { create } from "zustand";
import type { ServerAnswer } from "../wsgi/records";

export interface ServersState {
  /** The request line of the request compared ("GET /?x=1"), with its exact bytes. */
  request: { title: string; bytes: Uint8Array } | null;
  answers: ServerAnswer[];
  running: boolean;
  error: string | null;
}

export const useServers = create<ServersState>(() => ({
  request: null,
  answers: [],
  running: false,
  error: null,
}));
