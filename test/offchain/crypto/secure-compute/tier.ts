import { expect } from "chai";
import {
  PaillierCiphertextError,
  SecureComputeBoundsError,
  SecureComputeParameterError,
  TIER_THRESHOLDS,
  computeTier,
  createComparisonOracle,
  maxAbsValue,
  type ComparisonOracle,
  type PaillierKeyPair,
} from "../../../../offchain/crypto/index.js";
import { generatedKeyPair } from "../../../helpers/paillier-keys.js";
import { rejection } from "../../../helpers/rejection.js";
import { decryptSigned, encryptSigned, randomSigned } from "./support.js";

function tierOf(total: bigint): number {
  return TIER_THRESHOLDS.filter((t) => total >= t).length;
}

describe("secure-compute: membership tier (Hu et al. §2.3, 2048-bit key)", function () {
  this.timeout(300_000);
  let keys: PaillierKeyPair;

  before(async function () {
    keys = await generatedKeyPair(2048);
  });

  it("the paper's case: 2600 + 3200 = 5800 → tier 2, three comparisons", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const brand = encryptSigned(publicKey, 2600n);
    const platform = encryptSigned(publicKey, 3200n);
    const out = await computeTier({ publicKey, encryptedPoints: [brand, platform], oracle });
    expect(out.tier).to.equal(2);
    expect(out.comparisons).to.equal(3);
    expect(out.ciphertextsSent).to.equal(3);
    expect(decryptSigned(privateKey, out.encryptedTotal)).to.equal(5800n);
    expect(TIER_THRESHOLDS).to.deep.equal([2000n, 5000n, 10000n]);
  });

  it("the key holder never sees 2600, 3200, 5800, their negatives or the differences with the thresholds", async function () {
    const { publicKey, privateKey } = keys;
    const forbidden = new Set<bigint>();
    for (const v of [2600n, 3200n, 5800n, ...TIER_THRESHOLDS.map((t) => 5800n - t)]) {
      forbidden.add(v);
      forbidden.add(-v);
    }
    for (let run = 0; run < 10; run++) {
      const oracle = createComparisonOracle({ privateKey, publicKey });
      const brand = encryptSigned(publicKey, 2600n);
      const platform = encryptSigned(publicKey, 3200n);
      const out = await computeTier({ publicKey, encryptedPoints: [brand, platform], oracle });
      expect(out.tier).to.equal(2);
      const seen = oracle.seen();
      expect(seen).to.have.length(3);
      for (const q of seen) {
        expect([brand, platform, out.encryptedTotal]).to.not.include(q.ciphertext);
        const v = decryptSigned(privateKey, q.ciphertext);
        expect(forbidden.has(v), `key holder saw ${v}`).to.equal(false);
        expect((v < 0n ? -v : v) >= 800n * 2n ** 40n).to.equal(true); // |5800 − t| ≥ 800, times r ≥ 2^40
      }
    }
  });

  it("agrees with the plain tier on 200 random totals, 1 to 4 issuers, at and around the thresholds", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const edges = [0n, 1999n, 2000n, 2001n, 4999n, 5000n, 5001n, 9999n, 10000n, 10001n, -1n, -10000n];
    for (let i = 0; i < 200; i++) {
      const issuers = 1 + (i % 4);
      const target = i % 3 === 0 ? edges[i % edges.length]! : randomSigned(15_000n);
      const points = Array.from({ length: issuers - 1 }, () => randomSigned(5_000n));
      points.push(target - points.reduce((a, b) => a + b, 0n));
      const out = await computeTier({ publicKey, encryptedPoints: points.map((p) => encryptSigned(publicKey, p)), oracle });
      expect(out.tier, `total ${target} from ${points}`).to.equal(tierOf(target));
      expect(decryptSigned(privateKey, out.encryptedTotal)).to.equal(target);
    }
  });

  it("refuses no issuers, a points bound too large for the issuers, sigma < 40, bad ciphertexts", async function () {
    const { publicKey, privateKey } = keys;
    const oracle = createComparisonOracle({ privateKey, publicKey });
    const one = encryptSigned(publicKey, 1n);
    const B = maxAbsValue(publicKey);
    expect(await rejection(computeTier({ publicKey, encryptedPoints: [], oracle }))).to.be.instanceOf(SecureComputeParameterError);
    expect(await rejection(computeTier({ publicKey, encryptedPoints: one as never, oracle }))).to.be.instanceOf(SecureComputeParameterError);
    const tooBig = await rejection(computeTier({ publicKey, encryptedPoints: [one, one], oracle, pointsBound: B / 2n + 1n }));
    expect(tooBig).to.be.instanceOf(SecureComputeBoundsError);
    expect(tooBig.message).to.contain("2·pointsBound");
    expect(await rejection(computeTier({ publicKey, encryptedPoints: [one], oracle, sigmaBits: 32 }))).to.be.instanceOf(SecureComputeParameterError);
    expect(await rejection(computeTier({ publicKey, encryptedPoints: [one, 0n], oracle }))).to.be.instanceOf(PaillierCiphertextError);
    expect(await rejection(computeTier({ publicKey, encryptedPoints: [one, publicKey.n2], oracle }))).to.be.instanceOf(PaillierCiphertextError);
    expect(await rejection(computeTier({ publicKey, encryptedPoints: [one], oracle: undefined as never }))).to.be.instanceOf(SecureComputeParameterError);
    expect((await computeTier({ publicKey, encryptedPoints: [one], oracle, pointsBound: 20_000n })).tier).to.equal(0);
  });

  it("refuses a key holder whose answers are not monotone in the threshold", async function () {
    const { publicKey, privateKey } = keys;
    const honest = createComparisonOracle({ privateKey, publicKey });
    let calls = 0;
    const liar: ComparisonOracle = {
      answer(query) {
        const { greaterOrEqualZero } = honest.answer(query);
        return { greaterOrEqualZero: ++calls === 1 ? !greaterOrEqualZero : greaterOrEqualZero }; // flips the ≥ 2000 test: [F, T, F]
      },
    };
    const error = await rejection(computeTier({ publicKey, encryptedPoints: [encryptSigned(publicKey, 5800n)], oracle: liar }));
    expect(error).to.be.instanceOf(SecureComputeParameterError);
    expect(error.message).to.contain("monotone");
  });
});
