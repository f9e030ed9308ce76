import { describe } from "./describe.js";
import { SecureComputeParameterError } from "./errors.js";

/**
 * Reads a decrypted residue m ∈ [0, n) as a signed integer in [−(n−1)/2, (n−1)/2] (n odd):
 * residues above (n−1)/2 stand for m − n. Paillier decrypts mod n, so Enc(−5) decrypts to n − 5.
 */
export function toSigned(m: bigint, n: bigint): bigint {
  if (typeof n !== "bigint" || n < 3n || n % 2n === 0n) {
    throw new SecureComputeParameterError({ parameter: "n", expected: "an odd bigint ≥ 3", actual: describe(n) });
  }
  if (typeof m !== "bigint" || m < 0n || m >= n) {
    throw new SecureComputeParameterError({ parameter: "m", expected: "a bigint in [0, n)", actual: typeof m === "bigint" ? (m < 0n ? "a negative bigint" : "a bigint ≥ n") : describe(m) });
  }
  return m > (n - 1n) / 2n ? m - n : m;
}
