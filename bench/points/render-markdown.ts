import { summarize, type Summary } from "../paillier/stats.js";
import type { ProtocolRun } from "./protocol.js";
import { summarizeProtocol, summarizeToolkit, type PointsBenchResult, type ProtocolSummary } from "./results.js";

const ms = (x: number): string => {
  if (!Number.isFinite(x)) return "—";
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  return `${x < 10 ? x.toFixed(2) : x < 100 ? x.toFixed(1) : x.toFixed(0)} ms`;
};
const int = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString("en-US") : "—");
/** **median** (min–max), or the single value when every sample agreed. */
const cell = (s: Summary, format: (x: number) => string = ms): string => {
  if (s.n === 0) return "—";
  return s.min === s.max ? format(s.median) : `**${format(s.median)}** (${format(s.min)}–${format(s.max)})`;
};
const pct = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(0)} %`;
const WORKLOAD_NAMES: Record<string, string> = {
  "tier-mallory": "tier, Mallory 2600 + 3200",
  "tier-random": "tier, two random amounts < 8000",
  "formula-random": "formula F(A, B), random A < 5000, B < 1200",
};

function protocolOf(run: ProtocolRun, kind: "tier" | "formula"): ProtocolSummary {
  return summarizeProtocol(run.samples.filter((s) => s.kind === kind));
}

export function renderMarkdown(r: PointsBenchResult): string {
  const m = r.machine;
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  const n = r.options.samples;

  push(`# Points benchmark — ${r.startedAt.slice(0, 16).replace("T", " ")} UTC`, "");
  push(
    "Hu et al.'s points computations under Paillier encryption: the membership tier (Σ of two issuers' encrypted points against 2000 / 5000 / 10000, §2.3) and " +
      "the formula F(A, B) = max(min(max(37A, 150B), 150000), 50000) (§4), each comparison one blinded query to the key holder, who answers one bit. " +
      `Measured twice: with the secure-compute toolkit and an in-process key holder (pure crypto), and end to end through the points protocol (the MPC platform's libp2p requests to the key holder's Helia node, documents in the members' nodes, the LoyaltyLedger on ${r.chain}). ` +
      `Cells: **median** (min–max) of ${n} samples after one unreported warm-up per computation and size; a single number when every sample agreed. ` +
      "Samples are interleaved: each round runs the three toolkit computations, then the protocol's tier and formula, so a burst of load from other work hits all of them.",
    "",
    `Command: \`${r.command}\` — ${r.durationSeconds.toFixed(0)} s.  `,
    `Machine: ${m.cpuModel}, ${m.cpus} CPUs, ${m.platform}; Node ${m.node}, OpenSSL ${m.openssl}; commit ${m.gitCommit ?? "?"}.  `,
    `Load average (1/5/15 min) at start ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(" / ")}` +
      (m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.map((l) => l.toFixed(2)).join(" / ")}` : "") +
      ` (above ${m.cpus}, other work competed for the CPUs: compare shares, not absolute times).`,
    "",
    r.allCorrect
      ? "Correctness: every computation (warm-ups included) matched the plaintext: the tier, the decrypted encrypted total, the ledger's current tier, the formula as decrypted (toolkit) or as read by the requester (protocol)."
      : "**Some computations did not match the plaintext — see `correct: false` in the JSON.**",
    "",
  );

  push("## Key generation", "");
  push(`\`generatePaillierKeyPair({ bits })\` (what \`registerPointsKey\` pays first), ${r.options.keygenSamples === 1 ? "one sample per size" : `${r.options.keygenSamples} samples per size`}; prime generation time varies a lot from key to key.`, "");
  push("| bits | key generation | `registerPointsKey` (generation + Helia put/pin + `registerKeyHolder` + sealing; 1 sample) | `registerKeyHolder` gas |", "|---:|---:|---:|---:|");
  for (const k of r.keyGeneration) {
    const p = r.protocol.find((x) => x.bits === k.bits);
    push(`| ${k.bits} | ${cell(summarize(k.ms))} | ${p ? ms(p.registerKeyMs) : "—"} | ${p ? int(p.registerKeyGas) : "—"} |`);
  }
  push("");

  push("## 1. Toolkit, in-process key holder (pure crypto)", "");
  push(
    "`computeTier` / `evaluateFormula` with `createComparisonOracle` wrapped to time the key holder's `answer()` (decrypt, sign) and count what crosses. " +
      "MPC side = total − key holder (homomorphic sum or scalings, per comparison: blinding r·d + r′, re-randomisation r^n; per select: re-randomisation; the tier's final re-randomised total). " +
      "Each query is one ciphertext (< n², 2·bits/8 bytes); each answer is one bit; nothing else goes back. The issuers' encryption of their amounts is not in the total.",
    "",
  );
  for (const bits of r.options.bits) {
    push(`### ${bits}-bit n`, "");
    push("| computation | total | MPC side | key holder | comparisons | ciphertexts → key holder | answers ← (bits) | ciphertext bytes → | issuer: encrypt one amount |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const run of r.toolkit.filter((t) => t.bits === bits)) {
      const s = summarizeToolkit(run.samples);
      push(`| ${WORKLOAD_NAMES[run.workload]} | ${cell(s.totalMs)} | ${cell(s.mpcMs)} | ${cell(s.keyHolderMs)} | ${cell(s.comparisons, int)} | ${cell(s.ciphertextsSent, int)} | ${cell(s.answerBits, int)} | ${cell(s.ciphertextBytesNominal, int)} | ${cell(s.encryptMsPerInput)} |`);
    }
    push("");
  }

  push("## 2. Protocol end to end (libp2p between Helia nodes, LoyaltyLedger in-process)", "");
  push(
    "Per sample: the brand and the platform each `issuePoints` a fresh encrypted amount, the key holder `authorizeComputation`s the MPC (one-use), then the timed call — " +
      "`computeTierForAuthorization` or `evaluateFormulaForAuthorization` by the MPC — and for the formula `readFormulaResult` by the requester (timed separately). " +
      "Tier samples: Mallory's 2600 + 3200 first, then random amounts; formula samples: random A, B. " +
      "The MPC fetches the two issuance documents (one ciphertext each) from the issuers' nodes and reads the key document, sends the key holder one ciphertext per comparison over libp2p and gets one bit back for each; " +
      "the formula adds a reveal (one more ciphertext, Enc(F + m), answered with F + m sealed to the requester in an ECIES envelope). " +
      "Then the MPC stores its evidence (tier: the re-randomised encrypted total, one ciphertext) or result document (formula: two envelopes) in its node and posts its CID and hash on the ledger. " +
      "Oracle bodies are JSON with the ciphertext in hex (about twice its binary size).",
    "",
  );
  for (const bits of r.options.bits) {
    const run = r.protocol.find((p) => p.bits === bits);
    if (run === undefined) continue;
    const tier = protocolOf(run, "tier");
    const formula = protocolOf(run, "formula");
    push(`### ${bits}-bit n`, "");
    push("| computation | wall (MPC call) | comparisons | ciphertexts → key holder | oracle request / response bodies | documents the MPC read (2 issuances + the public key) | requester's `readFormulaResult` |", "|---|---:|---:|---:|---:|---:|---:|");
    for (const [name, s] of [["tier", tier], ["formula", formula]] as const) {
      push(`| ${name} | ${cell(s.wallMs)} | ${cell(s.comparisons, int)} | ${cell(s.ciphertextsSent, int)} | ${cell(s.oracleBytesSent, int)} B / ${cell(s.oracleBytesReceived, int)} B | ${cell(s.contentBytesFetched, int)} B | ${name === "formula" ? cell(s.readMs) : "—"} |`);
    }
    push("");
    push("Where the wall time went (medians; each column's samples are taken separately, so they need not add up exactly):", "");
    push("| computation | MPC chain reads (count) | post tx (send + mine) | MPC Helia (dial, 3 gets: 2 issuances over bitswap + the key, held locally; put + pin) | oracle round trips (count) | — key holder's handler | — of which its chain reads | — libp2p transport | MPC crypto and the rest |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (const [name, s] of [["tier", tier], ["formula", formula]] as const) {
      push(`| ${name} | ${ms(s.mpcChainReadsMs.median)} (${int(s.mpcChainReads.median)}) | ${ms(s.mpcTransactionMs.median)} | ${ms(s.mpcContentMs.median)} | ${ms(s.oracleRoundTripMs.median)} (${int(s.oracleRequests.median)}) | ${ms(s.keyHolderHandlerMs.median)} | ${ms(s.keyHolderChainMs.median)} | ${ms(s.transportMs.median)} | ${ms(s.mpcRestMs.median)} |`);
    }
    push("");
    const ref = run.keyHolderReference;
    push(
      `Key holder's work measured on its own (${ref.loadPointsKeyMs.length} samples): \`loadPointsKey\` (read the sealed file, open the envelope, rebuild the key; the oracle service does it once per key id and keeps the key) ${cell(summarize(ref.loadPointsKeyMs))}, ` +
        `of which \`privateKeyFromJson\` (Miller–Rabin on both primes, CRT constants) ${cell(summarize(ref.privateKeyFromJsonMs))}; one \`decrypt\` with the freshly loaded key ${cell(summarize(ref.decryptMs))}. ` +
        `Every query costs one decryption.`,
      "",
    );
  }

  push("### Gas (from receipts)", "");
  push(`| transaction | ${r.options.bits.map((b) => `${b} bits`).join(" | ")} |`, `|---|${r.options.bits.map(() => "---:").join("|")}|`);
  const gasRow = (name: string, pick: (run: ProtocolRun) => Summary) =>
    push(`| ${name} | ${r.options.bits.map((b) => { const run = r.protocol.find((p) => p.bits === b); return run ? cell(pick(run), int) : "—"; }).join(" | ")} |`);
  gasRow("`issuePoints` (per issuance)", (run) => summarizeProtocol(run.samples).issueGas);
  gasRow("`authorizeComputation` (2 issuances)", (run) => summarizeProtocol(run.samples).authorizeGas);
  gasRow("`postTier`", (run) => protocolOf(run, "tier").postGas);
  gasRow("`postFormulaResult`", (run) => protocolOf(run, "formula").postGas);
  gasRow("`registerKeyHolder` (1 sample; the first size registers the member's first key, each later size replaces it)", (run) => summarize([run.registerKeyGas]));
  push(
    "",
    "The warm-ups (not in the table) paid the first-time storage of this consumer's issuance list and tier history; the JSON keeps their figures. " +
      "Gas does not depend on the key size: only CIDs and hashes go on chain.",
    "",
  );
  push("### Around each computation", "");
  push(`| step | ${r.options.bits.map((b) => `${b} bits`).join(" | ")} |`, `|---|${r.options.bits.map(() => "---:").join("|")}|`);
  const timeRow = (name: string, pick: (s: ProtocolSummary) => Summary) =>
    push(`| ${name} | ${r.options.bits.map((b) => { const run = r.protocol.find((p) => p.bits === b); return run ? cell(pick(summarizeProtocol(run.samples))) : "—"; }).join(" | ")} |`);
  timeRow("`issuePoints` (encrypt, Helia put + pin, tx)", (s) => s.issueMs);
  timeRow("`authorizeComputation` (tx)", (s) => s.authorizeMs);
  push("");

  push("## Notes", "");
  for (const bits of r.options.bits) {
    const run = r.protocol.find((p) => p.bits === bits);
    if (run === undefined) continue;
    for (const [kind, workload] of [["tier", "tier-random"], ["formula", "formula-random"]] as const) {
      const p = protocolOf(run, kind);
      const toolkit = r.toolkit.find((t) => t.bits === bits && t.workload === workload);
      if (toolkit === undefined) continue;
      const t = summarizeToolkit(toolkit.samples);
      const wall = p.wallMs.median;
      const cryptoShare = t.totalMs.median;
      push(
        `- ${bits} bits, ${kind}: the pure crypto (toolkit total, ${ms(cryptoShare)}) is ${pct(cryptoShare, wall)} of the protocol's ${ms(wall)}. ` +
          `The rest: chain (MPC reads ${ms(p.mpcChainReadsMs.median)}, post tx ${ms(p.mpcTransactionMs.median)}, key holder's reads ${ms(p.keyHolderChainMs.median)}), ` +
          `Helia ${ms(p.mpcContentMs.median)}, libp2p transport ${ms(p.transportMs.median)} over ${int(p.oracleRequests.median)} round trips, ` +
          `and the key holder's handler (${ms(p.keyHolderHandlerMs.median)} in all, its decryptions included).`,
      );
    }
  }
  for (const run of r.protocol) {
    const perQuery = summarize(run.samples.map((s) => s.split.keyHolderHandlerMs / s.split.oracleRequests));
    // The warm key's decryption per query is the toolkit's key-holder time per comparison (the
    // reference decrypt above runs on a freshly loaded key, whose first decryption costs more).
    const toolkit = r.toolkit.find((t) => t.bits === run.bits && t.workload === "tier-random");
    const t = toolkit === undefined ? undefined : summarizeToolkit(toolkit.samples);
    const dec = t === undefined ? summarize(run.keyHolderReference.decryptMs).median : t.keyHolderMs.median / t.comparisons.median;
    push(
      `- ${run.bits} bits, key holder: its handler took ${cell(perQuery)} per query, against ${ms(dec)} for the decryption and sign with a warm key (toolkit): ` +
        `the rest is its ledger checks (authorisation, expiry, the MPC's peer) and the budget file. The opened key is kept per key id, so \`loadPointsKey\` (${ms(summarize(run.keyHolderReference.loadPointsKeyMs).median)}) is paid by a key's first query only (the warm-up here).`,
    );
  }
  const cold = r.protocol.flatMap((run) => run.warmUp.map((w) => `${run.bits}-bit ${w.kind} ${ms(w.wallMs)}`));
  push(`- Warm-ups (first computation of each kind at each size, not in the tables): ${cold.join(", ")}. The very first one also dialled the issuers and the key holder.`);
  push("- Everything (chain, six Helia nodes, the MPC, the key holder) runs in one Node process: a libp2p round trip here is two hops through the same event loop, not a network. Bodies are counted without libp2p framing (length prefix, yamux, Noise).");
  push("");
  return lines.join("\n");
}
