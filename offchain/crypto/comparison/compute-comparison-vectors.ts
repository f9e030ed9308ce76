import { negate } from "../paillier/index.js";
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
  // Inputs are validated once here; every value below is a product of units of Z*_{n²}.
  const k = assertQualityBitCiphertexts(publicKey, { ex, ey, exor });
  const { n2 } = publicKey;
  const { plusOne, minusOne } = trivialPlusMinusOne(publicKey);
  // Enc(−y_i) = Enc(y_i)⁻¹ for all i with ONE inversion (Montgomery's batch-inversion trick).
  const prefix = new Array<bigint>(k);
  let product = 1n;
  for (let i = 0; i < k; i++) prefix[i] = product = (product * ey[i]!) % n2;
  let inverse = negate({ publicKey, c: product });
  const negY = new Array<bigint>(k);
  for (let i = k - 1; i >= 0; i--) {
    negY[i] = i === 0 ? inverse : (inverse * prefix[i - 1]!) % n2;
    inverse = (inverse * ey[i]!) % n2;
  }
  const lt = new Array<bigint>(k);
  const gt = new Array<bigint>(k);
  let suffix = 1n;
  for (let i = k - 1; i >= 0; i--) {
    const suffixCubed = (((suffix * suffix) % n2) * suffix) % n2;
    const base = (((ex[i]! * negY[i]!) % n2) * suffixCubed) % n2;
    lt[i] = (base * plusOne) % n2;
    gt[i] = (base * minusOne) % n2;
    suffix = (suffix * exor[i]!) % n2;
  }
  return { lt, gt };
}
