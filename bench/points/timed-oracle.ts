import type { BlindedQuery, ComparisonOracle, ComparisonOracleAnswer } from "../../offchain/crypto/index.js";

/** What passed between the evaluator and an in-process key holder during one computation. */
export interface OracleTally {
  /** Time spent inside the key holder's answer() (decryption and sign). */
  keyHolderMs: number;
  queries: number;
  /** Sum of the queried ciphertexts' actual byte lengths (each < n², so at most 2·bits/8). */
  ciphertextBytes: number;
  /** One bit per answer. */
  answerBits: number;
}

/** Wraps the key holder's oracle to time its side and count what crosses to and from it. */
export function timedOracle(inner: ComparisonOracle): { oracle: ComparisonOracle; tally: () => OracleTally } {
  const tally: OracleTally = { keyHolderMs: 0, queries: 0, ciphertextBytes: 0, answerBits: 0 };
  return {
    oracle: {
      async answer(query: BlindedQuery): Promise<ComparisonOracleAnswer> {
        tally.queries += 1;
        tally.ciphertextBytes += Math.ceil(query.ciphertext.toString(16).length / 2);
        const start = performance.now();
        const answer = await inner.answer(query);
        tally.keyHolderMs += performance.now() - start;
        tally.answerBits += 1;
        return answer;
      },
    },
    tally: () => ({ ...tally }),
  };
}
