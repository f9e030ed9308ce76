import { assertBitLength } from "./bits-of.js";
import { InvalidComparisonParameterError } from "./errors.js";
import type { ComparisonRelation } from "./types.js";

export interface InterpretRelationParameters {
  relation: ComparisonRelation;
  /** Highest differing bit, if B disclosed it. */
  index?: number;
  /** k, used to bound |X−Y| when the index is withheld. */
  bitLength: number;
}

export interface InterpretRelationResult {
  relation: ComparisonRelation;
  /** Neutral one-liner for a history view, e.g. "Y > X; highest differing bit 4; 1 ≤ |X−Y| < 2^5 = 32". */
  summary: string;
  highestDifferingBit?: number;
  /** Exclusive upper bound on |X−Y|: 2^(i+1) with the index, 2^k without, 1 for X = Y. */
  differenceBelow: bigint;
  /** The same bound as text: "|X−Y| < 2^(i+1)". */
  bound: string;
}

/**
 * Turns a verified answer into what A may conclude (Nasu et al. §VI-E, Table V). Wording is
 * neutral (whether a higher quality value is better depends on the measure). With the highest
 * differing bit i (LSB-first), X and Y agree above i and differ at i, so 1 ≤ |X−Y| < 2^(i+1);
 * Table V's "2^i" is the scale, not a lower bound (X = 8, Y = 7 differ first at i = 3, yet
 * |X−Y| = 1).
 */
export function interpretRelation({ relation, index, bitLength }: InterpretRelationParameters): InterpretRelationResult {
  assertBitLength(bitLength);
  if (relation !== "lt" && relation !== "gt" && relation !== "eq") {
    throw new InvalidComparisonParameterError({ parameter: "relation", expected: '"lt", "gt" or "eq"', actual: String(relation) });
  }
  if (index !== undefined && (relation === "eq" || !Number.isInteger(index) || index < 0 || index >= bitLength)) {
    throw new InvalidComparisonParameterError({
      parameter: "index",
      expected: relation === "eq" ? "no index for X = Y" : `an integer in [0, ${bitLength})`,
      actual: String(index),
    });
  }
  if (relation === "eq") {
    return { relation, summary: "Y = X (unchanged)", differenceBelow: 1n, bound: "|X−Y| = 0" };
  }
  const order = relation === "lt" ? "Y > X" : "Y < X";
  if (index === undefined) {
    const differenceBelow = 1n << BigInt(bitLength);
    const bound = `|X−Y| < 2^${bitLength}`;
    return { relation, summary: `${order}; highest differing bit withheld; 1 ≤ ${bound}`, differenceBelow, bound };
  }
  const differenceBelow = 1n << BigInt(index + 1);
  const bound = `|X−Y| < 2^${index + 1}`;
  return {
    relation,
    summary: `${order}; highest differing bit ${index}; 1 ≤ ${bound} = ${differenceBelow}`,
    highestDifferingBit: index,
    differenceBelow,
    bound,
  };
}
