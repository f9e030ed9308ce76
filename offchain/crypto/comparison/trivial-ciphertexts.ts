import type { PaillierPublicKey } from "../paillier/index.js";

/**
 * The trivial (r = 1) encryptions of +1 and −1 under g = n + 1:
 * g^1 = 1 + n and g^(−1) = 1 − n (mod n²), because (1 + n)^m ≡ 1 + mn (mod n²).
 * Public and deterministic, so A's vectors can be recomputed bit for bit by B.
 */
export function trivialPlusMinusOne({ n, n2 }: PaillierPublicKey): { plusOne: bigint; minusOne: bigint } {
  return { plusOne: 1n + n, minusOne: n2 - n + 1n };
}
