/**
 * What the key holder can infer from one tier computation (the magnitude leak of the
 * multiplicative blinding, see offchain/crypto/secure-compute/README.md). For random totals it
 * runs the real computeTier against a logging oracle, then counts the totals in
 * [0, 2·maxTotal] consistent with every blinded value the key holder decrypted:
 * |v| ∈ [2^σ·(|c − t| − 1), 2^(σ+W)·(|c − t| + 1)] for each threshold t (sound for every r ∈
 * [2^σ, 2^(σ+W)), 0 ≤ r′ < r and either sign; W = blindingSpreadBits). Fewer candidates = more
 * learned. `--unspread` measures, for comparison, the blinding with r's order fixed at σ
 * (r ∈ [2^σ, 2^(σ+1)), W = 1): the same computeTier with a random source that always draws e = σ.
 *
 *   npx tsx bench/points/key-holder-inference.ts [--samples 300] [--max-total 20000] [--bits 2048] [--unspread]
 */
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

import { DEFAULT_SIGMA_BITS, TIER_THRESHOLDS, blindingSpreadBits, computeTier, createComparisonOracle, decrypt, encrypt, generatePaillierKeyPair, toSigned } from "../../offchain/crypto/index.js";

import { randomBelow } from "../../offchain/crypto/secure-compute/random-below.js";

export type InferenceResult = { unspread: boolean; spreadBits: number; bits: number; samples: number; maxTotal: number; candidatesBefore: number; candidatesAfter: { median: number; p10: number; p90: number; min: number; max: number }; bitsLearned: { median: number; mean: number }; runsLearningAnything: number; trueTotalAlwaysConsistent: boolean };

const abs = (x: bigint) => (x < 0n ? -x : x);

export async function measureKeyHolderInference({ bits = 2048, samples = 300, maxTotal = 20_000, unspread = false }: { bits?: number; samples?: number; maxTotal?: number; unspread?: boolean } = {}): Promise<InferenceResult> {
  const { privateKey } = await generatePaillierKeyPair({ bits });
  const publicKey = privateKey.publicKey;
  const oracle = createComparisonOracle({ privateKey, publicKey });
  const sigma = BigInt(DEFAULT_SIGMA_BITS);
  const fullSpread = BigInt(blindingSpreadBits(publicKey));
  // The e draw is the only one with bound W; drawing 0 there fixes r's order at σ.
  const random = unspread ? (bound: bigint) => (bound === fullSpread ? 0n : randomBelow(bound)) : randomBelow;
  const spread = unspread ? 1n : fullSpread;
  const range = 2 * maxTotal + 1;
  const counts: number[] = [];
  let consistent = true;
  for (let i = 0; i < samples; i++) {
    const total = BigInt(Math.floor(Math.random() * (maxTotal + 1)));
    const before = oracle.seen().length;
    await computeTier({ publicKey, encryptedPoints: [encrypt({ publicKey, m: total })], oracle, random });
    const magnitudes = oracle.seen().slice(before).map((q) => abs(toSigned(decrypt({ privateKey, c: q.ciphertext }), publicKey.n)));
    let count = 0;
    for (let c = 0n; c < BigInt(range); c++) {
      const fits = TIER_THRESHOLDS.every((t, j) => {
        const d = abs(c - t);
        return (d - 1n) << sigma <= magnitudes[j]! && magnitudes[j]! <= (d + 1n) << (sigma + spread);
      });
      if (fits) count++;
      else if (c === total) consistent = false;
    }
    counts.push(count);
  }
  counts.sort((a, b) => a - b);
  const at = (q: number) => counts[Math.min(counts.length - 1, Math.floor(q * counts.length))]!;
  return {
    unspread,
    spreadBits: Number(spread),
    bits,
    samples,
    maxTotal,
    candidatesBefore: range,
    candidatesAfter: { median: at(0.5), p10: at(0.1), p90: at(0.9), min: counts[0]!, max: counts.at(-1)! },
    bitsLearned: { median: Math.log2(range / at(0.5)), mean: counts.reduce((sum, c) => sum + Math.log2(range / c), 0) / counts.length },
    runsLearningAnything: counts.filter((c) => c < range).length,
    trueTotalAlwaysConsistent: consistent,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { samples: { type: "string", default: "300" }, "max-total": { type: "string", default: "20000" }, bits: { type: "string", default: "2048" }, unspread: { type: "boolean", default: false } } });
  const result = await measureKeyHolderInference({ samples: Number(values.samples), maxTotal: Number(values["max-total"]), bits: Number(values.bits), unspread: values.unspread });
  console.log(JSON.stringify(result, null, 2));
}
