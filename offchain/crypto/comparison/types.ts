/** Outcome of comparing X (time t) with Y (time t+1). */
export type ComparisonRelation = "lt" | "gt" | "eq";

/** Which of A's two vectors holds the zero: z^< (formula (1), X < Y) or z^> (formula (2), X > Y). */
export type ComparisonVectorName = "lt" | "gt";

/** What B tells A besides the relation. */
export type ComparisonDisclosure = "relation" | "relation-and-index";

/** B's published bit ciphertexts, LSB-first (index = bit weight). */
export interface QualityBitCiphertexts {
  /** Enc(x_i), i = 0 … k−1. */
  ex: readonly bigint[];
  /** Enc(y_i). */
  ey: readonly bigint[];
  /** Enc(x_i ⊕ y_i) (the XOR data S sells). */
  exor: readonly bigint[];
}

/** A's request: Enc(z_i^<) and Enc(z_i^>) for every bit i (LSB-first). */
export interface ComparisonVectors {
  lt: readonly bigint[];
  gt: readonly bigint[];
}

/**
 * Non-interactive OR-proof (Cramer–Damgård–Schoenmakers composition of the Damgård–Jurik
 * n-th-residuosity proof, made non-interactive with Fiat–Shamir) that ONE of the ciphertexts
 * of a vector is an encryption of 0, without saying which. One challenge and one response
 * per ciphertext; see prove-one-is-zero.ts.
 */
export interface OneIsZeroProof {
  challenges: readonly bigint[];
  responses: readonly bigint[];
}

/** X = Y: `nonce` is r with r^n ≡ Π_i Enc(x_i ⊕ y_i) (mod n²), proving the XOR sum is 0. */
export interface EqualAnswer {
  relation: "eq";
  nonce: bigint;
}

/** X ≠ Y with the highest differing bit disclosed: r^n ≡ vector[index] (mod n²). */
export interface IndexedAnswer {
  relation: "lt" | "gt";
  vector: ComparisonVectorName;
  index: number;
  nonce: bigint;
}

/** X ≠ Y, index withheld: a zero-knowledge proof that some ciphertext of `vector` is Enc(0). */
export interface RelationOnlyAnswer {
  relation: "lt" | "gt";
  vector: ComparisonVectorName;
  proof: OneIsZeroProof;
}

/** B's answer to A's comparison request. */
export type ComparisonAnswer = EqualAnswer | IndexedAnswer | RelationOnlyAnswer;
