/**
 * Torrent benchmark (BlockTorrent, Hill et al. section 5, Fig. 4–6): storage split /
 * distribution / retrieval times across six members on loopback, the raw speeds of the same
 * bytes, gas per transaction, and on-chain throughput against a `hardhat node` process.
 * See bench/README.md.
 *
 *   npx tsx bench/torrent/run.ts [--quick] [--sizes 5,10,15,25,50] [--chunks 10,20,…,200]
 *       [--reps 1] [--raw-reps 3] [--chain-files 60] [--skip-storage] [--skip-chain] [--out DIR]
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { network } from "hardhat";

import { setUpTorrentWorld } from "../../test/helpers/torrent-world.js";
import { machineInfo } from "../paillier/machine-info.js";
import { runChainThroughput, type ChainThroughputResult } from "./chain-throughput.js";
import { measureRaw, startRawNodes, type RawSample } from "./raw-speeds.js";
import { renderCsv, renderMarkdown, type TorrentBenchResult } from "./report.js";
import { runStorageSample, STORE_POLL_MS, type StorageSample } from "./storage.js";
import { renderChart } from "./svg.js";

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const projectRoot = path.resolve(benchDir, "..");
export const MB = 1_000_000;

const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    sizes: { type: "string" },
    chunks: { type: "string" },
    reps: { type: "string" },
    "raw-reps": { type: "string" },
    "chain-files": { type: "string" },
    "skip-storage": { type: "boolean", default: false },
    "skip-chain": { type: "boolean", default: false },
    out: { type: "string", default: path.join(benchDir, "results") },
    help: { type: "boolean", default: false },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(
    "usage: npx tsx bench/torrent/run.ts [--quick] [--sizes 5,10,15,25,50] [--chunks 10,20,40,…,200] [--reps 1]\n" +
      "       [--raw-reps 3] [--chain-files 60] [--skip-storage] [--skip-chain] [--out DIR]\n" +
      "--quick: sizes 5,10 MB, chunks 10,50,100,200, 1 rep, 12 files per chain run (~2–3 min here; a smoke run, not a result).\n" +
      "Run `npx hardhat build` first (npm run bench:torrent does).",
  );
  process.exit(0);
}

const list = (name: string, raw: string) =>
  raw.split(",").map((s) => {
    const v = Number(s.trim());
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: ${s} is not a positive integer`);
    return v;
  });
const quick = values.quick;
const options = {
  quick,
  sizesMB: list("sizes", values.sizes ?? (quick ? "5,10" : "5,10,15,25,50")),
  chunkCounts: list("chunks", values.chunks ?? (quick ? "10,50,100,200" : "10,20,40,50,60,80,100,120,140,160,180,200")),
  // 1 by default: 3 repetitions of the full grid take about an hour on this (shared, 2-CPU) machine, see bench/README.md.
  reps: list("reps", values.reps ?? "1")[0]!,
  rawReps: list("raw-reps", values["raw-reps"] ?? (quick ? "1" : "3"))[0]!,
  chainFiles: list("chain-files", values["chain-files"] ?? (quick ? "12" : "60"))[0]!,
  chainConcurrency: quick ? [1, 6] : [1, 6, 10],
  shareCounts: [2, 3, 4, 10],
  queryCalls: quick ? 150 : 600,
  queryConcurrency: quick ? [1, 8] : [1, 6, 24, 64],
  agentPollMs: 50,
  storePollMs: STORE_POLL_MS,
  skipStorage: values["skip-storage"],
  skipChain: values["skip-chain"],
};

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const fmtS = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmtDuration = (ms: number) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

async function main(): Promise<number> {
  const machine = machineInfo();
  const startedAt = new Date();
  const t0 = performance.now();
  log(`load average at start: ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(" ")} on ${machine.cpus} CPUs`);

  // The same random bytes for the raw figures and the storage runs: one buffer per (size, rep).
  const buffers = new Map<number, Buffer[]>();
  const repsNeeded = Math.max(options.reps, options.rawReps);
  for (const size of options.sizesMB) buffers.set(size, Array.from({ length: repsNeeded }, () => randomBytes(size * MB)));

  const raw: RawSample[] = [];
  let storage: StorageSample[] = [];
  let chain: ChainThroughputResult | undefined;
  const phaseSeconds: Record<string, number> = {};

  if (!options.skipStorage) {
    // 1. Raw speeds (before the world starts, so that the six agents' polling does not run beside them).
    const r0 = performance.now();
    const nodes = await startRawNodes();
    try {
      for (const size of options.sizesMB) {
        for (let rep = 0; rep < options.rawReps; rep++) {
          const sample = await measureRaw({ nodes, bytes: buffers.get(size)![rep]!, rep });
          raw.push(sample);
          log(`raw ${size} MB rep ${rep + 1}: AES-GCM ${fmtS(sample.aes256gcmMs)}, Helia put ${fmtS(sample.heliaPutMs)}, bitswap ${fmtS(sample.bitswapMs)}, fetchFrom ${fmtS(sample.fetchFromMs)}`);
        }
      }
    } finally {
      await nodes.stop();
    }
    phaseSeconds["raw"] = (performance.now() - r0) / 1000;

    // 2. Storage grid in the six-member world on an in-process chain.
    const s0 = performance.now();
    const connection = await network.create();
    const world = await setUpTorrentWorld(connection);
    try {
      for (const name of Object.keys(world.actors)) await world.startAgent(name);
      const cells = options.sizesMB.flatMap((size) => options.chunkCounts.map((chunks) => ({ size, chunks })));
      // Rough cost of a cell for the ETA: distribution grows with the chunk count (each owner fetches, pins and signs
      // its chunks one by one), the rest with the bytes, plus a fixed part per run (transactions, votes, polling).
      const unit = (size: number, chunks: number) => (0.3 * size + 0.15 * chunks + 3) * options.reps;
      const totalUnits = cells.reduce((sum, c) => sum + unit(c.size, c.chunks), 0);
      let doneUnits = 0;
      const gridStart = performance.now();
      let lastSize = -1;
      for (const [i, { size, chunks }] of cells.entries()) {
        if (size !== lastSize) {
          for (let rep = 0; rep < options.reps; rep++) await writeFile(path.join(world.home, `file-${size}-${rep}.bin`), buffers.get(size)![rep]!);
          lastSize = size;
        }
        for (let rep = 0; rep < options.reps; rep++) {
          const bytes = buffers.get(size)![rep]!;
          const sample = await runStorageSample({
            world,
            connection,
            file: path.join(world.home, `file-${size}-${rep}.bin`),
            sizeBytes: bytes.length,
            chunks,
            rep,
            expectedHash: `0x${createHash("sha256").update(bytes).digest("hex")}`,
          });
          storage.push(sample);
          if (!sample.correct) log(`  WARNING: ${size} MB / ${chunks} chunks rep ${rep + 1}: retrieved file differs or needed fallbacks`);
        }
        doneUnits += unit(size, chunks);
        const elapsed = performance.now() - gridStart;
        const eta = (elapsed / doneUnits) * (totalUnits - doneUnits);
        const last = storage.slice(-options.reps);
        const mean = (f: (s: StorageSample) => number) => last.reduce((sum, s) => sum + f(s), 0) / last.length;
        log(
          `cell ${i + 1}/${cells.length} ${size} MB × ${chunks} chunks: split ${fmtS(mean((s) => s.splitMs))}, distribution ${fmtS(mean((s) => s.distributionMs))}, retrieval ${fmtS(mean((s) => s.retrievalMs))} ` +
            `(mean of ${last.length}) — elapsed ${fmtDuration(elapsed)}, ETA ${fmtDuration(eta)}`,
        );
      }
    } finally {
      await world.stop();
      await connection.close();
    }
    phaseSeconds["storage"] = (performance.now() - s0) / 1000;
  }

  if (!options.skipChain) {
    const c0 = performance.now();
    chain = await runChainThroughput({
      projectRoot,
      files: options.chainFiles,
      concurrencyLevels: options.chainConcurrency,
      shareCounts: options.shareCounts,
      queryCalls: options.queryCalls,
      queryConcurrency: options.queryConcurrency,
      log,
    });
    phaseSeconds["chain"] = (performance.now() - c0) / 1000;
  }

  const [e1, e5, e15] = os.loadavg();
  machine.loadAverageAtEnd = [e1!, e5!, e15!];
  const result: TorrentBenchResult = {
    schema: "sealedchain-bench-torrent/1",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationSeconds: (performance.now() - t0) / 1000,
    phaseSeconds,
    command: `npx tsx bench/torrent/run.ts ${process.argv.slice(2).join(" ")}`.trim(),
    options,
    machine,
    raw,
    storage,
    ...(chain === undefined ? {} : { chain }),
  };
  storage = result.storage;

  mkdirSync(values.out, { recursive: true });
  const stamp = startedAt.toISOString().slice(0, 16).replace(/[:T]/g, "-");
  const base = path.join(values.out, `torrent-${stamp}`);
  const charts = { split: `${base}-split.svg`, distribution: `${base}-distribution.svg`, retrieval: `${base}-retrieval.svg` };
  writeFileSync(`${base}.json`, JSON.stringify(result, null, 1) + "\n");
  writeFileSync(`${base}.csv`, renderCsv(result));
  if (storage.length > 0) {
    writeFileSync(charts.split, renderChart(result, "split"));
    writeFileSync(charts.distribution, renderChart(result, "distribution"));
    writeFileSync(charts.retrieval, renderChart(result, "retrieval"));
  }
  writeFileSync(`${base}.md`, renderMarkdown(result, { chartFiles: storage.length > 0 ? Object.fromEntries(Object.entries(charts).map(([k, v]) => [k, path.basename(v)])) : undefined }));
  log(`wrote ${path.relative(process.cwd(), base)}.{json,md,csv}${storage.length > 0 ? " and -{split,distribution,retrieval}.svg" : ""} in ${fmtDuration(result.durationSeconds * 1000)}`);
  const wrong = storage.filter((s) => !s.correct).length;
  if (wrong > 0) log(`${wrong} storage runs retrieved a different file or needed fallbacks — see the report`);
  return wrong > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
