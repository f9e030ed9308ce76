import { PaillierNoncePoolError } from "./errors.js";
import type { PaillierPublicKey } from "./types.js";

/**
 * Precomputed encryption factors r^n mod n² for one public key (see createNoncePool).
 * Each factor is handed out once: take() removes it, so no two ciphertexts share a nonce.
 * Exported from the module as a type only; build pools with createNoncePool.
 */
export class PaillierNoncePool {
  readonly publicKey: PaillierPublicKey;
  readonly #factors: bigint[];

  constructor(publicKey: PaillierPublicKey, factors: bigint[]) {
    this.publicKey = publicKey;
    this.#factors = factors;
  }

  /** Factors left. */
  get remaining(): number {
    return this.#factors.length;
  }

  /** Removes and returns one factor r^n mod n². Throws PaillierNoncePoolError when empty. */
  take(): bigint {
    const factor = this.#factors.pop();
    if (factor === undefined) {
      throw new PaillierNoncePoolError({ reason: "the pool is empty (every precomputed nonce was used once)" });
    }
    return factor;
  }
}
