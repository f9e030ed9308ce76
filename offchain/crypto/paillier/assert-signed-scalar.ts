import { describeValue } from "./describe-value.js";
import { PaillierPlaintextRangeError } from "./errors.js";
import type { PaillierPublicKey } from "./types.js";

/**
 * Checks a signed plaintext constant k with −n < k < n (addPlain's m, multiplyPlain's k);
 * a negative k stands for n + k. The message never shows k.
 */
export function assertSignedScalar(publicKey: PaillierPublicKey, k: unknown, parameter: string): asserts k is bigint {
  if (typeof k !== "bigint" || k <= -publicKey.n || k >= publicKey.n) {
    throw new PaillierPlaintextRangeError({
      parameter,
      expected: `a bigint in (−n, n) (n has ${publicKey.bits} bits)`,
      actual: typeof k === "bigint" ? (k > 0n ? "a bigint ≥ n" : "a bigint ≤ −n") : describeValue(k),
    });
  }
}
