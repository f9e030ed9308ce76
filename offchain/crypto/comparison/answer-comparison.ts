import { add, decrypt, recoverNonce } from "../paillier/index.js";
import type { PaillierPrivateKey } from "../paillier/index.js";
import { computeComparisonVectors } from "./compute-comparison-vectors.js";
import { ComparisonInconsistentBundlesError, ComparisonRequestMismatchError, InvalidComparisonParameterError } from "./errors.js";
import { proveOneIsZero } from "./prove-one-is-zero.js";
import type {
  ComparisonAnswer,
  ComparisonDisclosure,
  ComparisonVectorName,
  ComparisonVectors,
  QualityBitCiphertexts,
} from "./types.js";

export interface AnswerComparisonParameters extends QualityBitCiphertexts {
  /** B's key for this (t, t+1) pair. */
  privateKey: PaillierPrivateKey;
  /** A's request: the two Enc(z) vectors. */
  request: ComparisonVectors;
  /** B's policy: reveal the highest differing bit, or only the relation. */
  disclose: ComparisonDisclosure;
}

const VECTORS: readonly ComparisonVectorName[] = ["lt", "gt"];

/**
 * B's decryption step (Nasu et al. §VI-D, Table IV), hardened:
 * 1. recompute A's vectors from the public bundles and refuse any request that differs
 *    (ComparisonRequestMismatchError), so A cannot use B as a decryption oracle;
 * 2. decrypt every Enc(z_i^<), Enc(z_i^>) and find the zero (exactly one unless X = Y);
 * 3. answer with the relation and a proof A can check without the private key:
 *    - "relation-and-index": the index i and the nonce r with r^n ≡ Enc(z_i) (mod n²)
 *      (g^0 = 1, so this opens the ciphertext to 0);
 *    - "relation": a zero-knowledge OR-proof that one Enc(z) of the disclosed vector is 0;
 *    - X = Y (either policy): the nonce of Π_i Enc(x_i ⊕ y_i), which encrypts Σ(x_i ⊕ y_i) = 0.
 * Throws ComparisonInconsistentBundlesError if B's own bundles do not fit together.
 */
export function answerComparison({
  privateKey,
  ex,
  ey,
  exor,
  request,
  disclose,
}: AnswerComparisonParameters): ComparisonAnswer {
  if (disclose !== "relation" && disclose !== "relation-and-index") {
    throw new InvalidComparisonParameterError({
      parameter: "disclose",
      expected: '"relation" or "relation-and-index"',
      actual: String(disclose),
    });
  }
  const { publicKey } = privateKey;
  const expected = computeComparisonVectors({ publicKey, ex, ey, exor });
  if (typeof request !== "object" || request === null) {
    throw new InvalidComparisonParameterError({ parameter: "request", expected: "{ lt, gt }", actual: String(request) });
  }
  for (const vector of VECTORS) {
    const received: unknown = request[vector];
    if (!Array.isArray(received) || received.length !== expected[vector].length) {
      throw new ComparisonRequestMismatchError({ vector, index: -1 });
    }
    expected[vector].forEach((c, i) => {
      if (received[i] !== c) throw new ComparisonRequestMismatchError({ vector, index: i });
    });
  }

  const zeros: { vector: ComparisonVectorName; index: number }[] = [];
  for (const vector of VECTORS) {
    expected[vector].forEach((c, index) => {
      if (decrypt({ privateKey, c }) === 0n) zeros.push({ vector, index });
    });
  }
  if (zeros.length > 1) {
    throw new ComparisonInconsistentBundlesError({
      reason: `${zeros.length} z values decrypt to 0 (${zeros.map((z) => `${z.vector}[${z.index}]`).join(", ")}); a bitwise comparison has at most one`,
    });
  }

  const zero = zeros[0];
  if (zero === undefined) {
    const xorSum = exor.reduce((a, b) => add({ publicKey, a, b }), 1n);
    const plain = decrypt({ privateKey, c: xorSum });
    if (plain !== 0n) {
      throw new ComparisonInconsistentBundlesError({
        reason: `no z value is 0, yet the XOR bits sum to ${plain} instead of 0`,
      });
    }
    return { relation: "eq", nonce: recoverNonce({ privateKey, c: xorSum }) };
  }

  const { vector, index } = zero;
  const c = expected[vector][index]!;
  const nonce = recoverNonce({ privateKey, c });
  if (disclose === "relation-and-index") {
    return { relation: vector, vector, index, nonce };
  }
  return { relation: vector, vector, proof: proveOneIsZero({ privateKey, ciphertexts: expected[vector], index, nonce, label: vector }) };
}
