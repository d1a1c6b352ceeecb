/**
 * @module server-identity
 * What the server writes about itself in every response: its Server header
 * and the Date format.
 */
import { SERVER_VERSION } from "./environ";

/** What the server says it is in the Server header (wsgiref adds the Python version). */
export const SOFTWARE_VERSION = `${SERVER_VERSION} WSGIPlayground/0.1`;

/** `format_date_time()`: an RFC 1123 date, as the Date header wants. */
export function formatDateTime(date: Date): string {
  return date.toUTCString();
}
