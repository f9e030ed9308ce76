/** Summary of repeated measurements (ns or ratios). */
export interface Summary {
  n: number;
  median: number;
  min: number;
  max: number;
  /** Interquartile range / median: a scale-free spread. */
  relativeIqr: number;
}

function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { n: 0, median: NaN, min: NaN, max: NaN, relativeIqr: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const median = quantile(sorted, 0.5);
  return {
    n: sorted.length,
    median,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    relativeIqr: median === 0 ? NaN : (quantile(sorted, 0.75) - quantile(sorted, 0.25)) / median,
  };
}

/** Human time from ns: "15.2 µs", "7.41 ms", "21.7 s". */
export function formatNs(ns: number): string {
  if (!Number.isFinite(ns)) return "—";
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toPrecision(3)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toPrecision(3)} ms`;
  return `${(ns / 1e9).toPrecision(3)} s`;
}
