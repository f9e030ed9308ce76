import { encrypt, encryptAsOwner } from "../paillier/index.js";
import type { PaillierNoncePool, PaillierPrivateKey, PaillierPublicKey } from "../paillier/index.js";
import { bitsOf } from "./bits-of.js";
import { InvalidComparisonParameterError } from "./errors.js";
import type { QualityBitCiphertexts } from "./types.js";

interface QualityValues {
  /** Quality value at time t (the paper's X), 0 ≤ x < 2^bitLength. */
  x: bigint | number;
  /** Quality value at time t+1 (the paper's Y). */
  y: bigint | number;
  /** k, the number of bits of each value. */
  bitLength: number;
}

/**
 * B holds the private key (the usual case: a fresh pair per (t, t+1) pair) and encrypts with
 * the CRT fast path; or anyone holding only the public key encrypts, optionally drawing r^n
 * from a precomputed nonce pool.
 */
export type EncryptQualityBitsParameters = QualityValues &
  (
    | { privateKey: PaillierPrivateKey; publicKey?: never; pool?: never }
    | { publicKey: PaillierPublicKey; privateKey?: never; pool?: PaillierNoncePool }
  );

/** Enc(x_i), Enc(y_i), Enc(x_i ⊕ y_i) for i = 0 … k−1, LSB-first, every one with a fresh nonce. */
export type EncryptQualityBitsResult = { ex: bigint[]; ey: bigint[]; exor: bigint[] } & QualityBitCiphertexts;

/**
 * B's encryption step (Nasu et al. §VI-A, Table I steps 1 and 3): binary-expand X and Y and
 * encrypt every bit and every XOR bit separately with Paillier (g = n + 1, eq. (3)).
 * Bit i has weight 2^i (LSB-first, as the paper's Fig. 6/7 data decrypt).
 */
export function encryptQualityBits(parameters: EncryptQualityBitsParameters): EncryptQualityBitsResult {
  const { x, y, bitLength } = parameters;
  const xBits = bitsOf(x, bitLength, "x");
  const yBits = bitsOf(y, bitLength, "y");

  let encryptBit: (m: bigint) => bigint;
  if (parameters.privateKey !== undefined) {
    const { privateKey } = parameters;
    encryptBit = (m) => encryptAsOwner({ privateKey, m });
  } else if (parameters.publicKey !== undefined) {
    const { publicKey, pool } = parameters;
    encryptBit = pool === undefined ? (m) => encrypt({ publicKey, m }) : (m) => encrypt({ publicKey, m, pool });
  } else {
    throw new InvalidComparisonParameterError({
      parameter: "key",
      expected: "a Paillier privateKey or publicKey",
      actual: "neither",
    });
  }

  const ex = xBits.map(encryptBit);
  const ey = yBits.map(encryptBit);
  const exor = xBits.map((xi, i) => encryptBit(xi ^ yBits[i]!));
  return { ex, ey, exor };
}
