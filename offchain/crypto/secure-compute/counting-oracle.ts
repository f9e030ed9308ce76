import { assertOracle } from "./assert-oracle.js";
import type { BlindedQuery, ComparisonOracle } from "./types.js";

/** Wraps an oracle to count the queries (= ciphertexts sent to the key holder). */
export function countingOracle(oracle: ComparisonOracle): { oracle: ComparisonOracle; count: () => number } {
  assertOracle(oracle);
  let queries = 0;
  return {
    oracle: {
      answer(query: BlindedQuery) {
        queries += 1;
        return oracle.answer(query);
      },
    },
    count: () => queries,
  };
}
