import { readFile } from "node:fs/promises";
import path from "node:path";

import { getAddress, isAddress } from "ethers";

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
  /** B: publish every new (t, t+1) pair of a data source; undefined = no `qualitySource`. */
  publish: QualityPublishPolicy | undefined;
};

/** `qualitySource`: a CSV file (path made absolute, relative to the policy file's folder, i.e.
 * the participant folder) or a simulated sensor. */
export type QualitySourcePolicy =
  | { csv: string }
  | { simulated: { seed: string; min: number; max: number; intervalSeconds: number; start: string } };

/** B's publishing fields, present together when `qualitySource` is set. */
export type QualityPublishPolicy = {
  source: QualitySourcePolicy;
  /** `qualityLot` as written (a name, or a bytes32 id) and its id (lotIdOf). */
  lotName: string;
  lotId: string;
  /** `qualityServicer`: the servicer every pair's XOR data is posted to (checksummed). */
  servicer: string;
  /** `qualityBitLength`, default 32 (1..256). */
  bitLength: number;
  /** `qualityKeyBits`, Paillier modulus size, default 3072. */
  keyBits: number;
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
  const publish = raw["qualitySource"] === undefined ? undefined : readPublishPolicy({ file, raw });
  return {
    xorPrice: price === 0n ? undefined : price,
    xorDeliveryPeriod: integer("xorDeliveryPeriod", DAY)!,
    xorConfirmationPeriod: integer("xorConfirmationPeriod", DAY)!,
    followLots: (followLots as string[]).map(lotIdOf),
    disclose,
    publish,
  };
}

function readPublishPolicy({ file, raw }: { file: string; raw: Record<string, unknown> }): QualityPublishPolicy {
  const fail = (field: string, expected: string, got: unknown): never => {
    throw new QualityPolicyError({ file, problem: `${field} must be ${expected}, got ${JSON.stringify(got)}` });
  };
  const count = (field: string, value: unknown, low: number, high: number): number =>
    typeof value === "number" && Number.isSafeInteger(value) && value >= low && value <= high ? value : fail(field, `an integer in [${low}, ${high}]`, value);
  const bitLength = raw["qualityBitLength"] === undefined ? 32 : count("qualityBitLength", raw["qualityBitLength"], 1, 256);
  const keyBits = raw["qualityKeyBits"] === undefined ? 3072 : count("qualityKeyBits", raw["qualityKeyBits"], 1, 16_384);
  const lotName = raw["qualityLot"];
  if (typeof lotName !== "string" || lotName === "") fail("qualityLot", "a lot id or name (required with qualitySource)", lotName);
  const servicer = raw["qualityServicer"];
  if (typeof servicer !== "string" || !isAddress(servicer)) fail("qualityServicer", "the servicer's 0x address (required with qualitySource)", servicer);

  const source = raw["qualitySource"] as Record<string, unknown> | null;
  const kinds = typeof source === "object" && source !== null && !Array.isArray(source) ? Object.keys(source) : [];
  let parsed: QualitySourcePolicy;
  if (kinds.length === 1 && kinds[0] === "csv") {
    const csv = source!["csv"];
    if (typeof csv !== "string" || csv === "") fail("qualitySource.csv", "a file path", csv);
    parsed = { csv: path.resolve(path.dirname(file), csv as string) };
  } else if (kinds.length === 1 && kinds[0] === "simulated") {
    const simulated = source!["simulated"] as Record<string, unknown> | null;
    if (typeof simulated !== "object" || simulated === null) fail("qualitySource.simulated", "an object { seed, min, max, intervalSeconds, start }", simulated);
    const { seed, min, max, intervalSeconds, start } = simulated!;
    if (!(typeof seed === "string" || (typeof seed === "number" && Number.isSafeInteger(seed)))) fail("qualitySource.simulated.seed", "a string or an integer", seed);
    const valueLimit = Math.min(Number.MAX_SAFE_INTEGER, 2 ** bitLength - 1);
    const low = count("qualitySource.simulated.min", min, 0, valueLimit);
    const high = count("qualitySource.simulated.max", max, low, valueLimit);
    const interval = count("qualitySource.simulated.intervalSeconds", intervalSeconds, 1, Number.MAX_SAFE_INTEGER);
    if (typeof start !== "string" || Number.isNaN(Date.parse(start))) fail("qualitySource.simulated.start", "the ISO 8601 time of the first reading", start);
    parsed = { simulated: { seed: String(seed), min: low, max: high, intervalSeconds: interval, start: start as string } };
  } else {
    parsed = fail("qualitySource", '{ "csv": "<path>" } or { "simulated": { seed, min, max, intervalSeconds, start } }', source);
  }
  return { source: parsed, lotName: lotName as string, lotId: lotIdOf(lotName as string), servicer: getAddress(servicer as string), bitLength, keyBits };
}
