/**
 * @module compare-servers
 * The Servers tab's operation: the request the panel composes, sent once
 * through every server the playground has (each running the module
 * afresh), for the same app. Its cookies come from the jar but none it
 * sets is kept, and it leaves no history: it is a look, not a visit.
 */
import { composeRequest } from "../request/compose";
import { requestBytes } from "../wsgi/environ";
import { SERVER_CHOICES } from "../servers/choice";
import { cookieHeaderToSend } from "../state/cookies";
import { useRequest } from "../state/request";
import { useServers } from "../state/servers";
import { ensureBuilt, hasGoodBuild, onBuildLoaded } from "./builds";
import { clients } from "./clients";

const latin1 = new TextDecoder("latin1");

/** From now on, a comparison is cleared when another build loads (an edit, another project): it was of one build. */
export function watchServerComparisons(): void {
  onBuildLoaded(() => useServers.setState({ request: null, answers: [], error: null }));
}

/** Send the panel's request through every server; the answers land in the servers store. */
export async function compareServers(): Promise<void> {
  const draft = useRequest.getState();
  useServers.setState({ running: true, error: null });
  try {
    composeRequest(draft); // a bad request is refused before anything runs
    const built = await ensureBuilt();
    if (!built && !hasGoodBuild())
      throw new Error("The app has not built yet: fix the errors above, then compare.");
    const cookie = draft.useCookieJar ? await cookieHeaderToSend(draft.host, draft.target) : null;
    const record = composeRequest(draft, cookie).record;
    const bytes = requestBytes(record);
    const servers = SERVER_CHOICES.filter((choice) => choice !== "code");
    const response = await clients().runner.serve({ ...record, servers });
    const firstLine = latin1.decode(bytes.subarray(0, 200)).split(/\r?\n/)[0] ?? "";
    useServers.setState({
      request: { title: firstLine, bytes },
      answers: response.comparisons ?? [],
      error: response.comparisons
        ? null
        : response.stopped
          ? "The app ran past the time limit while the servers ran it, and was stopped."
          : "A TypeScript project has one server: the TypeScript port of wsgiref.",
    });
  } catch (error) {
    useServers.setState({ error: error instanceof Error ? error.message : String(error) });
  } finally {
    useServers.setState({ running: false });
  }
}
