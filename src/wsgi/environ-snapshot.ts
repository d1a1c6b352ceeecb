/**
 * @module environ-snapshot
 * A JSON-safe copy of the environ as the app received it, for the inspector.
 */
import type { EnvironValue } from "./records";
import { pyRepr } from "../runtime/repr";

function snapshotValue(value: unknown): EnvironValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return value;
  }
  if (Array.isArray(value)) return value.map(snapshotValue);
  return { repr: pyRepr(value) };
}

/** Copy every key of an environ into plain data. */
export function snapshotEnviron(environ: Record<string, unknown>): Record<string, EnvironValue> {
  const out: Record<string, EnvironValue> = {};
  for (const [key, value] of Object.entries(environ)) out[key] = snapshotValue(value);
  return out;
}
