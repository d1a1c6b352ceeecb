/**
 * @module choice
 * The server a Python project is served by: the one its code starts (the
 * default), or one chosen in the **Server** box — as `gunicorn app:app` is
 * chosen on a command line, not in the module. The choice travels with the
 * project (saved projects, links, zips, `npm run share -- --server NAME`),
 * and the runner starts that server around the module's app
 * (`playground_servers.CHOICES`).
 */

/** Every choice, in the order the Server box lists them. */
export const SERVER_CHOICES = [
  "code",
  "wsgiref",
  "paste",
  "werkzeug",
  "waitress",
  "gunicorn",
  "cheroot",
] as const;

export type ServerChoice = (typeof SERVER_CHOICES)[number];

/** What the Server box shows for each choice. */
export const SERVER_LABELS: Record<ServerChoice, string> = {
  code: "As the code starts it",
  wsgiref: "wsgiref",
  paste: "Paste",
  werkzeug: "Werkzeug",
  waitress: "Waitress",
  gunicorn: "Gunicorn",
  cheroot: "Cheroot",
};

/** How each chosen server is started around the module's app (what python3 would run). */
export const SERVER_STARTS: Record<Exclude<ServerChoice, "code">, string> = {
  wsgiref: "make_server('', 8000, app).serve_forever()",
  paste: "paste.httpserver.serve(app, host='127.0.0.1', port='8080')",
  werkzeug: "werkzeug.serving.run_simple('127.0.0.1', 5000, app, threaded=True)",
  waitress: "waitress.serve(app)",
  gunicorn: "gunicorn app:app (one sync worker)",
  cheroot: "cheroot.wsgi.Server(('0.0.0.0', 8080), app).start()",
};

/** The module of the framework stack each chosen server comes in (wsgiref is the standard library's). */
export const SERVER_MODULES: Partial<Record<ServerChoice, string>> = {
  paste: "paste",
  werkzeug: "werkzeug",
  waitress: "waitress",
  gunicorn: "gunicorn",
  cheroot: "cheroot",
};

/** `value` as a choice, or null when it names none (a message can then list the names). */
export function serverChoice(value: unknown): ServerChoice | null {
  return typeof value === "string" && (SERVER_CHOICES as readonly string[]).includes(value)
    ? (value as ServerChoice)
    : null;
}
