import { addPlain } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { assertSigmaBits, DEFAULT_SIGMA_BITS, maxAbsValue, resolveBound } from "./bounds.js";
import { countingOracle } from "./counting-oracle.js";
import { SecureComputeBoundsError } from "./errors.js";
import { maxEncrypted } from "./max-min.js";
import { multiplyByConstant } from "./multiply-by-constant.js";
import { compareWithPublic } from "./secure-compare.js";
import { selectEncrypted } from "./select.js";
import type { ComparisonOracle, EvaluatorOptions } from "./types.js";

/** Hu et al. §4.1 step 3: F(A, B) = max(min(max(37·A, 150·B), 150000), 50000). */
export const FORMULA = Object.freeze({ weightA: 37n, weightB: 150n, cap: 150_000n, floor: 50_000n });

export interface EvaluateFormulaParameters extends EvaluatorOptions {
  publicKey: PaillierPublicKey;
  /** Enc(A), from the brand. */
  encA: bigint;
  /** Enc(B), from the other data holder. */
  encB: bigint;
  oracle: ComparisonOracle;
  /** The data holders' promise |A|, |B| ≤ inputBound; default ⌊maxAbsValue / 150⌋ (the largest allowed). */
  inputBound?: bigint;
}

export interface EvaluateFormulaResult {
  /** Enc(F(A, B)), re-randomised. */
  result: bigint;
  /** Secure comparisons run (always 3: max_op1, min_op2, max_op3). */
  comparisons: number;
  /** Ciphertexts sent to the key holder (one blinded query per comparison). */
  ciphertextsSent: number;
  /** Ciphertexts received from the key holder: 0 — it answers each query with one bit only. */
  ciphertextsReceived: number;
}

/** The trivial encryption (1 + m·n) of a public constant; select re-randomises it before use. */
function constant(publicKey: PaillierPublicKey, m: bigint): bigint {
  return addPlain({ publicKey, c: 1n, m });
}

/**
 * Enc(max(min(max(37A, 150B), 150000), 50000)) following the paper's steps (§4.2, C = 0):
 *   ans1 = max_op1(f(Enc A), g(Enc B)),  ans2 = min_op2(ans1, Enc 150000),  ans3 = max_op3(ans2, Enc 50000).
 * Each op is one secure comparison and a re-randomised select, so the evaluator learns the three
 * outcome bits (as in the paper, where the platform picks) and nothing else; the key holder
 * learns one sign bit per query, each XORed with a coin it does not know.
 */
export async function evaluateFormula({ publicKey, encA, encB, oracle, inputBound, ...options }: EvaluateFormulaParameters): Promise<EvaluateFormulaResult> {
  const sigmaBits = assertSigmaBits(options.sigmaBits ?? DEFAULT_SIGMA_BITS);
  const max = maxAbsValue(publicKey, sigmaBits);
  const inputs = inputBound === undefined ? max / FORMULA.weightB : resolveBound(publicKey, inputBound, sigmaBits, "inputBound");
  // Every compared value lies in [−bound, bound]: 37A, 150B and their max, and the two constants.
  const bound = FORMULA.weightB * inputs > FORMULA.cap ? FORMULA.weightB * inputs : FORMULA.cap;
  if (bound > max) {
    throw new SecureComputeBoundsError({ what: "150·inputBound", value: FORMULA.weightB * inputs, bound: max });
  }
  const counter = countingOracle(oracle);
  const common = { publicKey, oracle: counter.oracle, bound, ...options };

  const fA = multiplyByConstant({ publicKey, c: encA, k: FORMULA.weightA, inputBound: inputs, sigmaBits });
  const gB = multiplyByConstant({ publicKey, c: encB, k: FORMULA.weightB, inputBound: inputs, sigmaBits });
  const ans1 = await maxEncrypted({ ...common, a: fA, b: gB });

  const belowCap = !(await compareWithPublic({ ...common, a: ans1, threshold: FORMULA.cap }));
  const ans2 = selectEncrypted({ publicKey, condition: belowCap, ifTrue: ans1, ifFalse: constant(publicKey, FORMULA.cap) });

  const aboveFloor = await compareWithPublic({ ...common, a: ans2, threshold: FORMULA.floor });
  const ans3 = selectEncrypted({ publicKey, condition: aboveFloor, ifTrue: ans2, ifFalse: constant(publicKey, FORMULA.floor) });

  return { result: ans3, comparisons: counter.count(), ciphertextsSent: counter.count(), ciphertextsReceived: 0 };
}
