import { multiplyPlain } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { assertInBounds, DEFAULT_SIGMA_BITS, maxAbsValue, resolveBound } from "./bounds.js";
import { describe } from "./describe.js";
import { SecureComputeBoundsError, SecureComputeParameterError } from "./errors.js";

export interface MultiplyByConstantParameters {
  publicKey: PaillierPublicKey;
  /** Enc(x). */
  c: bigint;
  /** Public integer, may be negative. */
  k: bigint;
  /**
   * The caller's promise |x| ≤ inputBound. The plaintext is hidden, so only this promise lets
   * the product be checked: |k|·inputBound must stay ≤ maxAbsValue(publicKey, sigmaBits).
   */
  inputBound: bigint;
  sigmaBits?: number;
}

/**
 * Enc(k·x) = Enc(x)^k mod n² (square-and-multiply: the paper's "addition based on the fast
 * power"). The nonce is c's raised to k (k = 0 gives the constant 1): the result is an
 * intermediate value; select / the comparison re-randomise before anything is sent.
 */
export function multiplyByConstant({ publicKey, c, k, inputBound, sigmaBits = DEFAULT_SIGMA_BITS }: MultiplyByConstantParameters): bigint {
  const max = maxAbsValue(publicKey, sigmaBits);
  if (inputBound === undefined) {
    throw new SecureComputeParameterError({ parameter: "inputBound", expected: "a positive bigint", actual: describe(inputBound) });
  }
  resolveBound(publicKey, inputBound, sigmaBits, "inputBound");
  assertInBounds(k, max, "k");
  const magnitude = k < 0n ? -k : k;
  if (magnitude * inputBound > max) {
    throw new SecureComputeBoundsError({ what: `k·inputBound (k = ${k}, inputBound = ${inputBound})`, value: k * inputBound, bound: max });
  }
  return multiplyPlain({ publicKey, c, k });
}
