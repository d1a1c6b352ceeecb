// Cookies and a tiny session: the first visit sets a session cookie; later
// visits (the cookie jar sends it back) count in the session's store.
import { b } from "wsgi";
import type { Environ, StartResponse } from "wsgi";

const sessions = new Map<string, number>();

function cookies(environ: Environ): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (environ.HTTP_COOKIE ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return out;
}

export default function app(environ: Environ, start_response: StartResponse) {
  let id = cookies(environ).session;
  const headers: [string, string][] = [["Content-Type", "text/plain"]];
  if (!id || !sessions.has(id)) {
    id = Math.random().toString(36).slice(2, 10);
    sessions.set(id, 0);
    headers.push(["Set-Cookie", `session=${id}; Path=/; HttpOnly`]);
  }
  const visits = sessions.get(id)! + 1;
  sessions.set(id, visits);
  start_response("200 OK", headers);
  return [b`Visit number ${visits} in this session.\n`];
}
