import type { ComparisonSample, OperationName, Relation } from "./implementations/types.js";
import type { MachineInfo } from "./machine-info.js";
import { summarize, type Summary } from "./stats.js";

export interface OperationRun {
  bits: number;
  implementation: string;
  operation: OperationName;
  nsPerOp: number[];
  correct: boolean;
  summary: Summary;
}

export interface ComparisonRep extends ComparisonSample {
  rep: number;
  x: number;
  y: number;
  expected: { relation: Relation; index: number };
  ok: boolean;
}

export interface ComparisonRun {
  bits: number;
  variant: string;
  label: string;
  slow: boolean;
  reps: ComparisonRep[];
  agree: boolean;
}

export interface TargetResult {
  bits: number;
  description: string;
  /** "ratio of medians (paired per-rep ratios: median, min–max)" */
  measured: string;
  ratioOfMedians: number;
  paired: Summary;
  limit: number;
  direction: "at-most" | "at-least";
  status: "PASS" | "FAIL" | "NOT MEASURED";
  /** Counts toward the targets (false: shown for information). */
  binding: boolean;
}

export interface BenchResult {
  schema: string;
  startedAt: string;
  finishedAt: string;
  command: string;
  options: Record<string, unknown>;
  machine: MachineInfo;
  implementations: { id: string; label: string; operations: string[] }[];
  operations: OperationRun[];
  comparisons: ComparisonRun[];
  targets: TargetResult[];
  mismatches: number;
}

/** Variant ids the targets are stated against. */
export const OURS = "sealedchain";
export const OURS_POOL = "sealedchain-pool";
export const GMP = "gmp";
export const PAILLIER_BIGINT = "paillier-bigint";

export function onlineNs(run: ComparisonRun | undefined): number[] {
  return run ? run.reps.map((r) => r.ns.online) : [];
}

function ratio(
  result: BenchResult,
  bits: number,
  numerator: string,
  denominator: string,
): { ratioOfMedians: number; paired: Summary } {
  const a = result.comparisons.find((c) => c.bits === bits && c.variant === numerator);
  const b = result.comparisons.find((c) => c.bits === bits && c.variant === denominator);
  if (!a || !b || a.reps.length === 0 || b.reps.length === 0) {
    return { ratioOfMedians: NaN, paired: summarize([]) };
  }
  const pairs: number[] = [];
  for (const ra of a.reps) {
    const rb = b.reps.find((r) => r.rep === ra.rep);
    if (rb) pairs.push(ra.ns.online / rb.ns.online);
  }
  return { ratioOfMedians: summarize(onlineNs(a)).median / summarize(onlineNs(b)).median, paired: summarize(pairs) };
}

function target(
  result: BenchResult,
  bits: number,
  description: string,
  numerator: string,
  denominator: string,
  limit: number,
  direction: "at-most" | "at-least",
  binding: boolean,
): TargetResult {
  const { ratioOfMedians, paired } = ratio(result, bits, numerator, denominator);
  const measured = Number.isFinite(ratioOfMedians)
    ? `${ratioOfMedians.toFixed(3)}× (paired per rep: median ${paired.median.toFixed(3)}×, ${paired.min.toFixed(3)}–${paired.max.toFixed(3)}, n=${paired.n})`
    : "not measured";
  const pass = direction === "at-most" ? ratioOfMedians <= limit : ratioOfMedians >= limit;
  return {
    bits,
    description,
    measured,
    ratioOfMedians,
    paired,
    limit,
    direction,
    status: Number.isFinite(ratioOfMedians) ? (pass ? "PASS" : "FAIL") : "NOT MEASURED",
    binding,
  };
}

/**
 * The two targets at 3072 bits (full comparison, everything after X and Y are known,
 * no offline help): ours ≤ 0.35 × GMP and paillier-bigint ≥ 10 × ours. The same ratios at
 * other sizes and for the pool variant (online only) are reported for information.
 */
export function evaluateTargets(result: BenchResult): TargetResult[] {
  const sizes = [...new Set(result.comparisons.map((c) => c.bits))];
  const out: TargetResult[] = [];
  for (const bits of sizes) {
    const binding = bits === 3072;
    out.push(target(result, bits, `${bits}-bit: ours / GMP ≤ 0.35`, OURS, GMP, 0.35, "at-most", binding));
    out.push(target(result, bits, `${bits}-bit: paillier-bigint / ours ≥ 10`, PAILLIER_BIGINT, OURS, 10, "at-least", binding));
    out.push(target(result, bits, `${bits}-bit (info): ours with pool, online only / GMP ≤ 0.35`, OURS_POOL, GMP, 0.35, "at-most", false));
    out.push(target(result, bits, `${bits}-bit (info): paillier-bigint / ours with pool, online only ≥ 10`, PAILLIER_BIGINT, OURS_POOL, 10, "at-least", false));
  }
  return out;
}
