/**
 * Paillier benchmark: this library vs paillier-bigint vs a paper-exact GMP C reference, per
 * operation and for the full k-bit comparison of Nasu et al., at 2048 and 3072 bits, on one
 * shared key per size, interleaved sample by sample. See bench/README.md.
 *
 *   npx tsx bench/paillier/run.ts [--sizes 2048,3072] [--reps 5] [--slow-reps 3]
 *       [--op-samples 7] [--bit-length 32] [--decrypt both|first] [--skip-gmp]
 *       [--skip-paillier-bigint] [--fresh-keys] [--out bench/results] [--quick]
 */
import { randomInt } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { buildGmpReference, GmpReferenceBuildError } from "./build-gmp-reference.js";
import { createGmpImplementation } from "./implementations/gmp.js";
import { createPaillierBigintImplementation } from "./implementations/paillier-bigint.js";
import { createSealedChainImplementation } from "./implementations/sealedchain.js";
import {
  OPERATIONS,
  type ComparisonSample,
  type ComparisonVariant,
  type DecryptMode,
  type Implementation,
  type OperationName,
  type Relation,
} from "./implementations/types.js";
import { loadKeys } from "./load-keys.js";
import { machineInfo } from "./machine-info.js";
import { evaluateTargets, type BenchResult, type ComparisonRun, type OperationRun } from "./results.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderSvg } from "./render-svg.js";
import { formatNs, summarize } from "./stats.js";

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildDir = path.join(benchDir, ".build");

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "2048,3072" },
    reps: { type: "string", default: "5" },
    "slow-reps": { type: "string", default: "3" },
    "op-samples": { type: "string", default: "7" },
    "bit-length": { type: "string", default: "32" },
    decrypt: { type: "string", default: "first" },
    "skip-gmp": { type: "boolean", default: false },
    "skip-paillier-bigint": { type: "boolean", default: false },
    "fresh-keys": { type: "boolean", default: false },
    quick: { type: "boolean", default: false },
    out: { type: "string", default: path.join(benchDir, "results") },
    help: { type: "boolean", default: false },
  },
  allowPositionals: false,
});

if (values.help) {
  console.log(
    "usage: npx tsx bench/paillier/run.ts [--sizes 2048,3072] [--reps 5] [--slow-reps 3] [--op-samples 7]\n" +
      "       [--bit-length 32] [--decrypt both|first] [--skip-gmp] [--skip-paillier-bigint] [--fresh-keys]\n" +
      "       [--quick] [--out DIR]\n" +
      "--quick: 2048 only, 2 reps, 1 slow rep, 3 op samples (a smoke run; not a result).",
  );
  process.exit(0);
}

function positiveInt(name: string, raw: string): number {
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer, got ${raw}`);
  return v;
}

const options = {
  sizes: (values.quick ? "2048" : values.sizes).split(",").map((s) => positiveInt("sizes", s.trim())),
  reps: values.quick ? 2 : positiveInt("reps", values.reps),
  slowReps: values.quick ? 1 : positiveInt("slow-reps", values["slow-reps"]),
  opSamples: values.quick ? 3 : positiveInt("op-samples", values["op-samples"]),
  bitLength: positiveInt("bit-length", values["bit-length"]),
  decrypt: values.decrypt as DecryptMode,
  skipGmp: values["skip-gmp"],
  skipPaillierBigint: values["skip-paillier-bigint"],
  freshKeys: values["fresh-keys"],
  quick: values.quick,
};
if (options.decrypt !== "both" && options.decrypt !== "first") throw new Error("--decrypt must be both or first");
if (options.bitLength > 31) {
  // X and Y are JS numbers shifted with >>>: 32 bits is the largest width handled here.
  if (options.bitLength !== 32) throw new Error("--bit-length must be at most 32");
}

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function expectedAnswer(x: number, y: number, k: number): { relation: Relation; index: number } {
  for (let i = k - 1; i >= 0; i--) {
    const xi = (x >>> i) & 1;
    const yi = (y >>> i) & 1;
    if (xi !== yi) return { relation: xi < yi ? "lt" : "gt", index: i };
  }
  return { relation: "eq", index: -1 };
}

function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return [];
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

function randomPair(k: number): { x: number; y: number } {
  const draw = () => (k === 32 ? randomInt(0, 2 ** 16) * 2 ** 16 + randomInt(0, 2 ** 16) : randomInt(0, 2 ** k));
  for (;;) {
    const x = draw();
    const y = draw();
    if (x !== y) return { x, y };
  }
}

async function main(): Promise<number> {
  const machine = machineInfo();
  const startedAt = new Date();
  log(`load average at start: ${machine.loadAverageAtStart.map((l) => l.toFixed(2)).join(" ")} on ${machine.cpus} CPUs`);

  const implementations: Implementation[] = [];
  let gmpBinary: string | null = null;
  if (!options.skipGmp) {
    try {
      const built = buildGmpReference({ source: path.join(benchDir, "paillier", "gmp-reference.c"), buildDir });
      gmpBinary = built.binary;
      machine.compiler = built.compiler;
      log(`${built.rebuilt ? "built" : "using"} ${path.relative(process.cwd(), built.binary)}`);
    } catch (error) {
      if (error instanceof GmpReferenceBuildError) {
        log(error.message);
        return 2;
      }
      throw error;
    }
  }

  implementations.push(await createSealedChainImplementation());
  if (!options.skipPaillierBigint) implementations.push(createPaillierBigintImplementation());
  if (gmpBinary) {
    const gmp = await createGmpImplementation({ binary: gmpBinary });
    machine.gmp = gmp.gmpVersion;
    implementations.push(gmp);
  }

  const { keys, generated } = loadKeys({ sizes: options.sizes, buildDir, fresh: options.freshKeys });
  if (generated.length > 0) log(`generated keys for ${generated.join(", ")} bits (cached in bench/.build)`);

  const operationRuns: OperationRun[] = [];
  const comparisonRuns: ComparisonRun[] = [];
  let mismatches = 0;

  for (const key of keys) {
    log(`— ${key.bits}-bit n —`);
    for (const impl of implementations) await impl.setKey(key);

    // Per-operation: sample s of every (operation, implementation), implementation order rotated per sample.
    const samples = new Map<string, { nsPerOp: number[]; correct: boolean }>();
    for (let s = 0; s < options.opSamples; s++) {
      for (const spec of OPERATIONS) {
        for (const impl of rotate(implementations.filter((i) => i.operations.includes(spec.name)), s)) {
          const id = `${impl.id}\u0000${spec.name}`;
          const entry = samples.get(id) ?? { nsPerOp: [], correct: true };
          const sample = await impl.measureOperation(spec.name, spec.inner);
          entry.nsPerOp.push(sample.nsPerOp);
          entry.correct &&= sample.correct;
          samples.set(id, entry);
        }
      }
      log(`operations: sample ${s + 1}/${options.opSamples}`);
    }
    for (const [id, entry] of samples) {
      const [implementation, operation] = id.split("\u0000") as [string, OperationName];
      if (!entry.correct) mismatches++;
      operationRuns.push({ bits: key.bits, implementation, operation, ...entry, summary: summarize(entry.nsPerOp) });
    }
    for (const spec of OPERATIONS) {
      const row = operationRuns.filter((r) => r.bits === key.bits && r.operation === spec.name);
      if (row.length > 0) log(`  ${spec.name}: ${row.map((r) => `${r.implementation} ${formatNs(r.summary.median)}`).join(", ")}`);
    }

    // Full comparison: rep r runs every variant on the same (X, Y), order rotated per rep.
    const variants: ComparisonVariant[] = implementations.flatMap((i) => i.comparisonVariants);
    const perVariant = new Map<string, ComparisonRun>();
    for (const v of variants) {
      const run: ComparisonRun = { bits: key.bits, variant: v.id, label: v.label, slow: v.slow, reps: [], agree: true };
      perVariant.set(v.id, run);
      comparisonRuns.push(run);
    }
    for (let rep = 0; rep < options.reps; rep++) {
      const { x, y } = randomPair(options.bitLength);
      const expected = expectedAnswer(x, y, options.bitLength);
      for (const v of rotate(variants, rep)) {
        if (v.slow && rep >= options.slowReps) continue;
        const sample: ComparisonSample = await v.run({ x, y, bitLength: options.bitLength, decrypt: options.decrypt });
        const ok = sample.relation === expected.relation && sample.index === expected.index;
        const run = perVariant.get(v.id)!;
        run.reps.push({ rep, x, y, expected, ...sample, ok });
        if (!ok) {
          run.agree = false;
          mismatches++;
          log(`  MISMATCH ${v.id}: X=${x} Y=${y} expected ${expected.relation}@${expected.index}, got ${sample.relation}@${sample.index}`);
        }
        log(`  rep ${rep + 1}/${options.reps} ${v.id}: online ${formatNs(sample.ns.online)}${sample.ns.offline ? ` (+ offline ${formatNs(sample.ns.offline)})` : ""}`);
      }
    }
  }

  for (const impl of implementations) await impl.close();
  const [e1, e5, e15] = os.loadavg();
  machine.loadAverageAtEnd = [e1!, e5!, e15!];

  const result: BenchResult = {
    schema: "sealedchain-bench-paillier/1",
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    command: `npx tsx bench/paillier/run.ts ${process.argv.slice(2).join(" ")}`.trim(),
    options,
    machine,
    implementations: implementations.map((i) => ({ id: i.id, label: i.label, operations: [...i.operations] })),
    operations: operationRuns,
    comparisons: comparisonRuns,
    targets: [],
    mismatches,
  };
  result.targets = evaluateTargets(result);

  mkdirSync(values.out, { recursive: true });
  const stamp = startedAt.toISOString().slice(0, 16).replace(/[:T]/g, "-");
  const base = path.join(values.out, `paillier-${stamp}`);
  writeFileSync(`${base}.json`, JSON.stringify(result, (_k, v) => (typeof v === "bigint" ? v.toString() : v), 2) + "\n");
  writeFileSync(`${base}.svg`, renderSvg(result));
  writeFileSync(`${base}.md`, renderMarkdown(result, { svgFile: path.basename(`${base}.svg`) }));
  log(`wrote ${path.relative(process.cwd(), base)}.{json,md,svg}`);
  for (const t of result.targets) log(`target: ${t.description}: ${t.measured} → ${t.status}`);
  if (mismatches > 0) log(`${mismatches} correctness mismatches — see the report`);
  return mismatches > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
