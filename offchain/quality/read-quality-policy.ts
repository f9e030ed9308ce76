import { readFile } from "node:fs/promises";

import type { ComparisonDisclosure } from "../crypto/index.js";
import { QualityPolicyError } from "./errors.js";
import { lotIdOf } from "./lot-id-of.js";

/** The quality fields of `<participant>/policy.json` (other fields belong to other handlers). */
export type QualityPolicy = {
  /** S: price of an XOR offer in wei (native currency); undefined = do not offer, only log. */
  xorPrice: bigint | undefined;
  /** S: seconds to deliver / for the buyer to confirm; default one day each. */
  xorDeliveryPeriod: bigint;
  xorConfirmationPeriod: bigint;
  /** A: lots (ids or names, see lotIdOf) whose XOR offers to buy, deliveries to check and
   * comparisons to request. */
  followLots: string[];
  /** B: what an answer reveals; default "relation" (the least). */
  disclose: ComparisonDisclosure;
};

const DAY = 86_400n;

/** Reads the quality fields of a policy file (missing file or fields = defaults). */
export async function readQualityPolicy({ file }: { file: string }): Promise<QualityPolicy> {
  let raw: Record<string, unknown> = {};
  try {
    raw = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw new QualityPolicyError({ file, problem: `not readable JSON (${(error as Error).message})` });
  }
  const integer = (field: string, fallback: bigint | undefined): bigint | undefined => {
    const value = raw[field];
    if (value === undefined) return fallback;
    if ((typeof value === "string" && /^[0-9]+$/.test(value)) || (typeof value === "number" && Number.isSafeInteger(value) && value >= 0)) return BigInt(value);
    throw new QualityPolicyError({ file, problem: `${field} must be a non-negative integer (a decimal string for wei), got ${JSON.stringify(value)}` });
  };
  const followLots = raw["followLots"] ?? [];
  if (!Array.isArray(followLots) || !followLots.every((lot) => typeof lot === "string" && lot !== "")) {
    throw new QualityPolicyError({ file, problem: `followLots must be an array of lot ids or names, got ${JSON.stringify(followLots)}` });
  }
  const disclose = raw["disclose"] ?? "relation";
  if (disclose !== "relation" && disclose !== "relation-and-index") {
    throw new QualityPolicyError({ file, problem: `disclose must be "relation" or "relation-and-index", got ${JSON.stringify(disclose)}` });
  }
  const price = integer("xorPrice", undefined);
  return {
    xorPrice: price === 0n ? undefined : price,
    xorDeliveryPeriod: integer("xorDeliveryPeriod", DAY)!,
    xorConfirmationPeriod: integer("xorConfirmationPeriod", DAY)!,
    followLots: (followLots as string[]).map(lotIdOf),
    disclose,
  };
}
