import { add, multiplyPlain, negate } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { assertQualityBitCiphertexts } from "./assert-ciphertext-vector.js";
import { trivialPlusMinusOne } from "./trivial-ciphertexts.js";
import type { ComparisonVectors, QualityBitCiphertexts } from "./types.js";

export interface ComputeComparisonVectorsParameters extends QualityBitCiphertexts {
  publicKey: PaillierPublicKey;
}

export type ComputeComparisonVectorsResult = { lt: bigint[]; gt: bigint[] } & ComparisonVectors;

/**
 * A's computation (Nasu et al. §VI-C, Table III step 3, after Wu et al.'s Proposition 1),
 * LSB-first (index = bit weight), so the XOR sum runs over the MORE significant bits j > i:
 *
 *   Enc(z_i^<) = Enc(x_i) · Enc(y_i)^(−1) · Enc(+1) · (Π_{j>i} Enc(x_j ⊕ y_j))^3   (formula (1): 0 only if X < Y)
 *   Enc(z_i^>) = Enc(x_i) · Enc(y_i)^(−1) · Enc(−1) · (Π_{j>i} Enc(x_j ⊕ y_j))^3   (formula (2): 0 only if X > Y)
 *
 * Deterministic: Enc(±1) are the trivial ciphertexts g^(±1) (r = 1), Enc(−y_i) is the modular
 * inverse (equal to the paper's eq. (5) C^(n−1) up to the nonce, far cheaper), and no fresh
 * randomness enters — so B can recompute the request exactly from the public bundles and
 * refuse anything else. The suffix products are computed once, top bit down: O(k).
 */
export function computeComparisonVectors({
  publicKey,
  ex,
  ey,
  exor,
}: ComputeComparisonVectorsParameters): ComputeComparisonVectorsResult {
  const k = assertQualityBitCiphertexts(publicKey, { ex, ey, exor });
  const { plusOne, minusOne } = trivialPlusMinusOne(publicKey);
  const lt = new Array<bigint>(k);
  const gt = new Array<bigint>(k);
  // suffix = Π_{j>i} Enc(x_j ⊕ y_j); the empty product is the trivial Enc(0) = 1.
  let suffix = 1n;
  for (let i = k - 1; i >= 0; i--) {
    const difference = add({ publicKey, a: ex[i]!, b: negate({ publicKey, c: ey[i]! }) });
    const base = add({ publicKey, a: difference, b: multiplyPlain({ publicKey, c: suffix, k: 3n }) });
    lt[i] = add({ publicKey, a: base, b: plusOne });
    gt[i] = add({ publicKey, a: base, b: minusOne });
    suffix = add({ publicKey, a: suffix, b: exor[i]! });
  }
  return { lt, gt };
}
