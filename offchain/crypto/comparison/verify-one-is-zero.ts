import { add, encrypt, multiplyPlain, negate } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { assertCiphertextVector } from "./assert-ciphertext-vector.js";
import { challengeBits, oneIsZeroChallenge } from "./one-is-zero-challenge.js";
import { gcd } from "./small-math.js";
import type { OneIsZeroProof } from "./types.js";

export interface VerifyOneIsZeroParameters {
  publicKey: PaillierPublicKey;
  ciphertexts: readonly bigint[];
  proof: OneIsZeroProof;
  label: string;
}

/**
 * Checks a proof from proveOneIsZero: for every j, e_j ∈ [0, 2^t), z_j ∈ Z*_n; recompute
 * a_j = z_j^n · u_j^(−e_j) mod n²; accept iff Σ e_j ≡ H(label, n, u, a) (mod 2^t).
 * Returns false on any failure (never throws for a malformed proof; throws for a malformed statement).
 */
export function verifyOneIsZero({ publicKey, ciphertexts, proof, label }: VerifyOneIsZeroParameters): boolean {
  const k = assertCiphertextVector(publicKey, ciphertexts, "ciphertexts");
  const { n } = publicKey;
  if (
    typeof proof !== "object" ||
    proof === null ||
    !Array.isArray(proof.challenges) ||
    !Array.isArray(proof.responses) ||
    proof.challenges.length !== k ||
    proof.responses.length !== k
  ) {
    return false;
  }
  const t = challengeBits(publicKey);
  const modulus = 1n << BigInt(t);
  const commitments = new Array<bigint>(k);
  let sum = 0n;
  for (let j = 0; j < k; j++) {
    const e = proof.challenges[j];
    const z = proof.responses[j];
    if (typeof e !== "bigint" || e < 0n || e >= modulus) return false;
    if (typeof z !== "bigint" || z <= 0n || z >= n || gcd(z, n) !== 1n) return false;
    const inverse = negate({ publicKey, c: ciphertexts[j]! });
    commitments[j] = add({ publicKey, a: encrypt({ publicKey, m: 0n, r: z }), b: multiplyPlain({ publicKey, c: inverse, k: e }) });
    sum += e;
  }
  return sum % modulus === oneIsZeroChallenge(publicKey, label, ciphertexts, commitments);
}
