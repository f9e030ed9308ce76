/**
 * Points benchmark (Hu et al.): time and ciphertexts exchanged per tier computation and per
 * formula evaluation at 2048 and 3072 bits — with the secure-compute toolkit and an in-process
 * key holder (pure crypto), then end to end through the points protocol (libp2p between real
 * Helia nodes, LoyaltyLedger on the in-process chain) — and key generation. See bench/README.md.
 *
 *   npx tsx bench/points/run.ts [--quick] [--bits 2048,3072] [--samples 5] [--keygen-samples 10] [--out DIR]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { network } from "hardhat";

import { newConsumerPseudonym } from "../../offchain/points/index.js";
import { machineInfo } from "../paillier/machine-info.js";
import type { KeyGenerationRun } from "./keygen.js";
import { measureSize } from "./measure-size.js";
import { createMeter } from "./meter.js";
import { setUpPointsWorld } from "./points-world.js";
import type { ProtocolRun } from "./protocol.js";
import { renderMarkdown } from "./render-markdown.js";
import { allCorrect, type PointsBenchResult } from "./results.js";
import type { ToolkitRun } from "./toolkit.js";

const USAGE = `usage: npx tsx bench/points/run.ts [--quick] [--bits 2048,3072] [--samples 5] [--keygen-samples 10] [--out DIR]
  --bits            Paillier modulus sizes (even, ≥ 2048), default 2048,3072
  --samples         samples per computation and size (after one unreported warm-up), default 5 (--quick: 2)
  --keygen-samples  key generations timed per size, default 10 (--quick: 2)
  --out             output folder, default bench/results
  --quick           a smoke run, not a result
Writes <out>/points-YYYY-MM-DD-HH-MM.{json,md}. Run \`npx hardhat build --no-tests\` first (npm run bench:points does).`;

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    bits: { type: "string", default: "2048,3072" },
    samples: { type: "string" },
    "keygen-samples": { type: "string" },
    out: { type: "string", default: path.join(benchDir, "results") },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const positive = (name: string, raw: string): number => {
  const v = Number(raw.trim());
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: ${raw} is not a positive integer`);
  return v;
};
const bits = values.bits.split(",").map((b) => {
  const v = positive("bits", b);
  if (v % 2 !== 0 || v < 2048) throw new Error(`--bits: ${b} is not an even size of at least 2048`);
  return v;
});
const options = {
  quick: values.quick,
  bits,
  samples: positive("samples", values.samples ?? (values.quick ? "2" : "5")),
  keygenSamples: positive("keygen-samples", values["keygen-samples"] ?? (values.quick ? "2" : "10")),
};
const log = (line: string) => console.error(`[bench:points] ${line}`);

async function main(): Promise<number> {
  const machine = machineInfo();
  const startedAt = new Date();
  const t0 = performance.now();

  const connection = await network.create();
  const meter = createMeter();
  const points = await setUpPointsWorld(connection, meter);
  const keyGeneration: KeyGenerationRun[] = [];
  const toolkit: ToolkitRun[] = [];
  const protocol: ProtocolRun[] = [];
  try {
    // One consumer throughout; one key per size (each registration replaces the previous key).
    const consumerId = newConsumerPseudonym();
    for (const size of options.bits) {
      const measured = await measureSize({ points, provider: connection.ethers.provider, meter, bits: size, samples: options.samples, keygenSamples: options.keygenSamples, consumerId, log });
      keyGeneration.push(measured.keyGeneration);
      toolkit.push(...measured.toolkit);
      protocol.push(measured.protocol);
    }
  } finally {
    await points.stop();
    await connection.close();
  }

  const [l1, l5, l15] = os.loadavg();
  const result: PointsBenchResult = {
    schema: "sealedchain-bench-points/1",
    startedAt: startedAt.toISOString(),
    durationSeconds: (performance.now() - t0) / 1000,
    command: `npx tsx bench/points/run.ts ${process.argv.slice(2).join(" ")}`.trim(),
    options,
    machine: { ...machine, loadAverageAtEnd: [l1!, l5!, l15!] },
    chain: "the in-process Hardhat EDR chain (automine)",
    keyGeneration,
    toolkit,
    protocol,
    allCorrect: allCorrect(toolkit, protocol),
  };
  mkdirSync(values.out, { recursive: true });
  const base = path.join(values.out, `points-${startedAt.toISOString().slice(0, 16).replace(/[:T]/g, "-")}`);
  const bigintSafe = (_key: string, value: unknown) => (typeof value === "bigint" ? value.toString() : value);
  writeFileSync(`${base}.json`, JSON.stringify(result, bigintSafe, 1) + "\n");
  writeFileSync(`${base}.md`, renderMarkdown(result));
  log(`wrote ${path.relative(process.cwd(), base)}.{json,md} in ${result.durationSeconds.toFixed(0)} s${result.allCorrect ? "" : " — SOME RESULTS WERE WRONG"}`);
  return result.allCorrect ? 0 : 1;
}

process.exitCode = await main();
