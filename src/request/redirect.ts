/**
 * @module redirect
 * The request a browser sends after a redirect: 303 (and 301/302 after a
 * POST) turn into a GET without a body; 307 and 308 keep the method and the
 * body. Locations are resolved against the URL that was requested.
 */
import type { ResponseRecord } from "../wsgi/records";
import type { RequestDraft } from "./draft";

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The Location of a redirect response, or null when it is not one. */
export function redirectLocation(response: ResponseRecord): string | null {
  const code = Number(response.status.slice(0, 3));
  if (!REDIRECTS.has(code)) return null;
  return response.headers.find(([name]) => name.toLowerCase() === "location")?.[1] ?? null;
}

/** The draft of the next request, or null when the response is not a redirect. */
export function followRedirect(draft: RequestDraft, response: ResponseRecord): RequestDraft | null {
  const location = redirectLocation(response);
  if (location === null) return null;
  const code = Number(response.status.slice(0, 3));
  const base = new URL(`http://${draft.host}${draft.target.startsWith("/") ? draft.target : "/"}`);
  const next = new URL(location, base);
  const keepBody =
    code === 307 ||
    code === 308 ||
    (draft.method !== "POST" && code !== 303) ||
    draft.method === "HEAD";
  const method = keepBody ? draft.method : "GET";
  const dropped = new Set(["content-type", "content-length"]);
  return {
    ...draft,
    method,
    host: next.host,
    target: next.pathname + next.search,
    headers: keepBody
      ? draft.headers
      : draft.headers.filter((row) => !dropped.has(row.name.toLowerCase())),
    body: keepBody ? draft.body : { ...draft.body, mode: "none" },
  };
}
