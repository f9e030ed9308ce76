import { expect } from "chai";
import {
  ComparisonAnswerForgedError,
  ComparisonInconsistentBundlesError,
  ComparisonRequestMismatchError,
  InvalidComparisonParameterError,
  answerComparison,
  computeComparisonVectors,
  encryptQualityBits,
  interpretRelation,
  verifyComparisonAnswer,
} from "../../../../offchain/crypto/comparison/index.js";
import type { ComparisonAnswer, IndexedAnswer, RelationOnlyAnswer } from "../../../../offchain/crypto/comparison/index.js";
import type { PaillierKeyPair } from "../../../../offchain/crypto/paillier/index.js";
import { encrypt, generatePaillierKeyPair, recoverNonce } from "../../../../offchain/crypto/paillier/index.js";

const K = 8;
const X = 0b1010_0110n; // 166
const Y = 0b1011_0001n; // 177: X < Y, highest differing bit 4

describe("comparison: probing requests, inconsistent bundles and forged answers", function () {
  this.timeout(30_000);
  let keys: PaillierKeyPair;
  let bundles: { ex: bigint[]; ey: bigint[]; exor: bigint[] };
  let request: { lt: bigint[]; gt: bigint[] };
  let honest: IndexedAnswer;

  before(async function () {
    keys = await generatePaillierKeyPair({ bits: 512, allowInsecureKeySize: true });
    bundles = encryptQualityBits({ privateKey: keys.privateKey, x: X, y: Y, bitLength: K });
    request = computeComparisonVectors({ publicKey: keys.publicKey, ...bundles });
    honest = answerComparison({ privateKey: keys.privateKey, ...bundles, request, disclose: "relation-and-index" }) as IndexedAnswer;
  });

  const verify = (answer: ComparisonAnswer) => verifyComparisonAnswer({ publicKey: keys.publicKey, ...bundles, answer });

  describe("answerComparison refuses requests that are not the recomputation", function () {
    it("B's raw Enc(x_5) placed among the z values (decryption-oracle probe)", function () {
      const lt = [...request.lt];
      lt[2] = bundles.ex[5]!;
      expect(() => answerComparison({ privateKey: keys.privateKey, ...bundles, request: { lt, gt: request.gt }, disclose: "relation" }))
        .to.throw(ComparisonRequestMismatchError)
        .with.property("index", 2);
    });

    it("a re-randomised z (same plaintext, different ciphertext)", function () {
      const gt = [...request.gt];
      gt[0] = (gt[0]! * encrypt({ publicKey: keys.publicKey, m: 0n })) % keys.publicKey.n2;
      expect(() => answerComparison({ privateKey: keys.privateKey, ...bundles, request: { lt: request.lt, gt }, disclose: "relation" }))
        .to.throw(ComparisonRequestMismatchError)
        .with.property("vector", "gt");
    });

    it("a truncated vector and a swapped pair of vectors", function () {
      expect(() =>
        answerComparison({ privateKey: keys.privateKey, ...bundles, request: { lt: request.lt.slice(1), gt: request.gt }, disclose: "relation" }),
      ).to.throw(ComparisonRequestMismatchError, /one ciphertext per bit/);
      expect(() =>
        answerComparison({ privateKey: keys.privateKey, ...bundles, request: { lt: request.gt, gt: request.lt }, disclose: "relation" }),
      ).to.throw(ComparisonRequestMismatchError);
    });

    it("an unknown disclosure policy and malformed ciphertexts", function () {
      expect(() =>
        answerComparison({ privateKey: keys.privateKey, ...bundles, request, disclose: "everything" as "relation" }),
      ).to.throw(InvalidComparisonParameterError, /disclose/);
      const ex = [...bundles.ex];
      ex[3] = keys.publicKey.n2 + 1n;
      expect(() => computeComparisonVectors({ publicKey: keys.publicKey, ...bundles, ex })).to.throw(InvalidComparisonParameterError, /ex\[3\]/);
      ex[3] = keys.publicKey.n * 5n; // shares a factor with n
      expect(() => computeComparisonVectors({ publicKey: keys.publicKey, ...bundles, ex })).to.throw(InvalidComparisonParameterError, /ex\[3\]/);
      expect(() => computeComparisonVectors({ publicKey: keys.publicKey, ...bundles, ey: bundles.ey.slice(1) })).to.throw(
        InvalidComparisonParameterError,
        /ey/,
      );
    });
  });

  it("B notices its own inconsistent bundles (XOR bundle of another pair)", function () {
    const other = encryptQualityBits({ privateKey: keys.privateKey, x: X, y: X, bitLength: K });
    const mixed = { ...bundles, exor: other.exor }; // says "no bit differs" while X ≠ Y
    const mixedRequest = computeComparisonVectors({ publicKey: keys.publicKey, ...mixed });
    expect(() => answerComparison({ privateKey: keys.privateKey, ...mixed, request: mixedRequest, disclose: "relation" })).to.throw(
      ComparisonInconsistentBundlesError,
    );
  });

  describe("verifyComparisonAnswer catches forged answers", function () {
    it("accepts the honest answer: Y > X, highest differing bit 4, |X−Y| < 32", function () {
      expect(honest).to.include({ relation: "lt", vector: "lt", index: 4 });
      const result = verify(honest);
      expect(result).to.include({ relation: "lt", index: 4, bound: "|X−Y| < 2^5" });
      expect(result.summary).to.equal("Y > X; highest differing bit 4; 1 ≤ |X−Y| < 2^5 = 32");
    });

    it("wrong index (same nonce, or the nonce of another position)", function () {
      expect(() => verify({ ...honest, index: 3 })).to.throw(ComparisonAnswerForgedError, /lt\[3\]/);
      const otherNonce = recoverNonce({ privateKey: keys.privateKey, c: request.lt[6]! });
      expect(() => verify({ ...honest, index: 6, nonce: otherNonce })).to.throw(ComparisonAnswerForgedError);
      expect(() => verify({ ...honest, index: K })).to.throw(ComparisonAnswerForgedError, /bit position/);
    });

    it("wrong nonce", function () {
      expect(() => verify({ ...honest, nonce: honest.nonce + 1n })).to.throw(ComparisonAnswerForgedError, /nonce/);
      expect(() => verify({ ...honest, nonce: 0n })).to.throw(ComparisonAnswerForgedError);
      expect(() => verify({ ...honest, nonce: keys.publicKey.n + honest.nonce })).to.throw(ComparisonAnswerForgedError);
    });

    it("wrong relation (gt with the lt proof; vector not matching the relation)", function () {
      expect(() => verify({ ...honest, relation: "gt", vector: "gt" })).to.throw(ComparisonAnswerForgedError, /gt\[4\]/);
      expect(() => verify({ ...honest, relation: "gt" })).to.throw(ComparisonAnswerForgedError, /vector/);
      expect(() => verify({ ...honest, relation: "ne" } as unknown as ComparisonAnswer)).to.throw(ComparisonAnswerForgedError, /unknown relation/);
    });

    it("relation eq when X ≠ Y", function () {
      expect(() => verify({ relation: "eq", nonce: honest.nonce })).to.throw(ComparisonAnswerForgedError, /X = Y/);
      const xorSum = bundles.exor.reduce((a, b) => (a * b) % keys.publicKey.n2, 1n);
      const nonceOfSum = recoverNonce({ privateKey: keys.privateKey, c: xorSum }); // opens it to popcount(X ⊕ Y) = 4, not 0
      expect(() => verify({ relation: "eq", nonce: nonceOfSum })).to.throw(ComparisonAnswerForgedError, /X = Y/);
    });

    it("index-withheld answers: proof for the wrong vector, tampered challenge or response, extra index", function () {
      const hidden = answerComparison({ privateKey: keys.privateKey, ...bundles, request, disclose: "relation" }) as RelationOnlyAnswer;
      expect(verify(hidden)).to.include({ relation: "lt", bound: "|X−Y| < 2^8" });
      expect(() => verify({ ...hidden, relation: "gt", vector: "gt" })).to.throw(ComparisonAnswerForgedError, /proof/);
      const challenges = [...hidden.proof.challenges];
      challenges[0] = challenges[0]! ^ 1n;
      expect(() => verify({ ...hidden, proof: { ...hidden.proof, challenges } })).to.throw(ComparisonAnswerForgedError);
      const responses = [...hidden.proof.responses];
      responses[4] = (responses[4]! * 2n) % keys.publicKey.n;
      expect(() => verify({ ...hidden, proof: { ...hidden.proof, responses } })).to.throw(ComparisonAnswerForgedError);
      expect(() => verify({ ...hidden, index: 4 } as unknown as ComparisonAnswer)).to.throw(ComparisonAnswerForgedError);
    });
  });

  it("interpretRelation words the outcome neutrally", function () {
    expect(interpretRelation({ relation: "gt", index: 0, bitLength: 8 }).summary).to.equal(
      "Y < X; highest differing bit 0; 1 ≤ |X−Y| < 2^1 = 2",
    );
    expect(interpretRelation({ relation: "eq", bitLength: 8 }).summary).to.equal("Y = X (unchanged)");
    expect(() => interpretRelation({ relation: "eq", index: 1, bitLength: 8 })).to.throw(InvalidComparisonParameterError);
  });

  it("encryptQualityBits validates its inputs", function () {
    const { privateKey } = keys;
    expect(() => encryptQualityBits({ privateKey, x: 256, y: 0, bitLength: 8 })).to.throw(InvalidComparisonParameterError, /x/);
    expect(() => encryptQualityBits({ privateKey, x: 0, y: -1n, bitLength: 8 })).to.throw(InvalidComparisonParameterError, /y/);
    expect(() => encryptQualityBits({ privateKey, x: 0, y: 0, bitLength: 0 })).to.throw(InvalidComparisonParameterError, /bitLength/);
    expect(() => encryptQualityBits({ privateKey, x: 1.5, y: 0, bitLength: 8 })).to.throw(InvalidComparisonParameterError, /x/);
  });
});
