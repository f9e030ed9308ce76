import { describeValue } from "./describe-value.js";
import { PaillierNonceError } from "./errors.js";
import { gcd } from "./gcd.js";
import type { PaillierPublicKey } from "./types.js";

/** Checks a nonce r ∈ Z*_n: a bigint with 0 < r < n and gcd(r, n) = 1. */
export function assertNonce(publicKey: PaillierPublicKey, r: unknown, parameter: string): asserts r is bigint {
  if (typeof r !== "bigint") {
    throw new PaillierNonceError({ parameter, actual: describeValue(r) });
  }
  if (r <= 0n || r >= publicKey.n) {
    throw new PaillierNonceError({ parameter, actual: r <= 0n ? "a bigint ≤ 0" : "a bigint ≥ n" });
  }
  if (gcd(publicKey.n, r) !== 1n) {
    throw new PaillierNonceError({ parameter, actual: "a bigint sharing a factor with n" });
  }
}
