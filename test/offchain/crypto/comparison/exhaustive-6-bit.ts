import { expect } from "chai";
import {
  answerComparison,
  computeComparisonVectors,
  encryptQualityBits,
  verifyComparisonAnswer,
} from "../../../../offchain/crypto/comparison/index.js";
import { generatePaillierKeyPair } from "../../../../offchain/crypto/paillier/index.js";

const K = 6;
const VALUES = 1 << K;

function expectedOutcome(x: number, y: number): { relation: "lt" | "gt" | "eq"; index?: number } {
  if (x === y) return { relation: "eq" };
  // Highest differing bit, LSB-first index = bit weight.
  return { relation: x < y ? "lt" : "gt", index: 31 - Math.clz32(x ^ y) };
}

describe("comparison: every pair of 6-bit values (4096 pairs, 64-bit test key)", function () {
  this.timeout(60_000);

  it("answers and verifies the right relation and highest differing bit for all pairs", async function () {
    // A 64-bit n (insecure, test-only path): the algebra is the same at any size, and 4096
    // pairs stay at a few seconds.
    const { publicKey, privateKey } = await generatePaillierKeyPair({ bits: 64, allowInsecureKeySize: true });
    // Reuse encryptions: one fresh encryption of every 6-bit value for the X role, one for Y
    // and one for the XOR value. The comparison is a deterministic function of the
    // ciphertexts, so pairing precomputed vectors tests exactly what fresh ones would.
    const xs: bigint[][] = [];
    const ys: bigint[][] = [];
    const xors: bigint[][] = [];
    for (let v = 0; v < VALUES; v++) {
      const a = encryptQualityBits({ privateKey, x: v, y: v, bitLength: K });
      const b = encryptQualityBits({ privateKey, x: v, y: 0, bitLength: K });
      xs.push(a.ex);
      ys.push(a.ey);
      xors.push(b.ex); // Enc(bits of v), used as Enc(bits of x ⊕ y) for v = x ^ y
    }

    let proofsChecked = 0;
    for (let x = 0; x < VALUES; x++) {
      for (let y = 0; y < VALUES; y++) {
        const bundles = { ex: xs[x]!, ey: ys[y]!, exor: xors[x ^ y]! };
        const request = computeComparisonVectors({ publicKey, ...bundles });
        const expected = expectedOutcome(x, y);

        const answer = answerComparison({ privateKey, ...bundles, request, disclose: "relation-and-index" });
        expect(answer.relation, `relation of ${x} vs ${y}`).to.equal(expected.relation);
        if (expected.index !== undefined) {
          expect(answer, `index of ${x} vs ${y}`).to.include({ index: expected.index, vector: expected.relation });
        }
        const verified = verifyComparisonAnswer({ publicKey, ...bundles, answer });
        expect(verified.relation).to.equal(expected.relation);
        expect(verified.index).to.equal(expected.index);
        if (expected.index !== undefined) {
          expect(BigInt(Math.abs(x - y)) < verified.differenceBelow, `|${x}−${y}| < ${verified.differenceBelow}`).to.equal(true);
        }

        // The index-withholding mode on a sample (its OR-proof costs 2k modular exponentiations).
        if ((x * VALUES + y) % 17 === 0) {
          const hidden = answerComparison({ privateKey, ...bundles, request, disclose: "relation" });
          expect(hidden.relation).to.equal(expected.relation);
          expect(hidden).to.not.have.property("index");
          const checked = verifyComparisonAnswer({ publicKey, ...bundles, answer: hidden });
          expect(checked.relation).to.equal(expected.relation);
          expect(checked.index).to.be.undefined;
          proofsChecked++;
        }
      }
    }
    expect(proofsChecked).to.be.greaterThan(200);
  });
});
