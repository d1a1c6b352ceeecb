/**
 * @module use-composed
 * The request the current draft would send, or why it cannot be sent:
 * what the Raw view and the automatic headers show, live as the user types.
 */
import { useMemo } from "react";
import { composeRequest, type ComposedRequest } from "../../request/compose";
import { cookieHeaderFor, useCookies } from "../../state/cookies";
import { useRequest } from "../../state/request";

/** The composed request or the error that stops it. */
export type ComposedOrError = { ok: true; value: ComposedRequest } | { ok: false; error: string };

/** Compose the draft on every change (cheap: no app runs). */
export function useComposed(): ComposedOrError {
  const draft = useRequest();
  const cookies = useCookies((state) => state.cookies);
  return useMemo(() => {
    try {
      const cookie = draft.useCookieJar ? cookieHeaderFor(draft.host, draft.target) : null;
      return { ok: true, value: composeRequest(draft, cookie) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    // The jar is read through cookieHeaderFor; `cookies` changes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft, cookies]);
}
