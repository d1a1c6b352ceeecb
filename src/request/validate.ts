/**
 * @module validate
 * What the panel refuses to send, each with the field and the reason. Only
 * what cannot go on the wire is refused: a request that merely breaks HTTP's
 * rules of good manners (a wrong Content-Length, a duplicate Host) is sent as
 * built, because sending it is the point.
 */

/** A field the panel cannot send as it is. */
export class RequestError extends Error {
  override name = "RequestError";
  /** Which field: "Method", "URL", "Host", "Headers", "Body", … */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.field = field;
  }
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A method must be an HTTP token: no spaces, no colons, no separators. */
export function checkMethod(method: string): void {
  if (!method) throw new RequestError("Method", "is empty. Pick one or type a token such as GET.");
  if (!TOKEN.test(method)) {
    const bad = [...method].find((c) => !TOKEN.test(c))!;
    const shown = bad === " " ? "a space" : bad === ":" ? "a colon" : `"${bad}"`;
    throw new RequestError(
      "Method",
      `"${method}" contains ${shown}. A method is a single token of letters, digits and !#$%&'*+.^_\`|~- (RFC 9110).`,
    );
  }
}

/** The request target must fit on the request line: no spaces, no line breaks. */
export function checkTarget(target: string): void {
  if (/[\r\n]/.test(target))
    throw new RequestError("URL", "contains a line break, which would end the request line.");
  if (/[ \t]/.test(target)) {
    throw new RequestError(
      "URL",
      "contains a space, which would split the request line. Write it as %20.",
    );
  }
  if (!target.startsWith("/") && target !== "*" && !/^https?:\/\//i.test(target)) {
    throw new RequestError(
      "URL",
      `"${target}" must start with "/" (or be "*" for OPTIONS, or an absolute http:// URL).`,
    );
  }
}

/** The virtual host: `name` or `name:port`. */
export function parseHost(host: string): { name: string; port: string } {
  const match = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/.exec(host.trim());
  if (!match) {
    throw new RequestError(
      "Host",
      `"${host}" is not a host name with an optional port, such as localhost:8000.`,
    );
  }
  return { name: match[1]!, port: match[2] ?? "80" };
}

/** A header row: the name a token, the value free of CR, LF and NUL. */
export function checkHeader(name: string, value: string, line: number): void {
  if (!TOKEN.test(name)) {
    throw new RequestError(
      "Headers",
      `row ${line}: "${name}" is not a header name (letters, digits and !#$%&'*+.^_\`|~- only, no spaces or colons).`,
    );
  }
  if (/[\r\n\0]/.test(value)) {
    throw new RequestError(
      "Headers",
      `row ${line} (${name}): the value contains a line break or NUL, which would inject a header. Remove it.`,
    );
  }
}
