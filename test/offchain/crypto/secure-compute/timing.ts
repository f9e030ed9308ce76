import { expect } from "chai";
import { performance } from "node:perf_hooks";
import { compareEncrypted, createComparisonOracle, computeTier, evaluateFormula } from "../../../../offchain/crypto/index.js";
import { generatedKeyPair } from "../../../helpers/paillier-keys.js";
import { encryptSigned } from "./support.js";

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

// Prints timings; asserts only correctness (no timed assertions).
describe("secure-compute: timing (printed, not asserted)", function () {
  this.timeout(600_000);

  for (const bits of [2048, 3072] as const) {
    it(`one comparison, the formula and the tier at ${bits} bits`, async function () {
      const { publicKey, privateKey } = await generatedKeyPair(bits);
      const inner = createComparisonOracle({ privateKey, publicKey });
      let keyHolderMs = 0;
      const oracle = {
        answer(query: { ciphertext: bigint }) {
          const start = performance.now();
          const answer = inner.answer(query);
          keyHolderMs += performance.now() - start;
          return answer;
        },
      };
      const a = encryptSigned(publicKey, 5800n);
      const b = encryptSigned(publicKey, 5000n);
      await compareEncrypted({ publicKey, a, b, oracle }); // warm-up (modexp contexts)
      const total: number[] = [];
      const holder: number[] = [];
      for (let i = 0; i < 21; i++) {
        keyHolderMs = 0;
        const start = performance.now();
        expect(await compareEncrypted({ publicKey, a, b, oracle })).to.equal(true);
        total.push(performance.now() - start);
        holder.push(keyHolderMs);
      }
      let start = performance.now();
      await evaluateFormula({ publicKey, encA: encryptSigned(publicKey, 2600n), encB: encryptSigned(publicKey, 3200n), oracle });
      const formulaMs = performance.now() - start;
      start = performance.now();
      const { tier } = await computeTier({ publicKey, encryptedPoints: [encryptSigned(publicKey, 2600n), encryptSigned(publicKey, 3200n)], oracle });
      const tierMs = performance.now() - start;
      expect(tier).to.equal(2);
      console.log(
        `      ${bits} bits: comparison median ${median(total).toFixed(1)} ms (key holder ${median(holder).toFixed(1)} ms, evaluator ${(median(total) - median(holder)).toFixed(1)} ms), ` +
          `formula ${formulaMs.toFixed(0)} ms (3 comparisons), tier incl. 2 encryptions ${tierMs.toFixed(0)} ms`,
      );
    });
  }
});
