import { PaillierKeyError } from "./errors.js";
import { issuedPrivateKeys } from "./issued-keys.js";
import type { PaillierPrivateKey } from "./types.js";

/** Checks that `privateKey` was built (and validated) by this module. */
export function assertPrivateKey(privateKey: unknown): asserts privateKey is PaillierPrivateKey {
  if (typeof privateKey !== "object" || privateKey === null || !issuedPrivateKeys.has(privateKey)) {
    throw new PaillierKeyError({
      reason:
        "expected a private key from generatePaillierKeyPair, privateKeyFromPrimes, privateKeyFromJson or fromPaillierBigint, " +
        `got ${privateKey === null ? "null" : typeof privateKey === "object" ? "another object" : `a ${typeof privateKey}`}`,
    });
  }
}
