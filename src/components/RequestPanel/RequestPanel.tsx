/**
 * @module RequestPanel
 * Compose any HTTP request: method (any token), virtual host and target,
 * query parameters, headers, a body in six modes, cookies, history and the
 * raw bytes. Sending goes to the service worker as a message, so every
 * header arrives as typed (see DESIGN.md, "Request path").
 */
import { useState } from "react";
import { sendRequest } from "../../app/sending";
import { updateRequest, useRequest } from "../../state/request";
import { useCookies } from "../../state/cookies";
import { useRun } from "../../state/run";
import { TabBar } from "../common/TabBar";
import { BodyTab } from "./BodyTab";
import { CookiesTab } from "./CookiesTab";
import { CurlBar } from "./CurlBar";
import { HeadersTab } from "./HeadersTab";
import { HistoryTab } from "./HistoryTab";
import { ParamsTab } from "./ParamsTab";
import { RawTab } from "./RawTab";
import { HostHint } from "./HostHint";

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"];
const TABS = ["Params", "Headers", "Body", "Cookies", "History", "Raw"] as const;
type Tab = (typeof TABS)[number];

function TabPanel({ tab }: { tab: Tab }) {
  switch (tab) {
    case "Params":
      return <ParamsTab />;
    case "Headers":
      return <HeadersTab />;
    case "Body":
      return <BodyTab />;
    case "Cookies":
      return <CookiesTab />;
    case "History":
      return <HistoryTab />;
    case "Raw":
      return <RawTab />;
  }
}

/**
 * Send, or "Sending…": alone in following the send, so the pane is not
 * drawn again for it. While sending it is aria-disabled, not disabled: a
 * disabled button drops the focus to the page's body.
 */
function SendButton() {
  const sending = useRun((state) => state.sending);
  return (
    <button
      type="submit"
      className="send"
      aria-disabled={sending || undefined}
      title="Send (Ctrl+Enter)"
    >
      {sending ? "Sending…" : "Send"}
    </button>
  );
}

/** The request pane. */
export function RequestPanel() {
  const method = useRequest((state) => state.method);
  const host = useRequest((state) => state.host);
  const target = useRequest((state) => state.target);
  const headerCount = useRequest(
    (state) => state.headers.filter((h) => h.enabled && h.name).length,
  );
  const bodyMode = useRequest((state) => state.body.mode);
  const autoFollow = useRequest((state) => state.autoFollow);
  const rawOn = useRequest((state) => state.raw.on);
  const cookieCount = useCookies((state) => state.cookies.length);
  const error = useRun((state) => state.sendError);
  const errorField = useRun((state) => state.sendErrorField);
  const [tab, setTab] = useState<Tab>("Params");

  const badge = (name: Tab) =>
    name === "Headers" && headerCount
      ? ` (${headerCount})`
      : name === "Body" && bodyMode !== "none"
        ? ` (${bodyMode})`
        : name === "Cookies" && cookieCount
          ? ` (${cookieCount})`
          : name === "Raw" && rawOn
            ? " (sending)"
            : "";

  return (
    <section className="pane request-pane" aria-label="Request" id="pane-request">
      <form
        className="url-row"
        onSubmit={(event) => {
          event.preventDefault();
          if (!useRun.getState().sending) void sendRequest();
        }}
      >
        <input
          className="method"
          aria-label="Method"
          aria-invalid={errorField === "Method"}
          disabled={rawOn}
          title={rawOn ? "Raw mode: the Raw tab's bytes are sent" : undefined}
          list="methods"
          spellCheck={false}
          value={method}
          onChange={(event) => updateRequest({ method: event.target.value })}
        />
        <datalist id="methods">
          {METHODS.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <span className="scheme">http://</span>
        <input
          className="host"
          aria-label="Host"
          aria-invalid={errorField === "Host"}
          title="The virtual host: sets Host, SERVER_NAME and SERVER_PORT"
          spellCheck={false}
          value={host}
          onChange={(event) => updateRequest({ host: event.target.value })}
        />
        <input
          className="target"
          aria-label="URL"
          aria-invalid={errorField === "URL"}
          disabled={rawOn}
          title={rawOn ? "Raw mode: the Raw tab's bytes are sent" : undefined}
          spellCheck={false}
          value={target}
          onChange={(event) => updateRequest({ target: event.target.value })}
        />
        <SendButton />
      </form>
      <HostHint />
      {error && (
        <p className="error" role="alert" aria-label="Request error">
          {error}
        </p>
      )}
      <div className="tabs-row">
        <TabBar<Tab>
          label="Request parts"
          idPrefix="request"
          tabs={TABS}
          current={tab}
          onSelect={setTab}
          text={(name) => `${name}${badge(name)}`}
        />
        <label className="inline follow">
          <input
            type="checkbox"
            checked={autoFollow}
            onChange={(event) => updateRequest({ autoFollow: event.target.checked })}
          />
          Follow redirects
        </label>
      </div>
      <div
        role="tabpanel"
        id="request-tabpanel"
        aria-labelledby={`request-tab-${tab}`}
        className="tabpanel"
      >
        <TabPanel tab={tab} />
      </div>
      <CurlBar />
    </section>
  );
}
