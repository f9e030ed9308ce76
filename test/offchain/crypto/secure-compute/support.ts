import { randomInt } from "node:crypto";
import { encrypt, decrypt, type PaillierPrivateKey, type PaillierPublicKey } from "../../../../offchain/crypto/index.js";
import { toSigned } from "../../../../offchain/crypto/secure-compute/index.js";
import { randomBelow } from "../../../helpers/paillier-keys.js";

/** Enc(x) for a signed x (negative x encrypted as n + x). */
export function encryptSigned(publicKey: PaillierPublicKey, x: bigint): bigint {
  return encrypt({ publicKey, m: x < 0n ? x + publicKey.n : x });
}

/** Dec(c) read as a signed integer. */
export function decryptSigned(privateKey: PaillierPrivateKey, c: bigint): bigint {
  return toSigned(decrypt({ privateKey, c }), privateKey.publicKey.n);
}

/** A random integer in [−bound, bound], uniform. */
export function randomSigned(bound: bigint): bigint {
  return randomBelow(2n * bound + 1n) - bound;
}

/**
 * A random value of a random scale in [−bound, bound]: small (|x| ≤ 20), medium (≤ 10^6) or
 * anywhere, so that near-ties and huge differences are both exercised.
 */
export function randomValue(bound: bigint): bigint {
  const scale = randomInt(0, 3);
  const limit = scale === 0 ? 20n : scale === 1 ? 1_000_000n : bound;
  return randomSigned(limit < bound ? limit : bound);
}

/** A pair (x, y) with ties and neighbours (y = x ± 1) over-represented. */
export function randomPair(bound: bigint): [bigint, bigint] {
  const x = randomValue(bound);
  const kind = randomInt(0, 5);
  if (kind === 0) return [x, x];
  if (kind === 1 && x < bound) return [x, x + 1n];
  if (kind === 2 && x > -bound) return [x, x - 1n];
  return [x, randomValue(bound)];
}
