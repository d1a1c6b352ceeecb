/**
 * @module shown-target
 * A request target as a person reads it.
 *
 * @example
 * shownTarget("/caf\u00c3\u00a9"); // "/café"
 */
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * A target as a person reads it: the record keeps a raw request's bytes as
 * latin-1 characters (`cafÃ©`), shown here as the UTF-8 they spell (`café`);
 * anything else as it is, invisible control characters as `\xNN`.
 */
export function shownTarget(target: string): string {
  // eslint-disable-next-line no-control-regex -- the bytes outside ASCII are the point
  if (!/[\x80-\xff]/.test(target) || /[^\x00-\xff]/.test(target)) return target;
  const bytes = Uint8Array.from(target, (c) => c.charCodeAt(0));
  try {
    return utf8.decode(bytes);
  } catch {
    // Typed text, or bytes that spell no UTF-8: as it is, with invisible C1 controls escaped.
    return target.replace(/[\x80-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16)}`);
  }
}
