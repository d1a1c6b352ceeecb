/**
 * @module request
 * The request the panel is composing (a {@link RequestDraft}) and the
 * operations on it. Components read the draft and call these; nothing else
 * changes it.
 */
import { create } from "zustand";
import {
  defaultDraft,
  newRow,
  type BodyDraft,
  type RequestDraft,
  type Row,
} from "../request/draft";
import { withParams, type Param } from "../request/params";

/** The request store. */
export const useRequest = create<RequestDraft>(() => defaultDraft());

/** Change top-level fields of the draft. */
export function updateRequest(change: Partial<RequestDraft>): void {
  useRequest.setState(change);
}

/** Change fields of the body draft. */
export function updateBody(change: Partial<BodyDraft>): void {
  useRequest.setState((state) => ({ body: { ...state.body, ...change } }));
}

/** Replace the whole draft (history, curl import, a followed redirect). */
export function replaceRequest(draft: RequestDraft): void {
  useRequest.setState(draft, true);
}

/** The same request as far as a user can tell (row ids and a generated boundary aside). */
function sameRequest(a: RequestDraft, b: RequestDraft): boolean {
  const made = (key: string, value: unknown) =>
    key === "id" || key === "boundary" ? undefined : value;
  return JSON.stringify(a, made) === JSON.stringify(b, made);
}

/**
 * Start a new request: GET / with no headers or body, on the same virtual
 * host and cookie jar setting. Returns the draft it replaced, for Undo
 * (null when that was already a new request).
 */
export function newRequest(): RequestDraft | null {
  const before = useRequest.getState();
  const fresh = { ...defaultDraft(), host: before.host, useCookieJar: before.useCookieJar };
  if (sameRequest(fresh, before)) return null;
  replaceRequest(fresh);
  return before;
}

/** Rewrite the target's query from the params table. */
export function setParams(params: Param[]): void {
  useRequest.setState((state) => ({ target: withParams(state.target, params) }));
}

/** Operations on one of the draft's row tables. */
export function rowsOps<K extends "headers">(key: K) {
  const rows = () => useRequest.getState()[key] as Row[];
  const set = (next: Row[]) => useRequest.setState({ [key]: next } as Partial<RequestDraft>);
  return {
    add: (name = "", value = "") => set([...rows(), newRow(name, value)]),
    update: (id: string, change: Partial<Row>) =>
      set(rows().map((row) => (row.id === id ? { ...row, ...change } : row))),
    remove: (id: string) => set(rows().filter((row) => row.id !== id)),
  };
}

/** The header rows' operations. */
export const headerRows = rowsOps("headers");
