/**
 * The benchmark's table: medians and p95s, each measure against its target.
 */
export type Stats = { median: number; p95: number; n: number };
export interface Row {
  id: string;
  what: string;
  stats?: Stats;
  value?: number;
  unit: string;
  ratio?: number;
  target: string;
  met: boolean | null;
}

export function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), n: values.length };
}

export const round = (value: number, digits = 2) => Number(value.toFixed(digits));

/** One line of the table: a measure, and how it stands against its target if it has one. */
export function row(
  id: string,
  what: string,
  measured: Stats | number,
  unit: string,
  check: { ratio?: number; target: string; met: boolean | null } = { target: "", met: null },
): Row {
  const value = typeof measured === "number" ? { value: measured } : { stats: measured };
  return { id, what, ...value, unit, ...check };
}

export function table(rows: Row[]): string {
  const lines = [
    "| # | Measure | Median | p95 | Ratio to floor | Target | Met |",
    "| --- | --- | ---: | ---: | ---: | --- | --- |",
  ];
  for (const row of rows) {
    const median = row.stats
      ? `${round(row.stats.median)} ${row.unit}`
      : `${round(row.value!)} ${row.unit}`;
    const p95 = row.stats ? `${round(row.stats.p95)} ${row.unit}` : "";
    const ratio = row.ratio === undefined ? "" : `${round(row.ratio)}×`;
    const met = row.met === null ? "" : row.met ? "yes" : "**no**";
    lines.push(
      `| ${row.id} | ${row.what} | ${median} | ${p95} | ${ratio} | ${row.target} | ${met} |`,
    );
  }
  return lines.join("\n");
}
