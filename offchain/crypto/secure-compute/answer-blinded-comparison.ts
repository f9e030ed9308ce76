import { decrypt } from "../paillier/index.js";
import type { PaillierPrivateKey } from "../paillier/index.js";
import { describe } from "./describe.js";
import { SecureComputeParameterError } from "./errors.js";
import { toSigned } from "./to-signed.js";
import type { BlindedQuery, ComparisonOracleAnswer } from "./types.js";

export interface AnswerBlindedComparisonParameters {
  privateKey: PaillierPrivateKey;
  query: BlindedQuery;
}

/**
 * The key holder's step, as a pure function: decrypt the blinded value v, read it as a signed
 * integer in (−n/2, n/2) and return only whether v ≥ 0. The plaintext never leaves this
 * function. A ciphertext outside Z*_{n²} throws PaillierCiphertextError (from decrypt).
 */
export function answerBlindedComparison({ privateKey, query }: AnswerBlindedComparisonParameters): ComparisonOracleAnswer {
  if (typeof query !== "object" || query === null) {
    throw new SecureComputeParameterError({ parameter: "query", expected: "{ ciphertext: bigint }", actual: describe(query) });
  }
  const value = toSigned(decrypt({ privateKey, c: query.ciphertext }), privateKey.publicKey.n);
  return { greaterOrEqualZero: value >= 0n };
}
