/**
 * Exchange and trace benchmark (ITU-T FG-DPM D3.6): gas per data submission, validation
 * (certify, reject), traceability record (origin, transfer), identifier mapping and regulator
 * confirmation; and the custody query (walk + fetch + verify of every hop's data from the
 * information servers) against chains of 10, 100 and 1000 hops. See bench/README.md.
 *
 *   npx tsx bench/exchange/run.ts [--quick] [--hops 10,100,1000] [--samples 5] [--out DIR]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { Wallet, keccak256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

import { certifyData, rejectData, submitData } from "../../offchain/exchange/index.js";
import { mapObjects, objectIdOf, queryCustody, recordTrace } from "../../offchain/trace/index.js";
import { setUpExchangeWorld } from "../../test/helpers/exchange-world.js";
import { machineInfo } from "../paillier/machine-info.js";

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    hops: { type: "string" },
    samples: { type: "string" },
    out: { type: "string", default: path.join(benchDir, "results") },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(
    "usage: npx tsx bench/exchange/run.ts [--quick] [--hops 10,100,1000] [--samples 5] [--out DIR]\n" +
      "--quick: hops 10,100 and 2 samples (a smoke run, not a result). Run `npx hardhat build` first (npm run bench:exchange does).",
  );
  process.exit(0);
}
const int = (name: string, raw: string) => {
  const v = Number(raw.trim());
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name}: ${raw} is not a positive integer`);
  return v;
};
const options = {
  quick: values.quick,
  hops: (values.hops ?? (values.quick ? "10,100" : "10,100,1000")).split(",").map((h) => int("hops", h)),
  samples: int("samples", values.samples ?? (values.quick ? "2" : "5")),
};
const log = (line: string) => console.log(`[bench:exchange] ${line}`);
const now = () => performance.now();
const stats = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)]!, min: sorted[0]!, max: sorted.at(-1)!, n: xs.length };
};

async function main(): Promise<number> {
  const machine = machineInfo();
  const startedAt = new Date();
  const t0 = now();
  const connection = await network.create();
  const world = await setUpExchangeWorld(connection);
  const actor = (name: string) => world.actors[name]!;
  try {
    // ---- Gas per operation, from receipts ----------------------------------------------------------------------
    const gas: Record<string, number[]> = { submit: [], certify: [], reject: [], recordOrigin: [], recordTransfer: [], confirmRecord: [], split3: [], merge3: [], confirmMapping: [] };
    const device = Wallet.createRandom();
    await (await actor("materials-a").registry.registerDevice(device.address, keccak256(toUtf8Bytes("bench device")))).wait();
    await (await actor("regulator").registry.approveDevice(device.address)).wait();
    for (let i = 0; i < 6; i++) {
      const submitted = await submitData({ party: actor("materials-a").party, device, data: toUtf8Bytes(`reading,${i}\n`), category: "bench.data", description: `sample ${i}`, mediaType: "text/csv" });
      gas["submit"]!.push(Number(submitted.gasUsed));
      const validated = i % 2 === 0 ? await certifyData({ party: actor("regulator").party, entryId: submitted.entryId, statement: "bench" }) : await rejectData({ party: actor("regulator").party, entryId: submitted.entryId, reason: "bench rejection" });
      gas[i % 2 === 0 ? "certify" : "reject"]!.push(Number(validated.gasUsed));
    }
    const a = actor("materials-a").trace;
    const b = actor("chemicals-b").trace;
    const confirmAs = async (kind: "record" | "mapping", id: bigint) => {
      for (const name of ["regulator", "auditor"]) {
        const ledger = actor(name).trace.ledger;
        const receipt = await (await (kind === "record" ? ledger.confirmRecord(id) : ledger.confirmMapping(id))).wait();
        gas[kind === "record" ? "confirmRecord" : "confirmMapping"]!.push(Number(receipt!.gasUsed));
      }
    };
    for (let i = 0; i < 3; i++) {
      const lot = objectIdOf(`GAS-LOT-${i}`);
      const origin = await recordTrace({ party: a, objectId: lot, to: a.address, origin: true, step: "produced" });
      gas["recordOrigin"]!.push(Number(origin.gasUsed));
      await confirmAs("record", origin.recordId);
      const parts = [0, 1, 2].map((p) => objectIdOf(`GAS-${i}-${p}`));
      const split = await mapObjects({ party: a, kind: "split", inputs: [lot], outputs: parts, step: "split" });
      gas["split3"]!.push(Number(split.gasUsed));
      await confirmAs("mapping", split.mappingId);
      for (const part of parts) gas["recordTransfer"]!.push(Number((await recordTrace({ party: a, objectId: part, to: b.address, step: "shipped" })).gasUsed));
      const merge = await mapObjects({ party: b, kind: "merge", inputs: parts, outputs: [objectIdOf(`GAS-BOX-${i}`)], step: "packed" });
      gas["merge3"]!.push(Number(merge.gasUsed));
    }
    const gasStats = Object.fromEntries(Object.entries(gas).map(([k, v]) => [k, stats(v)]));
    log(`gas medians: ${Object.entries(gasStats).map(([k, s]) => `${k} ${s.median}`).join(", ")}`);

    // ---- Custody query against chains of N hops ---------------------------------------------------------------
    // Custody passes round-robin between four members, each keeping its record's data on its
    // own information server; the query walks back from the last holder and verifies all.
    const holders = ["materials-a", "chemicals-b", "servicer-s", "carrier-f"].map((n) => actor(n).trace);
    const queries = [];
    for (const hops of options.hops) {
      const objectId = objectIdOf(`CHAIN-${hops}`);
      const b0 = now();
      await recordTrace({ party: holders[0]!, objectId, to: holders[0]!.address, origin: true, step: "produced" });
      for (let hop = 1; hop < hops; hop++) {
        const from = holders[(hop - 1) % holders.length]!;
        const to = holders[hop % holders.length]!;
        await recordTrace({ party: from, objectId, to: to.address, step: "handed-over", details: { hop } });
        if (hop % 100 === 0) log(`chain of ${hops}: ${hop} records posted`);
      }
      const buildSeconds = (now() - b0) / 1000;
      const times: number[] = [];
      let summary;
      for (let s = 0; s < options.samples; s++) {
        const q0 = now();
        const tree = await queryCustody({ ledger: actor("regulator").trace.ledger, objectId });
        times.push(now() - q0);
        summary = tree.summary;
        if (tree.summary.records !== hops || tree.summary.verified !== hops) throw new Error(`chain of ${hops}: walked ${tree.summary.records}, verified ${tree.summary.verified}`);
      }
      const t = stats(times);
      queries.push({ hops, buildSeconds, queryMs: t, msPerHop: t.median / hops, summary });
      log(`chain of ${hops} hops: built in ${buildSeconds.toFixed(1)} s; query median ${t.median.toFixed(0)} ms (${(t.median / hops).toFixed(2)} ms/hop)`);
    }

    const result = {
      schema: "sealedchain-bench-exchange/1",
      startedAt: startedAt.toISOString(),
      durationSeconds: (now() - t0) / 1000,
      command: `npx tsx bench/exchange/run.ts ${process.argv.slice(2).join(" ")}`.trim(),
      options,
      machine,
      chain: "Hardhat in-process EDR chain (automine), six members with Helia nodes and loopback information servers",
      gas: gasStats,
      custodyQuery: queries,
    };
    mkdirSync(values.out, { recursive: true });
    const base = path.join(values.out, `exchange-${startedAt.toISOString().slice(0, 16).replace(/[:T]/g, "-")}`);
    writeFileSync(`${base}.json`, JSON.stringify(result, null, 1) + "\n");
    writeFileSync(`${base}.md`, renderMarkdown(result));
    log(`wrote ${path.relative(process.cwd(), base)}.{json,md} in ${result.durationSeconds.toFixed(0)} s`);
    return 0;
  } finally {
    await world.stop();
    await connection.close();
  }
}

function renderMarkdown(r: {
  startedAt: string;
  durationSeconds: number;
  command: string;
  machine: ReturnType<typeof machineInfo>;
  chain: string;
  gas: Record<string, ReturnType<typeof stats>>;
  custodyQuery: { hops: number; buildSeconds: number; queryMs: ReturnType<typeof stats>; msPerHop: number }[];
}): string {
  const names: Record<string, string> = {
    submit: "DataRegistry.submit (device EIP-712 signature checked)",
    certify: "DataRegistry.certify",
    reject: "DataRegistry.reject",
    recordOrigin: "TraceLedger.record, origin (signature checked)",
    recordTransfer: "TraceLedger.record, transfer",
    split3: "TraceLedger.mapIdentifiers, split 1 → 3",
    merge3: "TraceLedger.mapIdentifiers, merge 3 → 1",
    confirmRecord: "TraceLedger.confirmRecord",
    confirmMapping: "TraceLedger.confirmMapping",
  };
  return [
    `# Exchange and trace benchmark — ${r.startedAt}`,
    "",
    `Command: \`${r.command}\` — ${r.durationSeconds.toFixed(0)} s. Machine: ${r.machine.cpus} CPUs, load at start ${r.machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(" ")}. Chain: ${r.chain}.`,
    "",
    "## Gas per operation (from receipts)",
    "",
    "| operation | median | min | max | n |",
    "|---|---:|---:|---:|---:|",
    ...Object.entries(r.gas).map(([k, s]) => `| ${names[k] ?? k} | ${s.median} | ${s.min} | ${s.max} | ${s.n} |`),
    "",
    "## Custody query against the chain's length",
    "",
    "Walk from the latest record back to the origin with the ledger's view calls (one per record or mapping, on the in-process chain: over HTTP JSON-RPC each adds a round trip), fetch every record's data from its holder's information server (4 servers on loopback, 8 fetches at a time), check its keccak256, parse it and check its object.",
    "",
    "| hops | query median | min | max | per hop | building the chain (records posted) |",
    "|---:|---:|---:|---:|---:|---:|",
    ...r.custodyQuery.map((q) => `| ${q.hops} | ${q.queryMs.median.toFixed(0)} ms | ${q.queryMs.min.toFixed(0)} ms | ${q.queryMs.max.toFixed(0)} ms | ${q.msPerHop.toFixed(2)} ms | ${q.buildSeconds.toFixed(1)} s |`),
    "",
  ].join("\n");
}

process.exitCode = await main();
