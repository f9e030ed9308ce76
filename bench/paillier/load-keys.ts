import { generatePrimeSync } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

import type { BenchKey } from "./implementations/types.js";

function bitLength(v: bigint): number {
  return v.toString(2).length;
}

function generateKey(bits: number): BenchKey {
  for (;;) {
    const p = generatePrimeSync(bits / 2, { bigint: true, safe: false });
    const q = generatePrimeSync(bits / 2, { bigint: true, safe: false });
    if (p !== q && bitLength(p * q) === bits) return { bits, p, q };
  }
}

/**
 * One key per size, shared by every implementation. Cached in `buildDir/key-<bits>.json`
 * so repeated runs compare on the same key; `fresh` forces a new one. These are bench keys
 * only (written in clear to disk).
 */
export function loadKeys({ sizes, buildDir, fresh }: { sizes: readonly number[]; buildDir: string; fresh: boolean }): {
  keys: BenchKey[];
  generated: number[];
} {
  mkdirSync(buildDir, { recursive: true });
  const generated: number[] = [];
  const keys = sizes.map((bits) => {
    const file = path.join(buildDir, `key-${bits}.json`);
    if (!fresh && existsSync(file)) {
      const raw = JSON.parse(readFileSync(file, "utf8")) as { bits: number; p: string; q: string };
      const key = { bits: raw.bits, p: BigInt(raw.p), q: BigInt(raw.q) };
      if (key.bits === bits && bitLength(key.p * key.q) === bits) return key;
    }
    const key = generateKey(bits);
    writeFileSync(file, JSON.stringify({ bits, p: key.p.toString(), q: key.q.toString() }, null, 2) + "\n");
    generated.push(bits);
    return key;
  });
  return { keys, generated };
}
