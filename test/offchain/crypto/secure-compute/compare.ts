import { expect } from "chai";
import {
  blindingSpreadBits,
  PaillierCiphertextError,
  SecureComputeBoundsError,
  SecureComputeParameterError,
  answerBlindedComparison,
  compareEncrypted,
  compareWithPublic,
  createComparisonOracle,
  maxAbsValue,
  type PaillierKeyPair,
  type RandomBelow,
} from "../../../../offchain/crypto/index.js";
import { generatedKeyPair } from "../../../helpers/paillier-keys.js";
import { rejection } from "../../../helpers/rejection.js";
import { decryptSigned, encryptSigned, randomPair, randomValue } from "./support.js";

/** A random source that returns, draw by draw, the smallest or the largest allowed value. */
function scripted(choices: readonly ("min" | "max")[]): RandomBelow {
  let i = 0;
  return (bound) => (choices[i++ % choices.length] === "max" ? bound - 1n : 0n);
}

const EXTREMES: ("min" | "max")[][] = [];
// Draws per comparison, in order: r's order of magnitude e, r, r′, s.
for (const e of ["min", "max"] as const) for (const r of ["min", "max"] as const) for (const rPrime of ["min", "max"] as const) for (const s of ["min", "max"] as const) EXTREMES.push([e, r, rPrime, s]);

describe("secure-compute: compareEncrypted / compareWithPublic (2048-bit key)", function () {
  this.timeout(300_000);
  let keys: PaillierKeyPair;
  let B: bigint;

  before(async function () {
    keys = await generatedKeyPair(2048);
    B = maxAbsValue(keys.publicKey);
  });

  it("agrees with x ≥ y on 200 random pairs (ties and neighbours over-represented)", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    for (let i = 0; i < 200; i++) {
      const [x, y] = randomPair(B);
      const got = await compareEncrypted({ publicKey, a: encryptSigned(publicKey, x), b: encryptSigned(publicKey, y), oracle });
      expect(got, `${x} ≥ ${y}`).to.equal(x >= y);
    }
    expect(oracle.seen()).to.have.length(200);
  });

  it("agrees with x ≥ t on 200 random (x, public t)", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    for (let i = 0; i < 200; i++) {
      const [x, t] = randomPair(B);
      const got = await compareWithPublic({ publicKey, a: encryptSigned(publicKey, x), threshold: t, oracle });
      expect(got, `${x} ≥ ${t}`).to.equal(x >= t);
    }
  });

  it("is exact at the edges for every extreme choice of e, r, r′ and s (x = y, y ± 1, ±B, 0)", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const edges: [bigint, bigint][] = [
      [0n, 0n], [0n, 1n], [1n, 0n], [0n, -1n], [-1n, 0n], [5n, 5n], [-5n, -5n],
      [B, B], [-B, -B], [B, -B], [-B, B], [B, B - 1n], [B - 1n, B], [-B, -B + 1n], [-B + 1n, -B], [B, 0n], [0n, -B],
    ];
    const encrypted = new Map<bigint, bigint>();
    const enc = (v: bigint) => encrypted.get(v) ?? (encrypted.set(v, encryptSigned(publicKey, v)), encrypted.get(v)!);
    for (const choices of EXTREMES) {
      for (const [x, y] of edges) {
        const random = scripted(choices);
        expect(await compareEncrypted({ publicKey, a: enc(x), b: enc(y), oracle, random }), `${x} ≥ ${y} with ${choices}`).to.equal(x >= y);
        expect(await compareWithPublic({ publicKey, a: enc(x), threshold: y, oracle, random }), `${x} ≥ public ${y} with ${choices}`).to.equal(x >= y);
      }
    }
  });

  it("d = 0 with r′ = 0 and s = −1 (where plain negation would answer wrong) still gives x ≥ x", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const a = encryptSigned(publicKey, 42n);
    // draws: e (min), r (min), r′ = 0 (min), s = −1 (max → 1)
    expect(await compareEncrypted({ publicKey, a, b: a, oracle, random: scripted(["min", "min", "min", "max"]) })).to.equal(true);
    expect(decryptSigned(privateKey, oracle.seen()[0]!.ciphertext)).to.equal(-1n); // ¬0 = −1: "< 0", inverted by s
  });

  it("hides the direction: the key holder's sign bits are not the outcomes (both signs seen for x > y)", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const a = encryptSigned(publicKey, 1000n);
    const b = encryptSigned(publicKey, 10n);
    for (let i = 0; i < 40; i++) expect(await compareEncrypted({ publicKey, a, b, oracle })).to.equal(true);
    const signs = oracle.seen().map((q) => decryptSigned(privateKey, q.ciphertext) >= 0n);
    expect(signs).to.include(true).and.to.include(false); // fails with probability 2^−39
    for (const q of oracle.seen()) {
      const v = decryptSigned(privateKey, q.ciphertext);
      expect(v === 990n || v === -990n).to.equal(false);
      expect((v < 0n ? -v : v) >= 990n * 2n ** 40n).to.equal(true); // blinded by r ≥ 2^40
      expect(q.ciphertext === a || q.ciphertext === b).to.equal(false);
    }
  });

  it("hides the magnitude: for one difference, |v| ranges over hundreds of binary orders (r's order is drawn too)", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const a = encryptSigned(publicKey, 1000n);
    const b = encryptSigned(publicKey, 10n);
    for (let i = 0; i < 60; i++) await compareEncrypted({ publicKey, a, b, oracle });
    const orders = oracle.seen().map((q) => {
      const v = decryptSigned(privateKey, q.ciphertext);
      return (v < 0n ? -v : v).toString(2).length;
    });
    const spread = blindingSpreadBits(publicKey);
    expect(spread).to.equal(1024 - 40);
    for (const order of orders) expect(order).to.be.within(40 + 10, 40 + spread + 10); // log2 990 ≈ 10
    // With r ∈ [2^40, 2^41) every order would be 50 or 51; 60 draws from ~984 orders span far more
    // (fails with negligible probability).
    expect(Math.max(...orders) - Math.min(...orders)).to.be.above(300);
  });

  it("refuses sigma < 40, thresholds and bounds outside the range, malformed parameters", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const a = encryptSigned(publicKey, 3n);
    const b = encryptSigned(publicKey, 4n);
    for (const sigmaBits of [39, 8, 0]) {
      const error = await rejection(compareEncrypted({ publicKey, a, b, oracle, sigmaBits }));
      expect(error).to.be.instanceOf(SecureComputeParameterError);
      expect(error.message).to.contain("sigmaBits");
    }
    for (const threshold of [B + 1n, -B - 1n]) {
      const error = await rejection(compareWithPublic({ publicKey, a, threshold, oracle }));
      expect(error).to.be.instanceOf(SecureComputeBoundsError);
      expect(error.message).to.contain(`threshold = ${threshold}`).and.contain(`${B}`);
    }
    expect(await rejection(compareWithPublic({ publicKey, a, threshold: 101n, oracle, bound: 100n }))).to.be.instanceOf(SecureComputeBoundsError);
    expect(await compareWithPublic({ publicKey, a, threshold: 100n, oracle, bound: 100n })).to.equal(false);
    expect(await rejection(compareEncrypted({ publicKey, a, b, oracle, bound: B + 1n }))).to.be.instanceOf(SecureComputeBoundsError);
    expect(await rejection(compareEncrypted({ publicKey, a, b, oracle, bound: 0n }))).to.be.instanceOf(SecureComputeParameterError);
    expect(await rejection(compareWithPublic({ publicKey, a, threshold: 3 as unknown as bigint, oracle }))).to.be.instanceOf(SecureComputeParameterError);
    expect(await rejection(compareEncrypted({ publicKey, a, b, oracle: {} as never }))).to.be.instanceOf(SecureComputeParameterError);
    expect(await rejection(compareEncrypted({ publicKey, a, b, oracle, random: "x" as never }))).to.be.instanceOf(SecureComputeParameterError);
    const badRandom = await rejection(compareEncrypted({ publicKey, a, b, oracle, random: (bound) => bound }));
    expect(badRandom).to.be.instanceOf(SecureComputeParameterError);
    expect(badRandom.message).to.contain("random(e)");
    const badR = await rejection(compareEncrypted({ publicKey, a, b, oracle, random: (bound) => (bound === 2n ** 40n ? bound : 0n) }));
    expect(badR.message).to.contain("random(r)");
  });

  it("refuses a malformed oracle answer (sync or async)", async function () {
    const { publicKey } = keys;
    const a = encryptSigned(publicKey, 3n);
    for (const reply of [undefined, null, true, {}, { greaterOrEqualZero: 1 }, { greaterOrEqualZero: "true" }]) {
      for (const oracle of [{ answer: () => reply }, { answer: async () => reply }]) {
        const error = await rejection(compareWithPublic({ publicKey, a, threshold: 0n, oracle: oracle as never }));
        expect(error, JSON.stringify(reply)).to.be.instanceOf(SecureComputeParameterError);
        expect(error.message).to.contain("oracle answer");
      }
    }
    expect(await compareWithPublic({ publicKey, a, threshold: 0n, oracle: { answer: async (q) => createComparisonOracle(keys).answer(q) } })).to.equal(true);
  });

  it("surfaces the Paillier layer's PaillierCiphertextError for ciphertexts outside Z*_{n²}", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const good = encryptSigned(publicKey, 3n);
    for (const bad of [0n, -1n, publicKey.n2, publicKey.n2 + 5n, publicKey.n, 3n * privateKey.p, "5" as unknown as bigint]) {
      expect(await rejection(compareEncrypted({ publicKey, a: bad, b: good, oracle }))).to.be.instanceOf(PaillierCiphertextError);
      expect(await rejection(compareEncrypted({ publicKey, a: good, b: bad, oracle }))).to.be.instanceOf(PaillierCiphertextError);
      expect(await rejection(compareWithPublic({ publicKey, a: bad, threshold: 0n, oracle }))).to.be.instanceOf(PaillierCiphertextError);
      expect(() => oracle.answer({ ciphertext: bad })).to.throw(PaillierCiphertextError);
    }
    expect(() => answerBlindedComparison({ privateKey, query: null as never })).to.throw(SecureComputeParameterError);
    expect(oracle.seen()).to.have.length(0);
  });

  it("createComparisonOracle refuses a public key that is not the private key's", async function () {
    const { privateKey } = keys;
    const other = await generatedKeyPair(3072);
    expect(() => createComparisonOracle({ privateKey, publicKey: other.publicKey })).to.throw(SecureComputeParameterError, /publicKey/);
  });

  it("answerBlindedComparison returns only the sign bit of the signed plaintext", function () {
    const { publicKey, privateKey } = keys;
    for (const v of [0n, 1n, -1n, randomValue(B), -B, B]) {
      const answer = answerBlindedComparison({ privateKey, query: { ciphertext: encryptSigned(publicKey, v) } });
      expect(answer).to.deep.equal({ greaterOrEqualZero: v >= 0n });
    }
  });
});
