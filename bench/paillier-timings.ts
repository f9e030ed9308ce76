// Timings of the Paillier operations at 2048 and 3072 bits on this machine: median and
// minimum (the minimum is the better estimate on a loaded, shared machine).
// Run: npx tsx bench/paillier-timings.ts [rounds]   (prints a Markdown table; single thread)
import { performance } from "node:perf_hooks";
import {
  add,
  createNoncePool,
  decrypt,
  encrypt,
  encryptAsOwner,
  generatePaillierKeyPair,
  negate,
  recoverNonce,
  verifyNonce,
} from "../offchain/crypto/index.js";

const rounds = Number(process.argv[2] ?? 25);

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

interface Timing {
  median: number;
  min: number;
}

function time(run: (round: number) => void, count = rounds): Timing {
  run(0); // warm-up (creates the OpenSSL contexts of the key)
  const samples: number[] = [];
  for (let round = 0; round < count; round += 1) {
    const start = performance.now();
    run(round);
    samples.push(performance.now() - start);
  }
  return { median: median(samples), min: Math.min(...samples) };
}

function format(ms: number): string {
  return ms < 0.1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`;
}

const rows: Array<[string, ...string[]]> = [];
const results: Record<string, Record<string, Timing>> = {};
for (const bits of [2048, 3072] as const) {
  const keygenStart = performance.now();
  const { publicKey, privateKey } = await generatePaillierKeyPair({ bits });
  const keygen = performance.now() - keygenStart;
  const m = 123_456_789n;
  const c = encrypt({ publicKey, m });
  const zero = encryptAsOwner({ privateKey, m: privateKey.p * 7n });
  const poolStart = performance.now();
  const pool = createNoncePool({ privateKey, size: rounds + 1 });
  const poolPerEntry = (performance.now() - poolStart) / (rounds + 1);
  const r = recoverNonce({ privateKey, c });
  results[bits] = {
    "key generation (one run)": { median: keygen, min: keygen },
    "encrypt (public key)": time(() => encrypt({ publicKey, m })),
    "encryptAsOwner (CRT)": time(() => encryptAsOwner({ privateKey, m })),
    "decrypt (CRT)": time(() => decrypt({ privateKey, c })),
    "decrypt, plaintext ≡ 0 mod p": time(() => decrypt({ privateKey, c: zero })),
    "encrypt with pool (online)": time(() => encrypt({ publicKey, m, pool })),
    "pool entry precomputation (owner, mean)": { median: poolPerEntry, min: poolPerEntry },
    "add (incl. Z*_{n²} checks)": time(() => add({ publicKey, a: c, b: zero })),
    "negate (inverse mod n²)": time(() => negate({ publicKey, c })),
    "recoverNonce (CRT)": time(() => recoverNonce({ privateKey, c })),
    "verifyNonce": time(() => verifyNonce({ publicKey, c, m, r })),
  };
}
for (const operation of Object.keys(results[2048] ?? {})) {
  const cell = (timing: Timing | undefined) =>
    timing === undefined ? "" : `${format(timing.median)} (min ${format(timing.min)})`;
  rows.push([operation, cell(results[2048]?.[operation]), cell(results[3072]?.[operation])]);
}
console.log(`Node ${process.version}, OpenSSL ${process.versions.openssl}, median (min) of ${rounds}\n`);
console.log("| operation | n = 2048 | n = 3072 |\n|---|---|---|");
for (const row of rows) {
  console.log(`| ${row.join(" | ")} |`);
}
