import { createHash } from "node:crypto";

import { QualityReadingError } from "./errors.js";
import type { QualityReading, QualityReadingSource } from "./quality-reading-source.js";

export type CreateSimulatedReadingSourceParameters = {
  /** Same seed (and parameters) = same readings. */
  seed: string;
  /** The walk stays within [min, max] (safe integers, 0 ≤ min ≤ max). */
  min: number;
  max: number;
  /** One reading every intervalSeconds from `start`. */
  intervalSeconds: number;
  /** Time of the first reading (ISO 8601). Fixed, so a restarted agent sees the same labels. */
  start: string;
  /** Current time in ms since the epoch; default Date.now (tests pass a fixed clock). */
  now?: () => number;
};

/** Refuse to simulate more readings than this in one read (a `start` far in the past). */
const MAX_READINGS = 1_000_000;

/**
 * A simulated sensor for demos: a random walk within [min, max], one reading per
 * `intervalSeconds` from `start` up to now, labelled with the reading's ISO 8601 time
 * (`2026-11-21T07:00:00.000Z`). Deterministic: the walk is driven by mulberry32 seeded with
 * the first 4 bytes of SHA-256(seed); it starts at a seeded point of the range and moves by
 * at most max(1, round((max − min) / 10)) per reading, clamped to the range. Not for real data.
 */
export function createSimulatedReadingSource({ seed, min, max, intervalSeconds, start, now = Date.now }: CreateSimulatedReadingSourceParameters): QualityReadingSource {
  const description = `simulated sensor (seed ${JSON.stringify(seed)})`;
  const startMs = Date.parse(start);
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < 0 || max < min) {
    throw new QualityReadingError({ source: description, problem: `expected safe integers 0 ≤ min ≤ max, got min ${min}, max ${max}` });
  }
  if (!Number.isSafeInteger(intervalSeconds) || intervalSeconds < 1) {
    throw new QualityReadingError({ source: description, problem: `expected intervalSeconds to be a positive integer, got ${intervalSeconds}` });
  }
  if (Number.isNaN(startMs)) throw new QualityReadingError({ source: description, problem: `expected start to be an ISO 8601 time, got ${JSON.stringify(start)}` });
  const step = Math.max(1, Math.round((max - min) / 10));
  // Cache of the walk so far (readings never change), extended on each read.
  const values: number[] = [];
  let state = createHash("sha256").update(seed, "utf8").digest().readUInt32BE(0);
  const random = (): number => {
    // mulberry32 (Tommy Ettinger, public domain): 32-bit state, uniform in [0, 1).
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    description,
    async read() {
      const elapsed = now() - startMs;
      const count = elapsed < 0 ? 0 : Math.floor(elapsed / (intervalSeconds * 1000)) + 1;
      if (count > MAX_READINGS) {
        throw new QualityReadingError({ source: description, problem: `start ${start} is ${count} readings ago; expected at most ${MAX_READINGS}` });
      }
      while (values.length < count) {
        const previous = values.at(-1);
        const next = previous === undefined ? min + Math.floor(random() * (max - min + 1)) : previous + Math.floor(random() * (2 * step + 1)) - step;
        values.push(Math.min(max, Math.max(min, next)));
      }
      return values.slice(0, count).map((value, k): QualityReading => ({
        label: new Date(startMs + k * intervalSeconds * 1000).toISOString(),
        value: BigInt(value),
      }));
    },
  };
}
