/**
 * @module params
 * The query string as a table, kept in step with the URL both ways. Names
 * and values stay exactly as written in the URL (percent-encoding included):
 * a raw `%2F` stays `%2F`.
 */

/** One `name=value` field of a query string, raw. */
export interface Param {
  name: string;
  value: string;
  /** False for a bare `name` with no `=`. */
  hasValue: boolean;
}

/** Split a target into its path and its query (null when there is no `?`). */
export function splitTarget(target: string): { path: string; query: string | null } {
  const q = target.indexOf("?");
  return q === -1
    ? { path: target, query: null }
    : { path: target.slice(0, q), query: target.slice(q + 1) };
}

/** The fields of a query string, raw, in order. Empty fields (`a&&b`) are kept. */
export function parseParams(query: string | null): Param[] {
  if (query === null || query === "") return [];
  return query.split("&").map((field) => {
    const eq = field.indexOf("=");
    return eq === -1
      ? { name: field, value: "", hasValue: false }
      : { name: field.slice(0, eq), value: field.slice(eq + 1), hasValue: true };
  });
}

/** The target with its query rebuilt from the table. */
export function withParams(target: string, params: Param[]): string {
  const { path } = splitTarget(target);
  if (params.length === 0) return path;
  const query = params
    .map((p) => (p.hasValue || p.value !== "" ? `${p.name}=${p.value}` : p.name))
    .join("&");
  return `${path}?${query}`;
}
