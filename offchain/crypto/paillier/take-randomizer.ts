import { assertNonce } from "./assert-nonce.js";
import { PaillierNoncePoolError, PaillierParameterError } from "./errors.js";
import { PaillierNoncePool } from "./nonce-pool.js";
import { randomUnit } from "./random-unit.js";
import type { PaillierPublicKey } from "./types.js";

export interface TakeRandomizerParameters {
  publicKey: PaillierPublicKey;
  r: unknown;
  pool: unknown;
  /** r ↦ r^n mod n² */
  power: (r: bigint) => bigint;
}

/**
 * The factor r^n mod n² an encryption multiplies in: from the pool (one entry, removed), from
 * the caller's r (checked ∈ Z*_n), or from a fresh random r ∈ Z*_n.
 */
export function takeRandomizer({ publicKey, r, pool, power }: TakeRandomizerParameters): bigint {
  if (pool !== undefined) {
    if (r !== undefined) {
      throw new PaillierParameterError({ parameter: "r and pool", expected: "at most one of them", actual: "both" });
    }
    if (!(pool instanceof PaillierNoncePool)) {
      throw new PaillierParameterError({ parameter: "pool", expected: "a pool from createNoncePool", actual: "another value" });
    }
    if (pool.publicKey.n !== publicKey.n) {
      throw new PaillierNoncePoolError({ reason: "it was made for another public key" });
    }
    return pool.take();
  }
  if (r === undefined) {
    return power(randomUnit(publicKey.n));
  }
  assertNonce(publicKey, r, "r");
  return power(r);
}
