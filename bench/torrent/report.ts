import type { MachineInfo } from "../paillier/machine-info.js";
import type { ChainThroughputResult, PhaseName } from "./chain-throughput.js";
import type { RawSample } from "./raw-speeds.js";
import type { GasName, StorageSample } from "./storage.js";

export type TorrentBenchResult = {
  schema: string;
  startedAt: string;
  finishedAt: string;
  durationSeconds: number;
  phaseSeconds: Record<string, number>;
  command: string;
  options: {
    quick: boolean;
    sizesMB: number[];
    chunkCounts: number[];
    reps: number;
    rawReps: number;
    chainFiles: number;
    chainConcurrency: number[];
    shareCounts: number[];
    queryCalls: number;
    queryConcurrency: number[];
    agentPollMs: number;
    storePollMs: number;
  };
  machine: MachineInfo;
  raw: RawSample[];
  storage: StorageSample[];
  chain?: ChainThroughputResult;
};

export type Stat = { n: number; mean: number; min: number; max: number; median: number };

export function stat(values: readonly number[]): Stat {
  if (values.length === 0) return { n: 0, mean: NaN, min: NaN, max: NaN, median: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return {
    n: sorted.length,
    mean: sorted.reduce((s, v) => s + v, 0) / sorted.length,
    min: sorted[0]!,
    max: sorted[sorted.length - 1]!,
    median: sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2,
  };
}

export const MB = 1_000_000;
export const METRICS = ["splitMs", "distributionMs", "retrievalMs", "regenerationMs", "announceToAllAcksMs", "registerAndConfirmMs", "storeTotalMs", "auditApprovalAndReleaseMs"] as const;
export type Metric = (typeof METRICS)[number];

export type Cell = { sizeMB: number; chunks: number; stats: Record<Metric, Stat>; auditorLocalChunks: number; chunkOwners: number; correct: boolean };

export function storageCells(result: TorrentBenchResult): Cell[] {
  const cells: Cell[] = [];
  for (const sizeMB of result.options.sizesMB) {
    for (const chunks of result.options.chunkCounts) {
      const samples = result.storage.filter((s) => s.sizeBytes === sizeMB * MB && s.chunks === chunks);
      if (samples.length === 0) continue;
      const stats = Object.fromEntries(METRICS.map((m) => [m, stat(samples.map((s) => s[m]))])) as Record<Metric, Stat>;
      cells.push({
        sizeMB,
        chunks,
        stats,
        auditorLocalChunks: stat(samples.map((s) => s.auditorLocalChunks)).mean,
        chunkOwners: stat(samples.map((s) => s.chunkOwners)).min,
        correct: samples.every((s) => s.correct),
      });
    }
  }
  return cells;
}

export type RawStats = Record<Exclude<keyof RawSample, "sizeBytes" | "rep">, Stat> & { splitFloorMs: number };
export const RAW_KEYS = ["aes256gcmMs", "sha256Ms", "sha3_256Ms", "sha384Ms", "sha512Ms", "heliaPutMs", "bitswapMs", "fetchFromMs"] as const;

export function rawBySize(result: TorrentBenchResult): Map<number, RawStats> {
  const out = new Map<number, RawStats>();
  for (const sizeMB of result.options.sizesMB) {
    const samples = result.raw.filter((r) => r.sizeBytes === sizeMB * MB);
    if (samples.length === 0) continue;
    const stats = Object.fromEntries(RAW_KEYS.map((k) => [k, stat(samples.map((s) => s[k]))])) as unknown as RawStats;
    // What split has to do at the least: AES-GCM, SHA-256 of plaintext and ciphertext, the three placement digests, one Helia put.
    stats.splitFloorMs = stats.aes256gcmMs.mean + 2 * stats.sha256Ms.mean + stats.sha3_256Ms.mean + stats.sha384Ms.mean + stats.sha512Ms.mean + stats.heliaPutMs.mean;
    out.set(sizeMB, stats);
  }
  return out;
}

export type Overheads = { split: number; splitVsAes: number; distribution: number; retrieval: number; regeneration: number };

/** Mean storage figure ÷ mean raw figure of the same size. */
export function overheads(cell: Cell, raw: RawStats | undefined): Overheads | undefined {
  if (raw === undefined) return undefined;
  return {
    split: cell.stats.splitMs.mean / raw.splitFloorMs,
    splitVsAes: cell.stats.splitMs.mean / raw.aes256gcmMs.mean,
    distribution: cell.stats.distributionMs.mean / (3 * raw.bitswapMs.mean),
    retrieval: cell.stats.retrievalMs.mean / raw.fetchFromMs.mean,
    regeneration: cell.stats.regenerationMs.mean / raw.fetchFromMs.mean,
  };
}

export const GAS_NAMES: GasName[] = ["announceFile", "acknowledgeChunks", "registerFile", "acknowledgeShare", "requestAudit", "castVote", "execute", "releaseShare"];

export function gasSummary(result: TorrentBenchResult): Map<GasName, Stat> {
  const out = new Map<GasName, Stat>();
  for (const name of GAS_NAMES) out.set(name, stat(result.storage.flatMap((s) => s.gas[name] ?? [])));
  return out;
}

/** Gas of everything that stores one file in the storage world, per run: announce + acks + register (and + share acks). */
export function gasPerStoredFile(result: TorrentBenchResult): { withoutShareAcks: Stat; withShareAcks: Stat; txsWithout: number; txsWith: number } {
  const sum = (s: StorageSample, names: GasName[]) => names.reduce((t, n) => t + (s.gas[n] ?? []).reduce((a, b) => a + b, 0), 0);
  const count = (s: StorageSample, names: GasName[]) => names.reduce((t, n) => t + (s.gas[n] ?? []).length, 0);
  const base: GasName[] = ["announceFile", "acknowledgeChunks", "registerFile"];
  const all: GasName[] = [...base, "acknowledgeShare"];
  const first = result.storage[0];
  return {
    withoutShareAcks: stat(result.storage.map((s) => sum(s, base))),
    withShareAcks: stat(result.storage.map((s) => sum(s, all))),
    txsWithout: first ? count(first, base) : 0,
    txsWith: first ? count(first, all) : 0,
  };
}

export const BESU = { gasLimits: [30_000_000, 100_000_000], blockPeriodSeconds: 2 };
export const PAPER = { storingTps: 35, queryTps: 500 };

export function besuPerSecond(gasLimit: number, gasPerUnit: number): number {
  return Math.floor(gasLimit / gasPerUnit) / BESU.blockPeriodSeconds;
}

const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(ms < 1000 ? 3 : 2) : "—");
const x = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "—" : `${v.toFixed(1)}×`);
const mbps = (bytes: number, ms: number) => `${(bytes / MB / (ms / 1000)).toFixed(0)} MB/s`;
const int = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString("en-US") : "—");

/** One row per (size, chunk count): storage figures (mean, min), raw figures of that size, overheads. */
export function renderCsv(result: TorrentBenchResult): string {
  const raw = rawBySize(result);
  const header = [
    "size_mb",
    "chunks",
    "reps",
    ...["split", "distribution", "retrieval", "regeneration", "announce_to_all_acks", "register_and_confirm", "store_total", "audit_approval_and_release"].flatMap((m) => [`${m}_mean_s`, `${m}_min_s`]),
    "auditor_local_chunks_mean",
    "correct",
    ...RAW_KEYS.map((k) => `raw_${k.replace(/Ms$/, "")}_mean_s`),
    "raw_split_floor_s",
    "overhead_split_vs_floor",
    "overhead_split_vs_aes",
    "overhead_distribution_vs_3x_bitswap",
    "overhead_retrieval_vs_fetchfrom",
    "overhead_regeneration_vs_fetchfrom",
  ];
  const rows = [header.join(",")];
  const f = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(4) : "");
  for (const cell of storageCells(result)) {
    const r = raw.get(cell.sizeMB);
    const o = overheads(cell, r);
    rows.push(
      [
        cell.sizeMB,
        cell.chunks,
        cell.stats.splitMs.n,
        ...METRICS.flatMap((m) => [f(cell.stats[m].mean), f(cell.stats[m].min)]),
        cell.auditorLocalChunks.toFixed(1),
        cell.correct,
        ...RAW_KEYS.map((k) => (r ? f(r[k].mean) : "")),
        r ? f(r.splitFloorMs) : "",
        ...(o ? [o.split, o.splitVsAes, o.distribution, o.retrieval, o.regeneration].map((v) => v.toFixed(2)) : ["", "", "", "", ""]),
      ].join(","),
    );
  }
  return rows.join("\n") + "\n";
}

export function renderMarkdown(result: TorrentBenchResult, { chartFiles }: { chartFiles: Record<string, string> | undefined }): string {
  const { options, machine } = result;
  const L: string[] = [];
  L.push(`# Torrent benchmark — ${result.startedAt}`, "");
  L.push(`Command: \`${result.command}\` — ${options.quick ? "**quick run (smoke test, not a result)**" : "full run"}; took ${(result.durationSeconds / 60).toFixed(1)} min (${Object.entries(result.phaseSeconds).map(([k, v]) => `${k} ${v.toFixed(0)} s`).join(", ")}).`);
  L.push(`Machine: ${machine.cpuModel}, ${machine.cpus} CPUs, ${machine.platform}, Node ${machine.node}, OpenSSL ${machine.openssl}, commit ${machine.gitCommit ?? "?"}; load average ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(" ")} at start, ${machine.loadAverageAtEnd?.map((l) => l.toFixed(2)).join(" ") ?? "?"} at end.`, "");
  L.push("All times in seconds. MB = 10^6 bytes. Mean (min) over the repetitions of a cell.", "");

  const cells = storageCells(result);
  const raw = rawBySize(result);
  if (cells.length > 0) {
    L.push("## 1. Storage (paper Fig. 4)", "");
    L.push(
      `Six members on loopback in ONE Node process (${machine.cpus} CPUs): the storer (carrier-f) and five others, each with its own embedded Helia node (own TCP port, own blockstore folder) and its own in-process agent polling the chain every ${options.agentPollMs} ms; an in-process Hardhat chain (EDR, automine: one block per transaction). storeFile polls for acknowledgements every ${options.storePollMs} ms. ${options.reps} repetition(s) per cell; the paper averages 10.`,
      "",
      "- **split**: storeFile start → last chunk read, encrypted (AES-256-GCM), hashed (SHA-256 + the three placement digests) and put in the storer's node (the last `encrypt` progress event).",
      "- **distribution**: last chunk put → every chunk owner acknowledged on chain, as seen by storeFile (the paper's acknowledgement-based end). Includes sealing 5 assignment envelopes, the announce transaction, each owner's agent noticing the announcement (≤ 50 ms poll), fetching its chunks over bitswap one by one, checking and pinning them, signing receipts, its `acknowledgeChunks` transaction, and storeFile's own ≤ 50 ms poll.",
      "- **retrieval**: the auditor's whole `retrieveFile` for an audit that is already approved with all 5 shares released: read the audit, fetch and open 5 released-share envelopes (bitswap from the holders), rebuild and check the key, fetch the master table from a holder, fetch every chunk directly (fetchFrom, 4 at a time) from its first owner, check SHA-256 and placement, decrypt, write, SHA-256 of the file, fsync, rename.",
      "- **regeneration**: the part of retrieval from just before the first chunk request to the verified file (the paper's Fig. 4c definition).",
      "- The auditor is itself one of the five placement members: a chunk whose first owner is the auditor is read from its own node (about 1 in 5 chunks; column *local*).",
      "",
    );
    for (const sizeMB of options.sizesMB) {
      const r = raw.get(sizeMB);
      const rows = cells.filter((c) => c.sizeMB === sizeMB);
      if (rows.length === 0) continue;
      L.push(`### ${sizeMB} MB`, "");
      if (r) {
        const bytes = sizeMB * MB;
        L.push(
          `Raw, same bytes: AES-256-GCM ${s(r.aes256gcmMs.mean)} (${mbps(bytes, r.aes256gcmMs.mean)}), SHA-256 ${s(r.sha256Ms.mean)} (${mbps(bytes, r.sha256Ms.mean)}), SHA3-256 ${s(r.sha3_256Ms.mean)} (${mbps(bytes, r.sha3_256Ms.mean)}), SHA-384 ${s(r.sha384Ms.mean)} (${mbps(bytes, r.sha384Ms.mean)}), SHA-512 ${s(r.sha512Ms.mean)} (${mbps(bytes, r.sha512Ms.mean)}); Helia put ${s(r.heliaPutMs.mean)} (${mbps(bytes, r.heliaPutMs.mean)}); bitswap transfer ${s(r.bitswapMs.mean)} (${mbps(bytes, r.bitswapMs.mean)}); fetchFrom transfer ${s(r.fetchFromMs.mean)} (${mbps(bytes, r.fetchFromMs.mean)}). Split floor (AES + 2×SHA-256 + 3 placement digests + put) ${s(r.splitFloorMs)}.`,
          "",
        );
      }
      L.push("| chunks | split | distribution | retrieval | regeneration | announce→all acks | register+confirm | store total | local | split ÷ floor | distr. ÷ 3×bitswap | retr. ÷ fetchFrom |");
      L.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (const c of rows) {
        const o = overheads(c, r);
        const m = (k: Metric) => `${s(c.stats[k].mean)} (${s(c.stats[k].min)})`;
        L.push(`| ${c.chunks} | ${m("splitMs")} | ${m("distributionMs")} | ${m("retrievalMs")} | ${m("regenerationMs")} | ${s(c.stats.announceToAllAcksMs.mean)} | ${s(c.stats.registerAndConfirmMs.mean)} | ${s(c.stats.storeTotalMs.mean)} | ${c.auditorLocalChunks.toFixed(0)} | ${x(o?.split)} | ${x(o?.distribution)} | ${x(o?.retrieval)} |${c.correct ? "" : " **retrieval mismatch or fallback**"}`);
      }
      L.push("");
    }
    L.push(
      "Overheads: split ÷ (AES-GCM + 2×SHA-256 + SHA3-256 + SHA-384 + SHA-512 + one Helia put of the whole file); distribution ÷ (3 × one bitswap transfer of the whole file — every chunk leaves the storer's node three times); retrieval ÷ one fetchFrom transfer of the whole file. Raw transfers are between two fresh nodes in the same process before the world starts; the storage runs have six nodes, six agents and the chain on the same event loop.",
      "",
    );
    if (chartFiles) {
      L.push(`Charts (x = chunks, y = seconds, one line per size, mean): ![split](${chartFiles["split"]}) ![distribution](${chartFiles["distribution"]}) ![retrieval](${chartFiles["retrieval"]})`, "");
    }
    const audit = stat(result.storage.map((x) => x.auditApprovalAndReleaseMs));
    L.push(`Audit approval (requestAudit + votes + execute) and release of 5 shares by the holders' agents, not part of retrieval: mean ${s(audit.mean)} (min ${s(audit.min)}, max ${s(audit.max)}).`, "");
  }

  if (result.storage.length > 0) {
    L.push("## 2. Gas per transaction (from receipts of the storage runs; 6 members, 5 chunk owners, 5 holders, k = 3)", "");
    L.push("| transaction | median gas | min | max | samples |", "|---|---:|---:|---:|---:|");
    for (const [name, g] of gasSummary(result)) L.push(`| ${name} | ${int(g.median)} | ${int(g.min)} | ${int(g.max)} | ${g.n} |`);
    const perFile = gasPerStoredFile(result);
    L.push("", `Per stored file: announce + ${perFile.txsWithout - 2} acknowledgeChunks + registerFile = median ${int(perFile.withoutShareAcks.median)} gas in ${perFile.txsWithout} transactions; with the ${perFile.txsWith - perFile.txsWithout} acknowledgeShare ${int(perFile.withShareAcks.median)} gas in ${perFile.txsWith}.`, "");
  }

  const chain = result.chain;
  if (chain) {
    L.push("## 3. On-chain throughput against `hardhat node` (paper Fig. 5–6)", "");
    L.push(
      `\`${chain.node.command}\` as a separate process, ${chain.node.mining}; block gas limit ${int(chain.node.blockGasLimit)}. ${chain.members} members (hardhat node's default accounts) so that a key can be split 10 ways; files owned by ${chain.ownerWallets} wallets; ${chain.chunkOwnersPerFile} chunk owners per file; k = ⌊n/2⌋+1. Every transaction is signed in advance; a phase sends them with one transaction in flight per sender (each sender its own nonce stream) and at most *c* in flight overall; latency = eth_sendRawTransaction → receipt. ${options.chainFiles} files per run. Phases run one after the other (each needs the previous mined). With automine nothing is batched into blocks: throughput here is how fast one EDR process executes and answers transactions one at a time, not a consensus figure.`,
      "",
    );
    L.push("### (a) Key-share registration", "");
    L.push("| shares n | k | c | files/s (announce+acks+register+share acks) | registerFile tx/s | registerFile latency mean / max (ms) | announce tx/s | acks tx/s | share acks tx/s | gas: announce / ack / register / share ack |");
    L.push("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for (const r of chain.registrations) {
      const p = (n: PhaseName) => r.phases.find((x) => x.phase === n)!;
      const tps = (n: PhaseName) => (p(n).txs / (p(n).durationMs / 1000)).toFixed(0);
      const lat = stat(p("registerFile").latenciesMs);
      const g = (n: PhaseName) => int(stat(p(n).gasUsed).median);
      L.push(`| ${r.shares} | ${r.threshold} | ${r.concurrency} | ${r.filesPerSecond.toFixed(1)} | ${r.registrationsPerSecond.toFixed(0)} | ${lat.mean.toFixed(1)} / ${lat.max.toFixed(1)} | ${tps("announceFile")} | ${tps("acknowledgeChunks")} | ${tps("acknowledgeShare")} | ${g("announceFile")} / ${g("acknowledgeChunks")} / ${g("registerFile")} / ${g("acknowledgeShare")} |`);
    }
    L.push("", "### (b) Share queries (eth_call: verifyShare with its Merkle proof, file(), holders(), in rotation, `from` rotating over 6 wallets)", "");
    L.push("| shares n | in flight | calls | queries/s | latency mean / max (ms) | all verifyShare true |", "|---:|---:|---:|---:|---:|---|");
    for (const q of chain.queries) {
      const lat = stat(q.latenciesMs);
      L.push(`| ${q.shares} | ${q.concurrency} | ${q.calls} | ${q.queriesPerSecond.toFixed(0)} | ${lat.mean.toFixed(2)} / ${lat.max.toFixed(1)} | ${q.allVerified} |`);
    }
    L.push("");
  }

  if (result.storage.length > 0 || chain) {
    L.push("## 4. What the gas implies on a Besu QBFT network (computed, not measured)", "");
    L.push(
      `Assumed: block gas limit ${BESU.gasLimits.map(int).join(" or ")}, block period ${BESU.blockPeriodSeconds} s, gas as the only limit (Besu's execution speed, transaction pool and gossip are not modelled). Throughput = floor(gasLimit / gas per unit) / ${BESU.blockPeriodSeconds} s. The paper measured on Hyperledger Fabric (Caliper): storing saturated at ~${PAPER.storingTps} tps, share queries above ${PAPER.queryTps} tps.`,
      "",
    );
    L.push(`| unit | gas per unit | ${BESU.gasLimits.map((g) => `${g / 1e6}M gas: units/s (tx/s)`).join(" | ")} |`, `|---|---:|${BESU.gasLimits.map(() => "---:").join("|")}|`);
    const row = (label: string, gas: number, txs: number) => {
      if (!Number.isFinite(gas) || gas <= 0) return;
      L.push(`| ${label} | ${int(gas)} | ${BESU.gasLimits.map((g) => `${besuPerSecond(g, gas).toFixed(1)} (${(besuPerSecond(g, gas) * txs).toFixed(0)})`).join(" | ")} |`);
    };
    if (result.storage.length > 0) {
      const perFile = gasPerStoredFile(result);
      const g = gasSummary(result);
      row(`file registered, 6 members (announce + ${perFile.txsWithout - 2} acks + register)`, perFile.withoutShareAcks.median, perFile.txsWithout);
      row(`file registered, 6 members, + ${perFile.txsWith - perFile.txsWithout} share acks`, perFile.withShareAcks.median, perFile.txsWith);
      row("registerFile alone (5 holders)", g.get("registerFile")!.median, 1);
      row("releaseShare", g.get("releaseShare")!.median, 1);
      row("castVote", g.get("castVote")!.median, 1);
    }
    if (chain) {
      for (const shares of options.shareCounts) {
        const r = chain.registrations.find((x) => x.shares === shares);
        if (!r) continue;
        const med = (n: PhaseName) => stat(r.phases.find((p) => p.phase === n)!.gasUsed).median;
        const gas = med("announceFile") + chain.chunkOwnersPerFile * med("acknowledgeChunks") + med("registerFile") + shares * med("acknowledgeShare");
        row(`file registered, ${chain.members} members, n = ${shares} (announce + ${chain.chunkOwnersPerFile} acks + register + ${shares} share acks)`, gas, 2 + chain.chunkOwnersPerFile + shares);
        row(`registerFile alone, n = ${shares}`, med("registerFile"), 1);
      }
    }
    L.push("", "Queries (eth_call) use no block gas: their rate is bounded by the nodes answering them, not by blocks (section 3b measures one hardhat node).", "");
  }
  return L.join("\n");
}
