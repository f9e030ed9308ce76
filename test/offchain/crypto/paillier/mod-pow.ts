import { expect } from "chai";
import { createDiffieHellman, generatePrimeSync } from "node:crypto";
import { PaillierParameterError, createModPow, modPow, modPowBigInt } from "../../../../offchain/crypto/index.js";
import { bigintToBytes } from "../../../../offchain/crypto/paillier/bigint-to-bytes.js";
import { modPowOpenSsl } from "../../../../offchain/crypto/paillier/mod-pow-openssl.js";
import { randomBelow, testKey } from "../../../helpers/paillier-keys.js";

/** Square-and-multiply, bit by bit: the slowest, most obviously right reference. */
function referenceModPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n % modulus;
  let power = ((base % modulus) + modulus) % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if ((e & 1n) === 1n) {
      result = (result * power) % modulus;
    }
    power = (power * power) % modulus;
  }
  return result;
}

function openSslModPow(base: bigint, exponent: bigint, modulus: bigint): bigint | undefined {
  const exchange = createDiffieHellman(bigintToBytes(modulus));
  return modPowOpenSsl(exchange, base, exponent, modulus, Math.ceil(modulus.toString(16).length / 2));
}

describe("offchain/crypto/paillier modPow backends", function () {
  const p512 = generatePrimeSync(512, { bigint: true });
  const q512 = generatePrimeSync(512, { bigint: true });
  const p300 = generatePrimeSync(300, { bigint: true });
  const n1040 = testKey("n1040");
  const moduli: Array<[string, bigint]> = [
    ["odd 64-bit", 0xfffffffffffffc5fn * 3n],
    ["300-bit prime (below OpenSSL's range)", p300],
    ["p² (1024 bits)", p512 * p512],
    ["n = pq (1024 bits)", p512 * q512],
    ["n² (2048 bits)", (p512 * q512) ** 2n],
    ["n² of the 1040-bit test key", n1040.publicKey.n2],
    ["even 1024-bit", (p512 * q512) + 1n],
  ];

  it("modPowBigInt agrees with bit-by-bit square-and-multiply", function () {
    for (const [, modulus] of moduli) {
      for (let round = 0; round < 8; round += 1) {
        const base = randomBelow(modulus);
        const exponent = randomBelow(modulus);
        expect(modPowBigInt(base, exponent, modulus)).to.equal(referenceModPow(base, exponent, modulus));
      }
    }
    expect(modPowBigInt(5n, 0n, 7n)).to.equal(1n);
    expect(modPowBigInt(5n, 3n, 1n)).to.equal(0n);
    expect(modPowBigInt(-2n, 3n, 7n)).to.equal(6n);
    expect(modPowBigInt(0n, 5n, 7n)).to.equal(0n);
  });

  for (const [label, modulus] of moduli) {
    it(`modPow and createModPow agree with modPowBigInt, ${label}, incl. edge cases`, function () {
      const bound = createModPow(modulus);
      const cases: Array<[bigint, bigint]> = [];
      for (let round = 0; round < 20; round += 1) {
        cases.push([randomBelow(modulus), randomBelow(modulus)]);
        cases.push([randomBelow(modulus), randomBelow(1n << 64n)]);
      }
      cases.push(
        [0n, 5n], [1n, 12345n], [modulus - 1n, 2n], [modulus - 1n, 3n], [2n, 0n], [2n, 1n],
        [modulus + 3n, 7n], [-3n, 7n], [modulus - 2n, 1n], [3n, 65_537n],
      );
      for (const [base, exponent] of cases) {
        const expected = modPowBigInt(base, exponent, modulus);
        expect(modPow(base, exponent, modulus)).to.equal(expected);
        expect(bound(base, exponent)).to.equal(expected);
      }
    });
  }

  it("falls back when the result is 1 or m − 1 (OpenSSL refuses those): Fermat, Euler, Paillier c^(p−1) mod p²", function () {
    const p = p512;
    expect(modPow(7n, p - 1n, p)).to.equal(1n);
    const half = (p - 1n) / 2n;
    for (const base of [2n, 3n, 5n, 7n, 11n]) {
      const legendre = modPowBigInt(base, half, p);
      expect([1n, p - 1n]).to.include(legendre);
      expect(modPow(base, half, p)).to.equal(legendre);
    }
    // c = (1 + k·p·n)·r^n: c^(p−1) ≡ 1 (mod p²) exactly when the plaintext is ≡ 0 (mod p).
    const key = testKey("n1040");
    const pSquared = key.pSquared;
    const r = 123_456_789n;
    const c = ((1n + key.p * 17n * key.publicKey.n) * modPowBigInt(r, key.publicKey.n, key.publicKey.n2)) % key.publicKey.n2;
    expect(modPow(c, key.p - 1n, pSquared)).to.equal(1n);
    expect(createModPow(pSquared)(c, key.p - 1n)).to.equal(1n);
  });

  it("the OpenSSL route itself computes what BigInt does, and refuses results 0, 1, m − 1 (returns undefined)", function () {
    for (const modulus of [p512, p512 * p512, (p512 * q512) ** 2n]) {
      for (let round = 0; round < 10; round += 1) {
        const base = 2n + randomBelow(modulus - 3n);
        const exponent = 1n + randomBelow(modulus);
        const viaOpenSsl = openSslModPow(base, exponent, modulus);
        expect(typeof viaOpenSsl, "the OpenSSL route must be available on this Node").to.equal("bigint");
        expect(viaOpenSsl).to.equal(modPowBigInt(base, exponent, modulus));
      }
    }
    expect(openSslModPow(5n, p512 - 1n, p512)).to.be.undefined; // result 1
    const nonResidue = [2n, 3n, 5n, 7n, 11n, 13n].find((b) => modPowBigInt(b, (p512 - 1n) / 2n, p512) === p512 - 1n);
    if (nonResidue !== undefined) {
      expect(openSslModPow(nonResidue, (p512 - 1n) / 2n, p512)).to.be.undefined; // result m − 1
    }
    expect(openSslModPow(p300 * 5n, 2n, p300 * p300)).to.be.undefined; // result 0: p300² divides (5·p300)²
  });

  it("rejects malformed arguments with PaillierParameterError", function () {
    expect(() => modPow(2n, -1n, 7n)).to.throw(PaillierParameterError, /exponent/);
    expect(() => modPow(2n, 3n, 0n)).to.throw(PaillierParameterError, /modulus/);
    expect(() => modPow(2 as unknown as bigint, 3n, 7n)).to.throw(PaillierParameterError, /base/);
    expect(() => modPowBigInt(2n, 3 as unknown as bigint, 7n)).to.throw(PaillierParameterError, /exponent/);
    expect(() => createModPow(-5n)).to.throw(PaillierParameterError, /modulus/);
  });
});
