import { describeValue } from "../describe-value.js";
import { DcmbParameterError } from "./errors.js";
import { MAX_NAME_LENGTH } from "./reading-data.js";
import type { DcmbReadingSource } from "./reading-source.js";

export type CreateSimulatedCounterParameters = {
  name: string;
  /** The counter before the first call, a non-negative integer. */
  start: number;
  /** Mean increase per call, a non-negative integer. */
  perTick: number;
  /** Seed of the jitter (default 1): the same seed gives the same sequence. */
  seed?: number;
};

/** mulberry32: a small deterministic 32-bit PRNG (not for secrets), values in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The paper's machine (§4): a work-piece counter. Each `next()` returns one reading whose value
 * is the counter after increasing by perTick ± jitter (jitter uniform in ±⌊perTick/4⌋, from
 * the seed), so it never decreases and is reproducible; time is the call's time.
 */
export function createSimulatedCounter({ name, start, perTick, seed = 1 }: CreateSimulatedCounterParameters): DcmbReadingSource {
  if (typeof name !== "string" || name === "" || name.length > MAX_NAME_LENGTH) throw new DcmbParameterError({ name: "name", problem: `expected 1–${MAX_NAME_LENGTH} characters, got ${describeValue(name)}` });
  if (!Number.isSafeInteger(start) || start < 0) throw new DcmbParameterError({ name: "start", problem: `expected a non-negative integer, got ${describeValue(start)}` });
  if (!Number.isSafeInteger(perTick) || perTick < 0) throw new DcmbParameterError({ name: "perTick", problem: `expected a non-negative integer, got ${describeValue(perTick)}` });
  if (!Number.isSafeInteger(seed)) throw new DcmbParameterError({ name: "seed", problem: `expected an integer, got ${describeValue(seed)}` });
  const random = mulberry32(seed);
  const spread = Math.floor(perTick / 4);
  let count = start;
  let closed = false;
  return {
    description: `simulated work-piece counter (${name}, seed ${seed})`,
    async next() {
      if (closed) return [];
      count += perTick + Math.floor(random() * (2 * spread + 1)) - spread;
      return [{ time: Date.now(), name, value: String(count) }];
    },
    async close() {
      closed = true;
    },
  };
}
