import { expect } from "chai";
import { randomInt } from "node:crypto";
import {
  answerComparison,
  computeComparisonVectors,
  encryptQualityBits,
  verifyComparisonAnswer,
} from "../../../../offchain/crypto/comparison/index.js";
import type { PaillierKeyPair } from "../../../../offchain/crypto/paillier/index.js";
import { decrypt, generatePaillierKeyPair } from "../../../../offchain/crypto/paillier/index.js";

const K = 32;

function random32(): bigint {
  return (BigInt(randomInt(0, 1 << 16)) << 16n) | BigInt(randomInt(0, 1 << 16));
}

function highestDifferingBit(x: bigint, y: bigint): number {
  return (x ^ y).toString(2).length - 1;
}

describe("comparison: random 32-bit values under a 2048-bit key", function () {
  this.timeout(120_000);
  let keys: PaillierKeyPair;

  before(async function () {
    keys = await generatePaillierKeyPair({ bits: 2048 }); // once per file
  });

  it("encrypts bits LSB-first: Enc(x)[i] decrypts to bit i (weight 2^i)", function () {
    const { privateKey } = keys;
    const x = 0b1011n;
    const { ex, ey, exor } = encryptQualityBits({ privateKey, x, y: 0b0110n, bitLength: 4 });
    expect(ex.map((c) => decrypt({ privateKey, c }))).to.deep.equal([1n, 1n, 0n, 1n]);
    expect(ey.map((c) => decrypt({ privateKey, c }))).to.deep.equal([0n, 1n, 1n, 0n]);
    expect(exor.map((c) => decrypt({ privateKey, c }))).to.deep.equal([1n, 0n, 1n, 1n]);
  });

  for (let round = 0; round < 2; round++) {
    it(`random pair #${round + 1}: owner encryption, index disclosed`, function () {
      const { privateKey, publicKey } = keys;
      let x = random32();
      let y = random32();
      if (x === y) y ^= 1n;
      const bundles = encryptQualityBits({ privateKey, x, y, bitLength: K });
      const request = computeComparisonVectors({ publicKey, ...bundles });
      const answer = answerComparison({ privateKey, ...bundles, request, disclose: "relation-and-index" });
      const verified = verifyComparisonAnswer({ publicKey, ...bundles, answer });
      expect(verified.relation, `${x} vs ${y}`).to.equal(x < y ? "lt" : "gt");
      expect(verified.index).to.equal(highestDifferingBit(x, y));
      const distance = x > y ? x - y : y - x;
      expect(distance < verified.differenceBelow).to.equal(true);
    });
  }

  it("random pair: public-key encryption, index withheld (OR-proof)", function () {
    const { privateKey, publicKey } = keys;
    const x = random32() | 1n;
    const y = x ^ (1n << BigInt(randomInt(0, K))); // differ in one random bit
    const bundles = encryptQualityBits({ publicKey, x, y, bitLength: K });
    const request = computeComparisonVectors({ publicKey, ...bundles });
    const answer = answerComparison({ privateKey, ...bundles, request, disclose: "relation" });
    expect(answer).to.not.have.property("index");
    expect(answer).to.not.have.property("nonce");
    const verified = verifyComparisonAnswer({ publicKey, ...bundles, answer });
    expect(verified.relation).to.equal(x < y ? "lt" : "gt");
    expect(verified.index).to.be.undefined;
  });

  it("X = Y: no z is zero; the nonce of Π Enc(x_i ⊕ y_i) proves equality", function () {
    const { privateKey, publicKey } = keys;
    const x = random32();
    const bundles = encryptQualityBits({ privateKey, x, y: x, bitLength: K });
    const request = computeComparisonVectors({ publicKey, ...bundles });
    for (const disclose of ["relation", "relation-and-index"] as const) {
      const answer = answerComparison({ privateKey, ...bundles, request, disclose });
      expect(answer).to.have.keys(["relation", "nonce"]);
      expect(answer.relation).to.equal("eq");
      expect(verifyComparisonAnswer({ publicKey, ...bundles, answer }).relation).to.equal("eq");
    }
  });
});
