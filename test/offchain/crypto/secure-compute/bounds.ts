import { expect } from "chai";
import {
  DEFAULT_SIGMA_BITS,
  blindingSpreadBits,
  SecureComputeBoundsError,
  SecureComputeError,
  SecureComputeParameterError,
  assertInBounds,
  maxAbsValue,
  toSigned,
} from "../../../../offchain/crypto/index.js";
import { SealedChainError } from "../../../../offchain/errors.js";
import { generatedKeyPair, testKey } from "../../../helpers/paillier-keys.js";

/** The condition maxAbsValue promises: the largest blinded |v| stays ≤ (n − 1)/2 (r < 2^(σ+W)). */
function fits(n: bigint, sigmaBits: number, spreadBits: number, bound: bigint): boolean {
  const rMax = (1n << BigInt(sigmaBits + spreadBits)) - 1n;
  const largest = rMax * 2n * bound + (rMax - 1n) + 1n; // r·|d| + r′, plus the complement's 1
  return largest <= (n - 1n) / 2n && 2n ** BigInt(sigmaBits + spreadBits) * (2n * bound + 1n) <= (n - 1n) / 2n;
}

describe("secure-compute: bounds", function () {
  this.timeout(120_000);

  it("maxAbsValue satisfies 2^(σ+W)(2B+1) ≤ (n−1)/2 and is the largest such B (several keys and sigmas)", async function () {
    const keys = [testKey("n600").publicKey, testKey("n1040").publicKey, (await generatedKeyPair(2048)).publicKey, (await generatedKeyPair(3072)).publicKey];
    for (const publicKey of keys) {
      for (const sigma of [40, 41, 64, 128, 290]) {
        const spread = blindingSpreadBits(publicKey, sigma);
        const bound = maxAbsValue(publicKey, sigma);
        expect(fits(publicKey.n, sigma, spread, bound), `${publicKey.bits} bits, σ = ${sigma}`).to.equal(true);
        expect(2n ** BigInt(sigma + spread) * (2n * (bound + 1n) + 1n) <= (publicKey.n - 1n) / 2n).to.equal(false);
        expect(bound.toString(2).length).to.be.within(publicKey.bits - sigma - spread - 3, publicKey.bits - sigma - spread - 1);
      }
    }
  });

  it("blindingSpreadBits spans r's order from σ to half the key size (at least 1)", function () {
    const { publicKey } = testKey("n1040");
    const half = Math.floor(publicKey.n.toString(2).length / 2);
    expect(blindingSpreadBits(publicKey)).to.equal(half - 40);
    expect(blindingSpreadBits(publicKey, 64)).to.equal(half - 64);
    expect(blindingSpreadBits(publicKey, half - 1)).to.equal(1);
    expect(blindingSpreadBits(publicKey, half + 100)).to.equal(1); // W = 1: r ∈ [2^σ, 2^(σ+1))
    expect(() => blindingSpreadBits(publicKey, 39)).to.throw(SecureComputeParameterError, /sigmaBits/);
  });

  it("prints B at 2048 and 3072 bits (σ = 40)", async function () {
    for (const bits of [2048, 3072] as const) {
      const { publicKey } = await generatedKeyPair(bits);
      const bound = maxAbsValue(publicKey);
      console.log(`      n = ${bits} bits, W = ${blindingSpreadBits(publicKey)}: B = ⌊(⌊(n−1)/2^(σ+W+1)⌋ − 1)/2⌋ ≈ 2^${(Math.log2(Number(bound >> BigInt(bound.toString(2).length - 53))) + bound.toString(2).length - 53).toFixed(3)} (${bound.toString(2).length} bits, ${bound.toString().length} decimal digits)`);
    }
  });

  it("defaults to sigma = 40 and refuses sigma < 40, non-integers and absurd sigmas", function () {
    const { publicKey } = testKey("n1040");
    expect(DEFAULT_SIGMA_BITS).to.equal(40);
    expect(maxAbsValue(publicKey)).to.equal(maxAbsValue(publicKey, 40));
    for (const sigma of [39, 0, -1, 40.5, Number.NaN, 2000, "40", 40n] as unknown[]) {
      const error = (() => {
        try {
          maxAbsValue(publicKey, sigma as number);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error, String(sigma)).to.be.instanceOf(SecureComputeParameterError);
      expect((error as SecureComputeParameterError).parameter).to.equal("sigmaBits");
    }
  });

  it("refuses a sigma that leaves no room under the modulus", function () {
    const { publicKey } = testKey("n128");
    expect(() => maxAbsValue(publicKey, 126)).to.throw(SecureComputeParameterError, /sigma/);
    expect(maxAbsValue(publicKey, 40) >= 1n).to.equal(true);
  });

  it("assertInBounds accepts [−B, B] and names value and bound outside it", function () {
    for (const value of [-7n, -6n, 0n, 6n, 7n]) assertInBounds(value, 7n, "x");
    for (const value of [-8n, 8n, 1000n]) {
      const error = (() => {
        try {
          assertInBounds(value, 7n, "threshold");
        } catch (e) {
          return e as SecureComputeBoundsError;
        }
        throw new Error("accepted");
      })();
      expect(error).to.be.instanceOf(SecureComputeBoundsError).and.instanceOf(SecureComputeError).and.instanceOf(SealedChainError);
      expect(error.code).to.equal("SECURE_COMPUTE_BOUNDS");
      expect(error.message).to.contain(`threshold = ${value}`).and.contain("7");
      expect(error.value).to.equal(value);
      expect(error.bound).to.equal(7n);
    }
    expect(() => assertInBounds(5, 7n, "x")).to.throw(SecureComputeParameterError, /x/);
  });

  it("toSigned maps [0, n) onto [−(n−1)/2, (n−1)/2]", function () {
    const n = 11n;
    expect([0n, 1n, 5n, 6n, 10n].map((m) => toSigned(m, n))).to.deep.equal([0n, 1n, 5n, -5n, -1n]);
    expect(() => toSigned(11n, n)).to.throw(SecureComputeParameterError);
    expect(() => toSigned(-1n, n)).to.throw(SecureComputeParameterError);
    expect(() => toSigned(1n, 10n)).to.throw(SecureComputeParameterError);
  });
});
