/**
 * @module use-built
 * The request the current draft would send, or why it cannot be sent:
 * what the Raw view and the automatic headers show, live as the user types.
 */
import { useMemo } from "react";
import { buildRequest, type BuiltRequest } from "../../request/build";
import { cookieHeaderFor, useCookies } from "../../state/cookies";
import { useRequest } from "../../state/request";

/** The built request or the error that stops it. */
export type BuiltOrError = { ok: true; value: BuiltRequest } | { ok: false; error: string };

/** Build the draft on every change (cheap: no app runs). */
export function useBuilt(): BuiltOrError {
  const draft = useRequest();
  const cookies = useCookies((state) => state.cookies);
  return useMemo(() => {
    try {
      const cookie = draft.useCookieJar ? cookieHeaderFor(draft.host, draft.target) : null;
      return { ok: true, value: buildRequest(draft, cookie) };
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    // The jar is read through cookieHeaderFor; `cookies` changes with it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft, cookies]);
}
