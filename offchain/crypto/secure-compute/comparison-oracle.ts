import type { PaillierPrivateKey, PaillierPublicKey } from "../paillier/index.js";
import { answerBlindedComparison } from "./answer-blinded-comparison.js";
import { SecureComputeParameterError } from "./errors.js";
import type { BlindedQuery, ComparisonOracle, ComparisonOracleAnswer } from "./types.js";

export interface CreateComparisonOracleParameters {
  privateKey: PaillierPrivateKey;
  /** Must be privateKey's public key (a guard against wiring the wrong key pair). */
  publicKey: PaillierPublicKey;
}

/** The key holder's side of the comparison: answers sign queries and keeps a log of them. */
export interface KeyHolderComparisonOracle extends ComparisonOracle {
  answer(query: BlindedQuery): ComparisonOracleAnswer;
  /** Every query answered so far, in order (a frozen copy): what the key holder was shown. */
  seen(): readonly BlindedQuery[];
}

/**
 * The data-encryption platform's comparison service (semi-honest model): it decrypts each
 * blinded query and returns only its sign bit (answerBlindedComparison). It logs the queries
 * so tests (or an auditor) can check what it could have learned.
 */
export function createComparisonOracle({ privateKey, publicKey }: CreateComparisonOracleParameters): KeyHolderComparisonOracle {
  if (typeof privateKey !== "object" || privateKey === null || privateKey.publicKey !== publicKey) {
    throw new SecureComputeParameterError({
      parameter: "publicKey",
      expected: "the public key of privateKey",
      actual: publicKey?.n === privateKey?.publicKey?.n ? "a copy of it (use privateKey.publicKey)" : "another key",
    });
  }
  const log: BlindedQuery[] = [];
  return {
    answer(query: BlindedQuery): ComparisonOracleAnswer {
      const answer = answerBlindedComparison({ privateKey, query });
      log.push(Object.freeze({ ciphertext: query.ciphertext }));
      return answer;
    },
    seen: () => Object.freeze([...log]),
  };
}
