/**
 * @module server-log
 * The lines http.server writes to its error stream
 * (`BaseHTTPRequestHandler.log_message`): the client's address, the local
 * time, and the message with control characters escaped.
 */

const MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");

/** `log_date_time_string()`: `30/Nov/2026 12:00:00`, local time. */
export function logDateTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(date.getDate())}/${MONTHS[date.getMonth()]}/${date.getFullYear()} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** `_control_char_table`: C0 and C1 controls become `\xNN`, a backslash `\\`. */
export function escapeControls(text: string): string {
  // eslint-disable-next-line no-control-regex -- these control characters are the point
  return text.replace(/[\x00-\x1f\x7f-\x9f\\]/g, (ch) =>
    ch === "\\" ? "\\\\" : `\\x${ch.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/** One `log_message()` line. */
export function logLine(remoteAddr: string | undefined, when: Date, message: string): string {
  return `${remoteAddr ?? "127.0.0.1"} - - [${logDateTime(when)}] ${escapeControls(message)}\n`;
}
