/**
 * @module exchange
 * One request through the server, the same way whoever sent it (the request
 * panel, the preview served by the page, the preview served by the service
 * worker): the cookie jar's Cookie header in, the runner's answer timed,
 * the cookies it set kept, an entry in the history.
 */
import type { RequestDraft } from "../request/draft";
import { draftFromRecord } from "../request/from-record";
import { cookieHeaderToSend, storeResponseCookies } from "../state/cookies";
import { addHistory } from "../state/history";
import type { RequestRecord, ResponseRecord } from "../wsgi/records";
import type { ServeProgress } from "../wsgi/serve-progress";
import { clients } from "./clients";

/** How an exchange is kept. */
export interface ExchangeOptions {
  /** The virtual host: the jar's cookies are this host's. */
  host: string;
  /** Send the jar's cookies, and keep the ones the app sets. */
  useCookieJar: boolean;
  /** The preview's requests are marked so in the history. */
  source?: "preview";
  /** The panel's draft, which the history restores; else one is made from the request. */
  draft?: RequestDraft;
  /** Hears the response as it goes (the panel: a slow body is drawn as it comes). */
  onProgress?: (progress: ServeProgress) => void;
}

/** A request, the response the server gave it, and the round trip in ms. */
export interface Exchanged {
  request: RequestRecord;
  response: ResponseRecord;
  time: number;
}

/**
 * Serve the request for `target` that `compose` makes (given the jar's
 * Cookie header for it, or null) with the runner, and keep the exchange.
 * `answered` is called with the response once its cookies are kept, before
 * the history entry.
 */
export async function exchange(
  target: string,
  compose: (cookie: string | null) => RequestRecord,
  how: ExchangeOptions,
  answered?: (response: ResponseRecord) => void,
): Promise<Exchanged> {
  const cookie = how.useCookieJar ? await cookieHeaderToSend(how.host, target) : null;
  const request = compose(cookie);
  const started = performance.now();
  // The preview's requests (the playground's own) give way to the panel's.
  const response = await clients().runner.serve(request, how.onProgress, {
    background: how.source === "preview",
  });
  const done = { request, response, time: performance.now() - started };
  await keepExchange(done, how, answered);
  return done;
}

/** Keep what an exchange left: the cookies the app set, then (after `answered`) a history entry. */
export async function keepExchange(
  { request, response, time }: Exchanged,
  how: ExchangeOptions,
  answered?: (response: ResponseRecord) => void,
): Promise<void> {
  if (how.useCookieJar) await storeResponseCookies(how.host, request.target, response.headers);
  answered?.(response);
  addHistory({
    at: Date.now(),
    draft: how.draft ?? draftFromRecord(request, how.host),
    method: request.method,
    target: request.target,
    time,
    response,
    ...(how.source ? { source: how.source } : {}),
  });
}
