import { describeValue } from "../describe-value.js";
import { DcmbRuleError } from "./errors.js";

/** Algorithm 4's mapping of a value to a qualitative description: `label` for values in
 * [min, max), with the severity (1 info .. 5 critical) the receiver registers it with. */
export type IntervalRule = { min: number; max: number; label: string; severity: number };

export const MAX_RULES = 1_000;
export const MAX_LABEL_LENGTH = 256;
const KEYS = ["min", "max", "label", "severity"];

/**
 * Checks interval rules: a non-empty array of at most 1000 objects with exactly min, max
 * (finite numbers, min < max), label (1–256 characters, not only spaces) and severity (an
 * integer 1..5, as IHashedConditionNotifier stores it). Intervals must not overlap (touching,
 * [a, b) and [b, c), is fine); gaps are allowed (ruleFor gives undefined there). Returns copies
 * in the given order. Errors name the rule index.
 */
export function parseIntervalRules(value: unknown): IntervalRule[] {
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_RULES) {
    throw new DcmbRuleError({ problem: `expected an array of 1..${MAX_RULES} rules, got ${describeValue(value)}` });
  }
  const rules = value.map((entry: unknown, index): IntervalRule => {
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new DcmbRuleError({ index, problem: `expected an object { min, max, label, severity }, got ${describeValue(entry)}` });
    const object = entry as Record<string, unknown>;
    const extra = Object.keys(object).filter((key) => !KEYS.includes(key));
    if (extra.length > 0) throw new DcmbRuleError({ index, problem: `unexpected field(s) ${extra.join(", ")}` });
    const { min, max, label, severity } = object;
    if (typeof min !== "number" || !Number.isFinite(min)) throw new DcmbRuleError({ index, problem: `min: expected a finite number, got ${describeValue(min)}` });
    if (typeof max !== "number" || !Number.isFinite(max)) throw new DcmbRuleError({ index, problem: `max: expected a finite number, got ${describeValue(max)}` });
    if (min >= max) throw new DcmbRuleError({ index, problem: `expected min < max, got [${min}, ${max})` });
    if (typeof label !== "string" || label.trim() === "" || label.length > MAX_LABEL_LENGTH) {
      throw new DcmbRuleError({ index, problem: `label: expected 1–${MAX_LABEL_LENGTH} characters, not only spaces, got ${describeValue(label)}` });
    }
    if (typeof severity !== "number" || !Number.isInteger(severity) || severity < 1 || severity > 5) {
      throw new DcmbRuleError({ index, problem: `severity: expected an integer 1..5, got ${describeValue(severity)}` });
    }
    return { min, max, label, severity };
  });
  const order = rules.map((_, index) => index).sort((a, b) => rules[a]!.min - rules[b]!.min);
  for (let k = 1; k < order.length; k++) {
    const before = rules[order[k - 1]!]!;
    const after = rules[order[k]!]!;
    if (after.min < before.max) {
      throw new DcmbRuleError({ index: order[k]!, problem: `[${after.min}, ${after.max}) overlaps rule [${order[k - 1]}] [${before.min}, ${before.max})` });
    }
  }
  return rules;
}

/** The rule whose [min, max) holds `value`, or undefined (also for NaN). */
export function ruleFor(rules: readonly IntervalRule[], value: number): IntervalRule | undefined {
  return rules.find((rule) => rule.min <= value && value < rule.max);
}
