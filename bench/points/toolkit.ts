import { computeTier, createComparisonOracle, decrypt, encrypt, evaluateFormula, toSigned, type PaillierKeyPair } from "../../offchain/crypto/index.js";
import { expectedFormula, expectedTier, MALLORY_AMOUNTS, randomFormulaInputs, randomTierAmounts } from "./formula.js";
import { timedOracle } from "./timed-oracle.js";

export type ToolkitWorkload = "tier-mallory" | "tier-random" | "formula-random";
export const TOOLKIT_WORKLOADS: readonly ToolkitWorkload[] = ["tier-mallory", "tier-random", "formula-random"];

export interface ToolkitSample {
  inputs: string[];
  expected: string;
  got: string;
  correct: boolean;
  /** The issuers' side, not part of the computation: one encryption per input, averaged. */
  encryptMsPerInput: number;
  totalMs: number;
  /** totalMs minus the time inside the key holder's answer(). */
  mpcMs: number;
  keyHolderMs: number;
  comparisons: number;
  ciphertextsSent: number;
  answerBits: number;
  /** ciphertextsSent × 2·bits/8: the size of a ciphertext mod n². */
  ciphertextBytesNominal: number;
  /** The same ciphertexts' actual byte lengths (a few may be a byte shorter). */
  ciphertextBytesActual: number;
}

function inputsFor(workload: ToolkitWorkload): bigint[] {
  if (workload === "tier-mallory") return [...MALLORY_AMOUNTS];
  return workload === "tier-random" ? randomTierAmounts() : randomFormulaInputs();
}

/** One computation with the toolkit and the in-process key holder; checked against the plaintext. */
export async function toolkitSample(keyPair: PaillierKeyPair, bits: number, workload: ToolkitWorkload): Promise<ToolkitSample> {
  const { publicKey, privateKey } = keyPair;
  const inputs = inputsFor(workload);
  const e0 = performance.now();
  const ciphertexts = inputs.map((m) => encrypt({ publicKey, m }));
  const encryptMsPerInput = (performance.now() - e0) / inputs.length;
  const timed = timedOracle(createComparisonOracle({ privateKey, publicKey }));

  // totalMs covers the computation call only; the checks below (decryptions) are not timed.
  let totalMs: number, comparisons: number, ciphertextsSent: number, expected: bigint, got: bigint;
  const start = performance.now();
  if (workload === "formula-random") {
    const result = await evaluateFormula({ publicKey, encA: ciphertexts[0]!, encB: ciphertexts[1]!, oracle: timed.oracle });
    totalMs = performance.now() - start;
    ({ comparisons, ciphertextsSent } = result);
    expected = expectedFormula(inputs[0]!, inputs[1]!);
    got = toSigned(decrypt({ privateKey, c: result.result }), publicKey.n);
  } else {
    const result = await computeTier({ publicKey, encryptedPoints: ciphertexts, oracle: timed.oracle });
    totalMs = performance.now() - start;
    ({ comparisons, ciphertextsSent } = result);
    expected = BigInt(expectedTier(inputs));
    got = BigInt(result.tier);
    // The encrypted total must be the sum too (it is what the MPC hands on).
    if (toSigned(decrypt({ privateKey, c: result.encryptedTotal }), publicKey.n) !== inputs.reduce((s, a) => s + a, 0n)) got = -1n;
  }
  const tally = timed.tally();
  return {
    inputs: inputs.map(String),
    expected: expected.toString(),
    got: got.toString(),
    correct: expected === got,
    encryptMsPerInput,
    totalMs,
    mpcMs: totalMs - tally.keyHolderMs,
    keyHolderMs: tally.keyHolderMs,
    comparisons,
    ciphertextsSent,
    answerBits: tally.answerBits,
    ciphertextBytesNominal: ciphertextsSent * ((2 * bits) / 8),
    ciphertextBytesActual: tally.ciphertextBytes,
  };
}

/** One workload at one size: its unreported warm-up (JIT) and its samples. */
export interface ToolkitRun {
  bits: number;
  workload: ToolkitWorkload;
  warmUp: ToolkitSample;
  samples: ToolkitSample[];
}
