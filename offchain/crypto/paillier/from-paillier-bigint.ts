import { PrivateKey, PublicKey } from "paillier-bigint";
import { PaillierKeyError } from "./errors.js";
import { privateKeyFromPrimes } from "./private-key-from-primes.js";
import { publicKeyFromN } from "./public-key-from-n.js";
import type { PaillierPrivateKey, PaillierPublicKey } from "./types.js";

export type FromPaillierBigintParameters =
  | { publicKey: PublicKey; allowInsecureKeySize?: boolean }
  | { privateKey: PrivateKey; allowInsecureKeySize?: boolean };

function assertSimpleVariant(publicKey: PublicKey): void {
  if (!(publicKey instanceof PublicKey) || typeof publicKey.n !== "bigint" || publicKey.g !== publicKey.n + 1n) {
    throw new PaillierKeyError({
      reason:
        "expected a paillier-bigint PublicKey with g = n + 1 (generateRandomKeys(bits, true)); " +
        "a random g gives ciphertexts this module cannot read",
    });
  }
}

/**
 * Our key for a paillier-bigint 3.4.3 key object, validated like publicKeyFromN /
 * privateKeyFromPrimes. Only keys with g = n + 1 (its simple variant) are accepted, and private
 * keys must carry their primes p and q (from generateRandomKeys, or given to the constructor).
 */
export function fromPaillierBigint(parameters: { publicKey: PublicKey; allowInsecureKeySize?: boolean }): PaillierPublicKey;
export function fromPaillierBigint(parameters: { privateKey: PrivateKey; allowInsecureKeySize?: boolean }): PaillierPrivateKey;
export function fromPaillierBigint(parameters: FromPaillierBigintParameters): PaillierPublicKey | PaillierPrivateKey {
  const allowInsecureKeySize = parameters.allowInsecureKeySize ?? false;
  if ("privateKey" in parameters) {
    const { privateKey } = parameters;
    if (!(privateKey instanceof PrivateKey)) {
      throw new PaillierKeyError({ reason: "expected a paillier-bigint PrivateKey" });
    }
    assertSimpleVariant(privateKey.publicKey);
    // paillier-bigint keeps the primes in TypeScript-private fields.
    const { _p: p, _q: q } = privateKey as unknown as { _p?: unknown; _q?: unknown };
    if (typeof p !== "bigint" || typeof q !== "bigint") {
      throw new PaillierKeyError({ reason: "the paillier-bigint PrivateKey does not carry its primes p and q" });
    }
    if (p * q !== privateKey.publicKey.n) {
      throw new PaillierKeyError({ reason: "the paillier-bigint PrivateKey's p·q differs from its n" });
    }
    return privateKeyFromPrimes({ p, q, allowInsecureKeySize });
  }
  const { publicKey } = parameters;
  assertSimpleVariant(publicKey);
  return publicKeyFromN({ n: publicKey.n, allowInsecureKeySize });
}
