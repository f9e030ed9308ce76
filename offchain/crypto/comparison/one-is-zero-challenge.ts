import { createHash } from "node:crypto";
import type { PaillierPublicKey } from "../paillier/index.js";

const DOMAIN = "sealedchain/comparison/one-is-zero/v1";

/**
 * Challenge length t in bits. Special soundness of the n-th-residuosity proof needs every
 * challenge difference to be invertible mod n, i.e. 2^t < min(p, q) (Damgård & Jurik, PKC
 * 2001, §5); for balanced primes of ⌊|n|/2⌋ bits, t = ⌊|n|/2⌋ − 2 is safe. Capped at 128.
 */
export function challengeBits({ n }: PaillierPublicKey): number {
  return Math.min(128, Math.floor(n.toString(2).length / 2) - 2);
}

function fixedWidth(value: bigint, bytes: number): Buffer {
  return Buffer.from(value.toString(16).padStart(bytes * 2, "0"), "hex");
}

/**
 * Fiat–Shamir challenge: SHA-256 over a domain tag, the label (which vector), n, every
 * statement ciphertext and every commitment (fixed width = |n²| bytes), reduced mod 2^t.
 */
export function oneIsZeroChallenge(
  publicKey: PaillierPublicKey,
  label: string,
  ciphertexts: readonly bigint[],
  commitments: readonly bigint[],
): bigint {
  const width = Math.ceil(publicKey.n2.toString(16).length / 2);
  const hash = createHash("sha256");
  hash.update(`${DOMAIN}\0${label}\0${ciphertexts.length}\0`, "utf8");
  hash.update(fixedWidth(publicKey.n, width));
  for (const c of ciphertexts) hash.update(fixedWidth(c, width));
  for (const a of commitments) hash.update(fixedWidth(a, width));
  const digest = BigInt(`0x${hash.digest("hex")}`);
  return digest & ((1n << BigInt(challengeBits(publicKey))) - 1n);
}
