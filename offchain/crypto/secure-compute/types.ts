/** What the evaluator sends the key holder: one re-randomised ciphertext of a blinded difference. */
export interface BlindedQuery {
  readonly ciphertext: bigint;
}

/** The key holder's reply: only whether the blinded plaintext, read as signed, is ≥ 0. */
export interface ComparisonOracleAnswer {
  readonly greaterOrEqualZero: boolean;
}

/** The evaluator's view of the key holder: anything that answers blinded queries (in-process or remote). */
export interface ComparisonOracle {
  answer(query: BlindedQuery): Promise<ComparisonOracleAnswer> | ComparisonOracleAnswer;
}

/** A uniform random integer in [0, bound) (bound ≥ 1). Injectable for tests; default node:crypto. */
export type RandomBelow = (bound: bigint) => bigint;

/** Options shared by the evaluator's functions. */
export interface EvaluatorOptions {
  /** Statistical security parameter, ≥ 40 (default 40). */
  sigmaBits?: number;
  /** Randomness for r's order of magnitude e, r, r′ and s, drawn in that order (default: node:crypto). */
  random?: RandomBelow;
}
