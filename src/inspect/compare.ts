/**
 * @module compare
 * The differences between two responses: status, headers (added, removed,
 * changed) and body (lines, or the first differing byte for binary).
 */
import { diffLines } from "diff";
import type { ResponseRecord } from "../wsgi/records";

/** How one header differs. */
export interface HeaderChange {
  name: string;
  before: string | null;
  after: string | null;
}

/** A run of body lines: in both, only before, or only after. */
export interface BodyPart {
  kind: "same" | "removed" | "added";
  text: string;
}

/** Everything that differs. */
export interface Comparison {
  status: { before: string; after: string } | null;
  headers: HeaderChange[];
  body:
    { identical: true } | { identical: false; parts: BodyPart[] | null; firstDifference: number };
}

const VOLATILE = new Set(["date"]);

function headerMap(headers: [string, string][]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    map.set(key, map.has(key) ? `${map.get(key)}, ${value}` : value);
  }
  return map;
}

/** Compare two responses; the Date header is ignored (it always differs). */
export function compareResponses(before: ResponseRecord, after: ResponseRecord): Comparison {
  const a = headerMap(before.headers);
  const b = headerMap(after.headers);
  const names = [...new Set([...a.keys(), ...b.keys()])].filter((name) => !VOLATILE.has(name));
  const headers = names
    .filter((name) => a.get(name) !== b.get(name))
    .map((name) => ({ name, before: a.get(name) ?? null, after: b.get(name) ?? null }));
  let first = 0;
  while (
    first < before.body.length &&
    first < after.body.length &&
    before.body[first] === after.body[first]
  )
    first++;
  const identical = first === before.body.length && first === after.body.length;
  let body: Comparison["body"] = { identical: true };
  if (!identical) {
    const decoder = new TextDecoder("utf-8", { fatal: true });
    let parts: BodyPart[] | null = null;
    try {
      const text = diffLines(decoder.decode(before.body), decoder.decode(after.body));
      parts = text.map((part) => ({
        kind: part.added ? "added" : part.removed ? "removed" : "same",
        text: part.value,
      }));
    } catch {
      parts = null; // binary: only the first differing byte is shown
    }
    body = { identical: false, parts, firstDifference: first };
  }
  return {
    status: before.status === after.status ? null : { before: before.status, after: after.status },
    headers,
    body,
  };
}
