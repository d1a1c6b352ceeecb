/**
 * @module preview-service
 * The page's part in serving the live preview: what it tells the service
 * worker (the virtual host, the jar's cookies for it, and whether the
 * runner has the code on screen, in which case the worker serves the frame
 * without the page), the requests the worker hands over (the code on screen
 * is not built yet: build, then serve), and the ones it served itself (keep
 * their cookies, add them to the history).
 */
import type { PreviewConfig, PreviewInput, PreviewServedMessage } from "../protocol/service-worker";
import { cookieSnapshot, useCookies } from "../state/cookies";
import { useRequest } from "../state/request";
import { useWorkspace } from "../state/workspace";
import { previewRecord } from "../sw/convert";
import type { ResponseRecord } from "../wsgi/records";
import { ensureBuilt, onBuildLoaded, screenIsBuilt } from "./builds";
import { exchange, keepExchange } from "./exchange";

/**
 * What the service worker needs to serve the preview without the page.
 * Not direct until the saved cookie jar has been read.
 */
export function previewConfig(): PreviewConfig {
  const { host, useCookieJar } = useRequest.getState();
  const { trusted } = useWorkspace.getState();
  const cookies = cookieSnapshot(host);
  return {
    host,
    direct: trusted && screenIsBuilt() && cookies !== null,
    cookies: useCookieJar ? cookies : null,
  };
}

/** What the preview's configuration is made from: when none of it changed, neither did it. */
function previewInputs(): unknown[] {
  const { host, useCookieJar } = useRequest.getState();
  const { files, entry, trusted } = useWorkspace.getState();
  const { cookies, loaded } = useCookies.getState();
  return [host, useCookieJar, files, entry, trusted, cookies, loaded, screenIsBuilt()];
}

/** Send the service worker the preview's configuration whenever it changes. */
export function keepPreviewConfigSent(relay: {
  sendPreviewConfig(preview: PreviewConfig): void;
}): void {
  let sent = JSON.stringify(previewConfig());
  let inputs = previewInputs();
  const update = () => {
    // The request panel changes with every keystroke: most of them leave the preview alone.
    const now = previewInputs();
    if (now.every((value, i) => value === inputs[i])) return;
    inputs = now;
    const config = previewConfig();
    const text = JSON.stringify(config);
    if (text === sent) return;
    sent = text;
    relay.sendPreviewConfig(config);
  };
  useRequest.subscribe(update);
  useWorkspace.subscribe(update);
  useCookies.subscribe(update);
  onBuildLoaded(update);
}

/**
 * Serve a request the preview frame made that the service worker handed
 * over: build first, then the same exchange as the panel's, for the
 * panel's host. The frame gets its response (`reply`) once the cookies it
 * set are kept, before the history entry.
 */
export async function servePreview(
  input: PreviewInput,
  scopePath: string,
  reply: (response: ResponseRecord) => void,
): Promise<void> {
  await ensureBuilt();
  const { host, useCookieJar } = useRequest.getState();
  const record = previewRecord(input, { scopePath, host });
  await exchange(
    record.target,
    (cookie) =>
      cookie === null ? record : { ...record, headers: [...record.headers, ["Cookie", cookie]] },
    { host, useCookieJar, source: "preview" },
    reply,
  );
}

/** A preview request the service worker served itself: keep the cookies it set (the frame waits for that) and add it to the history. */
export async function keepPreviewServed({
  request,
  response,
  time,
}: PreviewServedMessage): Promise<void> {
  const host = request.headers.find(([name]) => name === "Host")?.[1] ?? useRequest.getState().host;
  await keepExchange(
    { request, response, time },
    { host, useCookieJar: useRequest.getState().useCookieJar, source: "preview" },
  );
}
