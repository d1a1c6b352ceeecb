/**
 * @module checks-service
 * Runs the project's checks by themselves: after every build that loads
 * (an edit to the app or to `checks.hurl` builds anew), and on **Run
 * checks**. Each entry goes through the runner as the panel's requests do
 * (the same server, the same time limit) but not through the exchange: the
 * checks have a cookie jar of their own and leave the history alone. A run
 * that a newer one overtakes stops telling its results.
 */
import { parseHurl } from "../checks/hurl-parser";
import { runChecks } from "../checks/run-checks";
import { CHECKS_FILE, checkKey, updateChecks, useChecks } from "../state/checks";
import { useRun } from "../state/run";
import { addFile, setActiveFile, setFileText, useWorkspace } from "../state/workspace";
import { appendEntry, checkEntry } from "../checks/save-check";
import type { ResponseRecord } from "../wsgi/records";
import type { RequestDraft } from "../request/draft";
import { onBuildLoaded } from "./builds";
import { clients } from "./clients";

let runSeq = 0;

/** Run the checks of the project on screen now (a newer run replaces one under way). */
export async function runChecksNow(): Promise<void> {
  const seq = ++runSeq;
  const text = useWorkspace.getState().files[CHECKS_FILE];
  if (text === undefined) {
    updateChecks({ absent: true, errors: [], results: [], total: 0, running: false, shown: null });
    return;
  }
  const { file, errors } = parseHurl(text);
  if (errors.length) {
    updateChecks({ absent: false, errors, results: [], total: 0, running: false, shown: null });
    return;
  }
  updateChecks({
    absent: false,
    errors: [],
    results: [],
    total: file.entries.length,
    running: true,
    before: lastVerdicts,
  });
  const results = await runChecks(
    file,
    (request) => clients().runner.serve(request, undefined, { background: true }),
    (result) => {
      if (seq === runSeq) updateChecks({ results: [...useChecks.getState().results, result] });
    },
  );
  if (seq !== runSeq) return;
  updateChecks({ running: false });
  // The next run compares with this one.
  lastVerdicts = Object.fromEntries(results.map((result) => [checkKey(result), result.passed]));
}

/** The verdicts of the last finished run. */
let lastVerdicts: Record<string, boolean> = {};

/** The response the panel's last Send got (Save as check writes it down; a check's or the history's is not it). */
let panelResponse: ResponseRecord | null = null;

/** Whether the inspector shows the response of the panel's last Send. */
export function showsPanelResponse(response: ResponseRecord | null): boolean {
  return response !== null && response === panelResponse;
}

/** Save as check: the panel's last request and its answer, appended to checks.hurl (made if need be). */
export function saveAsCheck(): void {
  const { sent, response } = useRun.getState();
  if (sent && showsPanelResponse(response)) saveCheck(sent.draft, response!);
}

/** Append a request (as its draft) and the answer it got to checks.hurl, made if need be; show the file. */
export function saveCheck(draft: RequestDraft, response: ResponseRecord): void {
  const entry = checkEntry(draft, response);
  const files = useWorkspace.getState().files;
  if (CHECKS_FILE in files) {
    setFileText(CHECKS_FILE, appendEntry(files[CHECKS_FILE], entry));
    setActiveFile(CHECKS_FILE);
  } else addFile(CHECKS_FILE, entry);
}

/** Run the checks after each build that loads; forget which check was shown when another response is. */
export function watchChecks(): void {
  onBuildLoaded(() => {
    void runChecksNow().catch(() => updateChecks({ running: false }));
  });
  useRun.subscribe((state, previous) => {
    if (state.sent !== previous.sent) panelResponse = state.response;
    if (state.response === previous.response) return;
    const { shown, results } = useChecks.getState();
    if (shown !== null && results.find((r) => r.index === shown)?.response !== state.response)
      updateChecks({ shown: null });
  });
}
