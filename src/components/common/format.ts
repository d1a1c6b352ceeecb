/**
 * @module format
 * Numbers as the inspector writes them.
 */

/** Milliseconds: two decimals below 10 ms, one above ("0.07 ms", "37.9 ms"). */
export function ms(value: number): string {
  return `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
}

/**
 * A count with its thousands grouped, as English writes it ("20,971,520"),
 * without `Intl`: the first `toLocaleString` of a page loads the locale's
 * data, 60 ms of the main thread on the first response drawn.
 */
export function count(value: number): string {
  const [whole, fraction] = String(value).split(".");
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
