/**
 * @module format
 * Numbers as the inspector writes them.
 */

/** Milliseconds: two decimals below 10 ms, one above ("0.07 ms", "37.9 ms"). */
export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}
