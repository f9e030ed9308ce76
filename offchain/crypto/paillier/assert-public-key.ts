import { PaillierKeyError } from "./errors.js";
import { issuedPublicKeys } from "./issued-keys.js";
import type { PaillierPublicKey } from "./types.js";

/** Checks that `publicKey` was built (and validated) by this module. */
export function assertPublicKey(publicKey: unknown): asserts publicKey is PaillierPublicKey {
  if (typeof publicKey !== "object" || publicKey === null || !issuedPublicKeys.has(publicKey)) {
    throw new PaillierKeyError({
      reason:
        "expected a public key from publicKeyFromN, publicKeyFromJson, generatePaillierKeyPair or fromPaillierBigint, " +
        `got ${publicKey === null ? "null" : typeof publicKey === "object" ? "another object" : `a ${typeof publicKey}`}`,
    });
  }
}
