import { add, verifyNonce } from "../paillier/index.js";
import type { PaillierPublicKey } from "../paillier/index.js";
import { computeComparisonVectors } from "./compute-comparison-vectors.js";
import { ComparisonAnswerForgedError } from "./errors.js";
import { interpretRelation } from "./interpret-relation.js";
import type { InterpretRelationResult } from "./interpret-relation.js";
import type { ComparisonAnswer, QualityBitCiphertexts } from "./types.js";
import { verifyOneIsZero } from "./verify-one-is-zero.js";

export interface VerifyComparisonAnswerParameters extends QualityBitCiphertexts {
  publicKey: PaillierPublicKey;
  answer: ComparisonAnswer;
}

export type VerifyComparisonAnswerResult = InterpretRelationResult & { index?: number };

function opensToZero(publicKey: PaillierPublicKey, c: bigint, r: unknown): boolean {
  if (typeof r !== "bigint") return false;
  try {
    return verifyNonce({ publicKey, c, m: 0n, r });
  } catch {
    return false; // r outside Z*_n: not a valid opening
  }
}

/**
 * A's final step (Nasu et al. §VI-E, Table V), made checkable: recompute the vectors from the
 * bundles and accept the answer only if its proof holds —
 * - lt/gt with index i: r^n ≡ vector[i] (mod n²), i.e. Enc(z_i) opens to 0 under formula (1)/(2);
 * - lt/gt without index: the OR-proof that some ciphertext of the vector encrypts 0;
 * - eq: r^n ≡ Π_i Enc(x_i ⊕ y_i), i.e. no bit differs.
 * Soundness rests on B's bundles being bit encryptions with consistent XOR bits (the paper
 * trusts B on its own data, §VII); given that, exactly one z is 0 unless X = Y.
 * Throws ComparisonAnswerForgedError otherwise.
 */
export function verifyComparisonAnswer({
  publicKey,
  ex,
  ey,
  exor,
  answer,
}: VerifyComparisonAnswerParameters): VerifyComparisonAnswerResult {
  const vectors = computeComparisonVectors({ publicKey, ex, ey, exor });
  const bitLength = ex.length;
  if (typeof answer !== "object" || answer === null) {
    throw new ComparisonAnswerForgedError({ reason: "the answer is not an object" });
  }
  const relation: unknown = answer.relation;

  if (relation === "eq") {
    if ("index" in answer || "vector" in answer || "proof" in answer) {
      throw new ComparisonAnswerForgedError({ reason: "an X = Y answer carries no index, vector or proof" });
    }
    const xorSum = exor.reduce((a, b) => add({ publicKey, a, b }), 1n);
    if (!opensToZero(publicKey, xorSum, answer.nonce)) {
      throw new ComparisonAnswerForgedError({ reason: "the nonce does not open Π Enc(x_i ⊕ y_i) to 0: X = Y is not proven" });
    }
    return interpretRelation({ relation, bitLength });
  }

  if (relation !== "lt" && relation !== "gt") {
    throw new ComparisonAnswerForgedError({ reason: `unknown relation ${JSON.stringify(relation)}` });
  }
  if (!("vector" in answer) || answer.vector !== relation) {
    throw new ComparisonAnswerForgedError({
      reason: `relation ${relation} must come with vector "${relation}" (formula ${relation === "lt" ? "(1)" : "(2)"})`,
    });
  }
  const vector = vectors[relation];

  if ("proof" in answer) {
    if ("index" in answer || "nonce" in answer) {
      throw new ComparisonAnswerForgedError({ reason: "an index-withholding answer carries a proof, not an index or nonce" });
    }
    if (!verifyOneIsZero({ publicKey, ciphertexts: vector, proof: answer.proof, label: relation })) {
      throw new ComparisonAnswerForgedError({ reason: `the proof that some ${relation} ciphertext encrypts 0 does not verify` });
    }
    return interpretRelation({ relation, bitLength });
  }

  const { index } = answer;
  if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= bitLength) {
    throw new ComparisonAnswerForgedError({ reason: `index ${String(index)} is not a bit position in [0, ${bitLength})` });
  }
  if (!opensToZero(publicKey, vector[index]!, answer.nonce)) {
    throw new ComparisonAnswerForgedError({ reason: `the nonce does not open ${relation}[${index}] to 0` });
  }
  return { ...interpretRelation({ relation, index, bitLength }), index };
}
