/**
 * @module repr
 * Python's `repr()` for JavaScript values, so that messages read exactly like
 * CPython's ("Status must be of type str (got 200)") and the environ can be
 * copied as a Python literal.
 */

function quote(body: string, hasSingle: boolean, hasDouble: boolean, prefix = ""): string {
  const q = hasSingle && !hasDouble ? '"' : "'";
  return prefix + q + (q === "'" ? body.replace(/'/g, "\\'") : body) + q;
}

/** Python's repr of a str. */
export function reprStr(text: string): string {
  let body = "";
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") body += "\\\\";
    else if (ch === "\n") body += "\\n";
    else if (ch === "\r") body += "\\r";
    else if (ch === "\t") body += "\\t";
    else if (code < 0x20 || (code >= 0x7f && code <= 0xa0) || code === 0xad) {
      body += "\\x" + code.toString(16).padStart(2, "0");
    } else body += ch;
  }
  return quote(body, text.includes("'"), text.includes('"'));
}

/** Python's repr of a bytes object. */
export function reprBytes(bytes: Uint8Array): string {
  let body = "";
  let hasSingle = false;
  let hasDouble = false;
  for (const byte of bytes) {
    if (byte === 0x27) hasSingle = true;
    if (byte === 0x22) hasDouble = true;
    if (byte === 0x5c) body += "\\\\";
    else if (byte === 0x0a) body += "\\n";
    else if (byte === 0x0d) body += "\\r";
    else if (byte === 0x09) body += "\\t";
    else if (byte < 0x20 || byte >= 0x7f) body += "\\x" + byte.toString(16).padStart(2, "0");
    else body += String.fromCharCode(byte);
  }
  return quote(body, hasSingle, hasDouble, "b");
}

/** The name Python would give the type of a value in a message. */
export function pyTypeName(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  if (value instanceof Uint8Array) return "bytes";
  if (Array.isArray(value)) return "list";
  if (typeof value === "function") return "function";
  if (value instanceof Promise) return "Promise";
  const tag = (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag];
  if (typeof tag === "string") return tag;
  const name = (value as object).constructor?.name;
  return name && name !== "Object" ? name : "dict";
}

/** Python's repr of any value, as close as JavaScript allows. */
export function pyRepr(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return "None";
  if (typeof value === "string") return reprStr(value);
  if (typeof value === "boolean") return value ? "True" : "False";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : String(value);
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Uint8Array) return reprBytes(value);
  if (depth > 3) return "...";
  if (Array.isArray(value)) return "[" + value.map((v) => pyRepr(v, depth + 1)).join(", ") + "]";
  if (typeof value === "function") {
    const describe = (value as { describe?: unknown }).describe;
    return typeof describe === "function"
      ? `<${(describe as () => string).call(value)}>`
      : `<function ${value.name || "<lambda>"}>`;
  }
  if (value instanceof Error) return `${value.name}(${reprStr(value.message)})`;
  if (value instanceof Promise) return "<Promise object>";
  const name = pyTypeName(value);
  if (
    value instanceof Uint8Array === false &&
    typeof (value as { describe?: unknown }).describe === "function"
  ) {
    return `<${(value as { describe(): string }).describe()}>`;
  }
  if (name !== "dict") return `<${name} object>`;
  const entries = Object.entries(value as Record<string, unknown>);
  return "{" + entries.map(([k, v]) => `${reprStr(k)}: ${pyRepr(v, depth + 1)}`).join(", ") + "}";
}
