import { assertKeySize } from "./assert-key-size.js";
import { bitLength } from "./bit-length.js";
import { buildPublicKey } from "./build-public-key.js";
import { describeValue } from "./describe-value.js";
import { PaillierKeyError } from "./errors.js";
import type { PaillierPublicKey } from "./types.js";

export interface PublicKeyFromNParameters {
  n: bigint;
  /** Allow n below 2048 bits (≥ 16): tests and the paper's demo key only. */
  allowInsecureKeySize?: boolean;
}

/**
 * The public key (g = n + 1) of a modulus n received from someone else. Checks what can be
 * checked without the factors: n is an odd bigint of allowed size. (That n is a product of two
 * large primes is the key owner's promise.)
 */
export function publicKeyFromN({ n, allowInsecureKeySize = false }: PublicKeyFromNParameters): PaillierPublicKey {
  if (typeof n !== "bigint" || n < 3n || (n & 1n) === 0n) {
    throw new PaillierKeyError({
      reason: `n: expected an odd bigint (a product of two odd primes), got ${typeof n === "bigint" && n >= 3n ? "an even bigint" : describeValue(n)}`,
    });
  }
  assertKeySize(bitLength(n), allowInsecureKeySize);
  return buildPublicKey(n);
}
