import { describeValue } from "./describe-value.js";
import { PaillierPlaintextRangeError } from "./errors.js";
import type { PaillierPublicKey } from "./types.js";

/** Checks a plaintext m ∈ Z_n: a bigint with 0 ≤ m < n. The message never shows m. */
export function assertPlaintext(publicKey: PaillierPublicKey, m: unknown, parameter: string): asserts m is bigint {
  if (typeof m !== "bigint" || m < 0n || m >= publicKey.n) {
    throw new PaillierPlaintextRangeError({
      parameter,
      expected: `a bigint in [0, n) (n has ${publicKey.bits} bits)`,
      actual: typeof m === "bigint" && m >= publicKey.n ? "a bigint ≥ n" : describeValue(m),
    });
  }
}
