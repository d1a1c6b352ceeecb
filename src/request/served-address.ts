/**
 * @module served-address
 * The address a build's code says it serves at, from what its top level
 * printed: Werkzeug's " * Running on http://127.0.0.1:5000", Paste's
 * "serving on 0.0.0.0:8000 view at http://127.0.0.1:8000", Bottle's
 * "Listening on http://127.0.0.1:8080/". The playground opens no socket:
 * every request goes to the app the code started, whatever the Host; the
 * request panel offers this address as the Host the app would see.
 *
 * @example
 * servedAddress(" * Running on http://127.0.0.1:5000\nPress CTRL+C to quit"); // "127.0.0.1:5000"
 */

/** The first http address with a port the text names (as host:port), or null. */
export function servedAddress(printed: string): string | null {
  // eslint-disable-next-line no-control-regex
  const plain = printed.replace(/\x1b\[[0-9;]*m/g, "");
  const found = /\bhttp:\/\/((?:\[[0-9a-fA-F:]+\]|[\w.-]+):\d{1,5})/.exec(plain);
  return found ? found[1]! : null;
}
