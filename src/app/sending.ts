/**
 * @module sending
 * The request panel's operations: send the request it composes (building
 * the code first if it changed), follow redirects, and show a response
 * from the history.
 */
import { composeRequest, type ComposedRequest } from "../request/compose";
import type { RequestDraft } from "../request/draft";
import { followRedirect, redirectLocation } from "../request/redirect";
import { RequestError } from "../request/validate";
import { replaceRequest, useRequest } from "../state/request";
import { updateRun, useRun } from "../state/run";
import { useWorkspace } from "../state/workspace";
import type { ResponseRecord } from "../wsgi/records";
import { ensureBuilt, hasGoodBuild } from "./builds";
import { exchange } from "./exchange";
import { watchProgress } from "./streaming";

/** How many redirects auto-follow takes before it stops, as browsers do. */
export const MAX_REDIRECTS = 10;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Send one request the panel composes, and show its response. */
async function sendOnce(draft: RequestDraft): Promise<ResponseRecord> {
  let composed: ComposedRequest | null = null;
  const progress = watchProgress();
  const { response, time } = await exchange(
    draft.target,
    (cookie) => (composed = composeRequest(draft, cookie)).record,
    { host: draft.host, useCookieJar: draft.useCookieJar, draft, onProgress: progress.onProgress },
  ).finally(progress.done);
  updateRun({
    response,
    streaming: null,
    responseSeq: useRun.getState().responseSeq + 1,
    roundTrip: time,
    sent: { composed: composed!, draft },
  });
  return response;
}

/** Show a response from the history in the inspector. */
export function inspectResponse(response: ResponseRecord): void {
  updateRun({
    response,
    responseSeq: useRun.getState().responseSeq + 1,
    roundTrip: null,
    redirects: [],
  });
}

/** Send the panel's request (or `draft`) and record the response; follow redirects if asked. */
export async function sendRequest(draft: RequestDraft = useRequest.getState()): Promise<void> {
  performance.mark("wsgi:send");
  updateRun({ sending: true, sendError: null, sendErrorField: null });
  try {
    composeRequest(draft); // refuse a bad request before building the app
    // A failed build leaves the last good one loaded: it answers until the code builds again.
    const built = await ensureBuilt();
    performance.mark("wsgi:built");
    if (!built && (!useWorkspace.getState().trusted || !hasGoodBuild())) {
      updateRun({
        sendError: useWorkspace.getState().trusted
          ? "The app has not built yet, so the request was not sent. Fix the errors above."
          : "This code came from a link: read it, then press Run to run it.",
      });
      return;
    }
    const redirects: { status: string; location: string }[] = [];
    let next: RequestDraft | null = draft;
    while (next) {
      const response = await sendOnce(next);
      performance.mark("wsgi:answered");
      const location = redirectLocation(response);
      next =
        next.autoFollow && location !== null && redirects.length < MAX_REDIRECTS
          ? followRedirect(next, response)
          : null;
      if (next) redirects.push({ status: response.status, location: location! });
    }
    updateRun({ redirects });
  } catch (error) {
    updateRun({
      sendError: message(error),
      sendErrorField: error instanceof RequestError ? error.field : null,
    });
  } finally {
    updateRun({ sending: false, streaming: null });
  }
}

/** Follow the redirect on screen: put the next request in the panel and send it. */
export async function followRedirectOnScreen(): Promise<void> {
  const { response, sent } = useRun.getState();
  if (!response || !sent) return;
  const next = followRedirect(sent.draft, response);
  if (!next) return;
  replaceRequest(next);
  await sendRequest(next);
}
