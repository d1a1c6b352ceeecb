/**
 * @module environ-nature
 * Where a Python app's environ differs from the one `python3 app.py` would
 * give it, by the nature of a server in a page (no socket, no process
 * environment, a virtual host), said beside the key, so nobody takes the
 * difference for wsgiref's.
 *
 * @example
 * natureNote("wsgi.input"); // "Under python3 app.py: the socket's file …"
 */

const NOTES: Record<string, string> = {
  "wsgi.input":
    "Under python3 app.py: the socket's file (<_io.BufferedReader name=4>), where reading past CONTENT_LENGTH waits for the client. Here: the request's bytes in memory, which end.",
  "wsgi.errors":
    "Under python3 app.py: sys.stderr (<_io.TextIOWrapper name='<stderr>' …>), the terminal. Here: the Errors log.",
  SERVER_NAME:
    "Under python3 app.py: the machine's own name (socket.getfqdn() of the address make_server bound). Here: the virtual host's.",
  SERVER_PORT:
    "The virtual host's port (the Host field), as if make_server listened on it: no socket is opened.",
  REMOTE_ADDR: "A client on the same machine, as the panel and the preview are.",
  SERVER_SOFTWARE: "The CPython that runs here: Pyodide's, compiled to WebAssembly.",
};

/** The note for `key` in a Python app's environ, or null. */
export function natureNote(key: string): string | null {
  return NOTES[key] ?? null;
}

/** What a Python app's environ lacks by nature, said once above the keys. */
export const PROCESS_ENVIRON_NOTE =
  "Under python3 app.py, wsgiref also copies the process's environment variables (PATH, HOME, LANG, …) into every environ; the server here has no process environment, so none are copied.";
