/**
 * @module ServerNote
 * Which server answered the response on screen, and why: the one the code
 * started (and where), the one chosen in **Server**, or the default for a
 * module that only names its app.
 */
import { SERVER_STARTS, serverChoice } from "../../servers/choice";
import type { ResponseRecord } from "../../wsgi/records";

export function ServerNote({ response }: { response: ResponseRecord }) {
  const server = response.server;
  if (!server) return null;
  const at = server.at ? ` at ${server.at.file}:${server.at.line}` : "";
  const chosen = serverChoice(server.name.toLowerCase());
  const why =
    server.how === "code"
      ? `started by the code${at}`
      : server.how === "chosen"
        ? `chosen in Server: ${chosen && chosen !== "code" ? SERVER_STARTS[chosen] : server.name}`
        : "the module starts no server and names its app: make_server('', 8000, app)";
  return (
    <p className="meta" aria-label="Answered by">
      Answered by <strong>{server.name}</strong> (<code>{server.class}</code>), {why}.
    </p>
  );
}
