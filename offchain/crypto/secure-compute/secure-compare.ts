import { addPlain, subtract } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { assertCiphertext } from "../paillier/assert-ciphertext.js";
import { assertInBounds, assertSigmaBits, DEFAULT_SIGMA_BITS, resolveBound } from "./bounds.js";
import { assertOracle } from "./assert-oracle.js";
import { blindedSign } from "./blinded-sign.js";
import { describe } from "./describe.js";
import { SecureComputeParameterError } from "./errors.js";
import { randomBelow } from "./random-below.js";
import type { ComparisonOracle, EvaluatorOptions, RandomBelow } from "./types.js";

export interface CompareEncryptedParameters extends EvaluatorOptions {
  publicKey: PaillierPublicKey;
  /** Enc(x). */
  a: bigint;
  /** Enc(y). */
  b: bigint;
  oracle: ComparisonOracle;
  /** The caller's promise |x|, |y| ≤ bound; ≤ maxAbsValue(publicKey, sigmaBits) (the default). */
  bound?: bigint;
}

export interface CompareWithPublicParameters extends EvaluatorOptions {
  publicKey: PaillierPublicKey;
  /** Enc(x). */
  a: bigint;
  /** A public integer in [−bound, bound]. */
  threshold: bigint;
  oracle: ComparisonOracle;
  /** The caller's promise |x| ≤ bound; ≤ maxAbsValue(publicKey, sigmaBits) (the default). */
  bound?: bigint;
}

function resolveOptions(publicKey: PaillierPublicKey, oracle: unknown, { sigmaBits = DEFAULT_SIGMA_BITS, random = randomBelow }: EvaluatorOptions) {
  assertSigmaBits(sigmaBits);
  assertOracle(oracle);
  if (typeof random !== "function") {
    throw new SecureComputeParameterError({ parameter: "random", expected: "a function (bound) => bigint", actual: describe(random) });
  }
  return { publicKey, sigmaBits, random: random as RandomBelow };
}

/**
 * The evaluator's secure comparison: x ≥ y for Enc(x), Enc(y), learning only that bit.
 * One query to the key holder (see blindedSign): d = Enc(x − y), blinded and sign-flipped.
 * Exact for x, y ∈ [−bound, bound] with bound ≤ maxAbsValue(publicKey, sigmaBits).
 */
export async function compareEncrypted({ publicKey, a, b, oracle, bound, ...options }: CompareEncryptedParameters): Promise<boolean> {
  const resolved = resolveOptions(publicKey, oracle, options);
  resolveBound(publicKey, bound, resolved.sigmaBits);
  const difference = subtract({ publicKey, a, b });
  return blindedSign({ ...resolved, difference, oracle });
}

/** x ≥ threshold for Enc(x) and a public integer threshold (same protocol, d = Enc(x − threshold)). */
export async function compareWithPublic({ publicKey, a, threshold, oracle, bound, ...options }: CompareWithPublicParameters): Promise<boolean> {
  const resolved = resolveOptions(publicKey, oracle, options);
  const checkedBound = resolveBound(publicKey, bound, resolved.sigmaBits);
  assertInBounds(threshold, checkedBound, "threshold");
  assertCiphertext(publicKey, a, "a");
  const difference = addPlain({ publicKey, c: a, m: -threshold });
  return blindedSign({ ...resolved, difference, oracle });
}
