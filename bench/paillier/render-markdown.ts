import { OPERATIONS } from "./implementations/types.js";
import { GMP, onlineNs, type BenchResult, type ComparisonRun } from "./results.js";
import { formatNs, summarize, type Summary } from "./stats.js";

function cell(s: Summary): string {
  if (s.n === 0) return "—";
  return `**${formatNs(s.median)}** (${formatNs(s.min)}–${formatNs(s.max)})`;
}

function phase(run: ComparisonRun, key: "offline" | "encrypt" | "compute" | "decrypt" | "online"): Summary {
  return summarize(run.reps.map((r) => r.ns[key]));
}

export function renderMarkdown(result: BenchResult, { svgFile }: { svgFile: string }): string {
  const m = result.machine;
  const sizes = [...new Set(result.operations.map((o) => o.bits).concat(result.comparisons.map((c) => c.bits)))];
  const impls = result.implementations;
  const o = result.options as { bitLength: number; decrypt: string; reps: number; slowReps: number; opSamples: number };
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);

  push(`# Paillier benchmark — ${result.startedAt.slice(0, 16).replace("T", " ")} UTC`, "");
  push(
    `Command: \`${result.command}\`  `,
    `Machine: ${m.cpuModel}, ${m.cpus} CPUs, ${m.platform}; Node ${m.node}, OpenSSL ${m.openssl}, GMP ${m.gmp ?? "—"}, ${m.compiler ?? "no C compiler used"}; commit ${m.gitCommit ?? "?"}  `,
    `Load average (1/5/15 min) at start: ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(" / ")}` +
      (m.loadAverageAtEnd ? `, at end: ${m.loadAverageAtEnd.map((l) => l.toFixed(2)).join(" / ")}` : "") +
      `  `,
    `Repetitions: ${o.opSamples} samples per operation; ${o.reps} full comparisons per variant (${o.slowReps} for paillier-bigint), ` +
      `interleaved (every variant runs on the same X, Y in each repetition, order rotated).  `,
    `Cells: **median** (min–max). Same key (p, q) for every implementation at each size.`,
    "",
  );

  push("## Targets (full " + o.bitLength + "-bit comparison, 3072-bit n)", "");
  push("| target | measured (ratio of medians; paired per-rep ratios) | result |", "|---|---|---|");
  for (const t of result.targets.filter((t) => t.binding)) push(`| ${t.description} | ${t.measured} | **${t.status}** |`);
  push("", "For information (other sizes, and the nonce-pool variant counting online time only):", "");
  push("| ratio | measured | against the same limit |", "|---|---|---|");
  for (const t of result.targets.filter((t) => !t.binding)) push(`| ${t.description} | ${t.measured} | ${t.status} |`);
  push("");
  if (result.mismatches > 0) push(`**${result.mismatches} correctness mismatches** — see the JSON.`, "");
  else push("Correctness: every implementation's answer (relation and index) matched the plaintext comparison in every repetition, and every operation sample decrypted to the expected value.", "");

  push("## Full comparison", "");
  push(
    `B encrypts x_i, y_i, x_i⊕y_i (${3 * o.bitLength} encryptions); A computes both z vectors ` +
      `(${o.bitLength} negations of Enc(y_i)); B decrypts ` +
      (o.decrypt === "both"
        ? `both vectors (${2 * o.bitLength} decryptions: A sends Enc(z_i) for (1) and (2), Table III step 4, and B decrypts what it receives, Table IV).`
        : `vector (1) only (${o.bitLength} decryptions; z(2)_i = z(1)_i − 2).`) +
      ` "online" = encrypt + compute + decrypt (everything after X and Y are known); "offline" = nonce-pool precomputation done beforehand.`,
    "",
  );
  for (const bits of sizes) {
    push(`### ${bits}-bit n`, "");
    push("| variant | n | offline | B encrypts | A computes | B decrypts | **online total** | ops (enc/neg/dec) |", "|---|---|---|---|---|---|---|---|");
    for (const run of result.comparisons.filter((c) => c.bits === bits && c.reps.length > 0)) {
      const r0 = run.reps[0]!;
      const off = phase(run, "offline");
      push(
        `| ${run.label} | ${run.reps.length} | ${off.median > 0 ? cell(off) : "—"} | ${cell(phase(run, "encrypt"))} | ${cell(phase(run, "compute"))} | ${cell(
          phase(run, "decrypt"),
        )} | ${cell(phase(run, "online"))} | ${r0.encryptions}/${r0.negations}/${r0.decryptions} |`,
      );
    }
    const gmp = result.comparisons.find((c) => c.bits === bits && c.variant === GMP);
    if (gmp && gmp.reps.length > 0) {
      const g = summarize(onlineNs(gmp)).median;
      push("", `Online median relative to GMP: ` +
        result.comparisons
          .filter((c) => c.bits === bits && c.reps.length > 0)
          .map((c) => `${c.variant} ${(summarize(onlineNs(c)).median / g).toFixed(3)}×`)
          .join(", "));
    }
    push("");
  }
  push(`![online time of the full comparison](${svgFile})`, "");

  push("## Per operation", "");
  for (const bits of sizes) {
    push(`### ${bits}-bit n`, "");
    push(`| operation | ${impls.map((i) => i.label).join(" | ")} |`, `|---|${impls.map(() => "---").join("|")}|`);
    for (const spec of OPERATIONS) {
      const row = impls.map((i) => {
        const run = result.operations.find((r) => r.bits === bits && r.implementation === i.id && r.operation === spec.name);
        return run ? cell(run.summary) + (run.correct ? "" : " ✗") : "—";
      });
      if (row.some((c) => c !== "—")) push(`| ${spec.label} | ${row.join(" | ")} |`);
    }
    push("");
  }

  push(
    "## How to read this",
    "",
    "- GMP column and paper-exact rows: public-key encryption g^m·r^n mod n² with a fresh r per bit, negation by C^(n−1) mod n² (paper eq. 5), CRT decryption (same m as the paper's eq. 4, whose literal C^λ form is the \"decrypt, paper eq. (4)\" row).",
    "- paillier-bigint is used as its README shows (its own encrypt/decrypt; negation by C^(n−1) through `multiply`).",
    "- This library negates by modular inverse (DESIGN.md; same plaintext as C^(n−1)) and, as key owner B, encrypts with CRT; the pool variant precomputes r^n offline.",
    "- Ratios are computed on online totals. The machine is shared: read the min–max spread and the load average before trusting a small difference.",
    "",
  );
  return lines.join("\n");
}
