import { expect } from "chai";
import {
  PAILLIER_SCHEME,
  PaillierInsecureKeyError,
  PaillierJsonError,
  PaillierKeyError,
  PaillierParameterError,
  decrypt,
  encrypt,
  generatePaillierKeyPair,
  privateKeyFromJson,
  privateKeyFromPrimes,
  privateKeyToJson,
  publicKeyFromJson,
  publicKeyFromN,
  publicKeyToJson,
} from "../../../../offchain/crypto/index.js";
import { TEST_PRIMES, generatedKeyPair, testKey } from "../../../helpers/paillier-keys.js";

describe("offchain/crypto/paillier keys", function () {
  describe("generatePaillierKeyPair", function () {
    it("generates a 2048-bit key: n exactly 2048 bits, primes of 1024, far apart, consistent CRT constants", async function () {
      this.timeout(120_000);
      const { publicKey, privateKey } = await generatedKeyPair(2048);
      const { p, q } = privateKey;
      expect(publicKey).to.equal(privateKey.publicKey);
      expect(publicKey.bits).to.equal(2048);
      expect(publicKey.n.toString(2)).to.have.length(2048);
      expect(publicKey.n).to.equal(p * q);
      expect(publicKey.n2).to.equal(publicKey.n ** 2n);
      expect(p.toString(2)).to.have.length(1024);
      expect(q.toString(2)).to.have.length(1024);
      expect((p > q ? p - q : q - p).toString(2).length).to.be.greaterThan(1024 - 100);
      expect((privateKey.qInverseModP * q) % p).to.equal(1n);
      expect((privateKey.lambda * privateKey.mu) % publicKey.n).to.equal(1n);
    });

    it("generates small keys only with allowInsecureKeySize, of exactly the requested size", async function () {
      for (const bits of [16, 32, 64, 256]) {
        const { publicKey, privateKey } = await generatePaillierKeyPair({ bits, allowInsecureKeySize: true });
        expect(publicKey.bits).to.equal(bits);
        expect(privateKey.p).to.not.equal(privateKey.q);
        const c = encrypt({ publicKey, m: 3n });
        expect(decrypt({ privateKey, c })).to.equal(3n);
      }
      const error = await generatePaillierKeyPair({ bits: 1024 }).catch((caught: unknown) => caught);
      expect(error).to.be.instanceOf(PaillierInsecureKeyError);
      expect((error as PaillierInsecureKeyError).message).to.match(/1024 bits is below the minimum of 2048 bits.*allowInsecureKeySize/);
      const tooSmall = await generatePaillierKeyPair({ bits: 14, allowInsecureKeySize: true }).catch((caught: unknown) => caught);
      expect(tooSmall).to.be.instanceOf(PaillierInsecureKeyError);
    });

    it("rejects odd, fractional, non-number sizes and a non-boolean flag", async function () {
      for (const bits of [2047, 2048.5, "2048" as unknown as number, 32_768]) {
        const error = await generatePaillierKeyPair({ bits }).catch((caught: unknown) => caught);
        expect(error).to.be.instanceOf(PaillierParameterError);
      }
      const error = await generatePaillierKeyPair({ bits: 64, allowInsecureKeySize: "yes" as unknown as boolean }).catch(
        (caught: unknown) => caught,
      );
      expect(error).to.be.instanceOf(PaillierParameterError);
    });
  });

  describe("privateKeyFromPrimes", function () {
    it("rebuilds the same key (same n, same ciphertexts) from the primes, in either order", function () {
      const key = testKey("n600");
      const swapped = privateKeyFromPrimes({ p: key.q, q: key.p, allowInsecureKeySize: true });
      expect(swapped.publicKey.n).to.equal(key.publicKey.n);
      const c = encrypt({ publicKey: key.publicKey, m: 99n, r: 5n });
      expect(encrypt({ publicKey: swapped.publicKey, m: 99n, r: 5n })).to.equal(c);
      expect(decrypt({ privateKey: swapped, c })).to.equal(99n);
    });

    it("rejects p = q, non-primes, non-bigints, tiny keys without the flag", function () {
      const { p, q } = TEST_PRIMES.n256;
      expect(() => privateKeyFromPrimes({ p, q: p, allowInsecureKeySize: true })).to.throw(PaillierKeyError, /equal/);
      expect(() => privateKeyFromPrimes({ p: p * 3n, q, allowInsecureKeySize: true })).to.throw(PaillierKeyError, /p is not prime/);
      expect(() => privateKeyFromPrimes({ p, q: q + 2n, allowInsecureKeySize: true })).to.throw(PaillierKeyError, /q is not prime/);
      expect(() => privateKeyFromPrimes({ p: 2n, q, allowInsecureKeySize: true })).to.throw(PaillierKeyError, /odd prime/);
      expect(() => privateKeyFromPrimes({ p: 47917 as unknown as bigint, q, allowInsecureKeySize: true })).to.throw(
        PaillierKeyError,
        /a number/,
      );
      expect(() => privateKeyFromPrimes({ p, q })).to.throw(PaillierInsecureKeyError, /256 bits/);
      expect(() => privateKeyFromPrimes({ p: 7n, q: 11n, allowInsecureKeySize: true })).to.throw(PaillierInsecureKeyError);
      // gcd(n, (p−1)(q−1)) ≠ 1 when q divides p − 1: q = 65537, p = 14·65537 + 1 = 917519 (both prime).
      expect(() => privateKeyFromPrimes({ p: 917_519n, q: 65_537n, allowInsecureKeySize: true })).to.throw(
        PaillierKeyError,
        /gcd/,
      );
    });

    it("rejects primes closer than 2^(bits/2 − 100) at secure sizes (Fermat factoring)", async function () {
      this.timeout(120_000);
      const { privateKey } = await generatedKeyPair(2048);
      // The next prime after p is certainly within 2^(1024 − 100) of it.
      let near = privateKey.p + 2n;
      const { checkPrimeSync } = await import("node:crypto");
      while (!checkPrimeSync(near)) {
        near += 2n;
      }
      expect(() => privateKeyFromPrimes({ p: privateKey.p, q: near })).to.throw(PaillierKeyError, /too close/);
      expect(privateKeyFromPrimes({ p: privateKey.p, q: privateKey.q }).publicKey.n).to.equal(privateKey.publicKey.n);
    });
  });

  describe("publicKeyFromN", function () {
    it("accepts an odd n of allowed size and rejects the rest", function () {
      const key = testKey("n256");
      const publicKey = publicKeyFromN({ n: key.publicKey.n, allowInsecureKeySize: true });
      expect(publicKey.n).to.equal(key.publicKey.n);
      expect(publicKey.bits).to.equal(256);
      const c = encrypt({ publicKey, m: 12n });
      expect(decrypt({ privateKey: key, c })).to.equal(12n);
      expect(() => publicKeyFromN({ n: key.publicKey.n })).to.throw(PaillierInsecureKeyError);
      expect(() => publicKeyFromN({ n: key.publicKey.n + 1n, allowInsecureKeySize: true })).to.throw(PaillierKeyError, /even/);
      expect(() => publicKeyFromN({ n: 0n, allowInsecureKeySize: true })).to.throw(PaillierKeyError);
      expect(() => publicKeyFromN({ n: 12345 as unknown as bigint, allowInsecureKeySize: true })).to.throw(PaillierKeyError);
      expect(() => publicKeyFromN({ n: 32_767n, allowInsecureKeySize: true })).to.throw(PaillierInsecureKeyError);
    });
  });

  describe("JSON", function () {
    it("round-trips public and private keys through JSON text", function () {
      const key = testKey("n600");
      const publicJson = publicKeyToJson({ publicKey: key.publicKey });
      expect(publicJson).to.deep.equal({ scheme: PAILLIER_SCHEME, n: key.publicKey.n.toString() });
      const privateJson = privateKeyToJson({ privateKey: key });
      expect(privateJson).to.deep.equal({ scheme: "paillier-g=n+1", p: key.p.toString(), q: key.q.toString() });

      const publicKey = publicKeyFromJson({ json: JSON.stringify(publicJson), allowInsecureKeySize: true });
      const privateKey = privateKeyFromJson({ json: JSON.parse(JSON.stringify(privateJson)), allowInsecureKeySize: true });
      expect(publicKey.n).to.equal(key.publicKey.n);
      expect(privateKey.publicKey.n).to.equal(key.publicKey.n);
      expect(decrypt({ privateKey, c: encrypt({ publicKey, m: 4242n }) })).to.equal(4242n);
    });

    it("keeps the size check: a small key needs the flag when read back", function () {
      const publicJson = publicKeyToJson({ publicKey: testKey("n256").publicKey });
      expect(() => publicKeyFromJson({ json: publicJson })).to.throw(PaillierInsecureKeyError);
      const privateJson = privateKeyToJson({ privateKey: testKey("n256") });
      expect(() => privateKeyFromJson({ json: privateJson })).to.throw(PaillierInsecureKeyError);
    });

    const n = testKey("n256").publicKey.n.toString();
    const malformed: Array<[string, unknown]> = [
      ["invalid JSON text", "{ scheme:"],
      ["null", null],
      ["an array", [n]],
      ["a number", 5],
      ["another scheme", { scheme: "paillier-random-g", n }],
      ["no scheme", { n }],
      ["n missing", { scheme: PAILLIER_SCHEME }],
      ["n as a number", { scheme: PAILLIER_SCHEME, n: 12345 }],
      ["n in hex", { scheme: PAILLIER_SCHEME, n: "0x1f" }],
      ["n with a sign", { scheme: PAILLIER_SCHEME, n: `-${n}` }],
      ["n with leading zeros", { scheme: PAILLIER_SCHEME, n: `00${n}` }],
      ["n with spaces", { scheme: PAILLIER_SCHEME, n: ` ${n}` }],
      ["n absurdly long", { scheme: PAILLIER_SCHEME, n: "9".repeat(6000) }],
    ];
    for (const [label, json] of malformed) {
      it(`publicKeyFromJson rejects ${label} with PaillierJsonError`, function () {
        expect(() => publicKeyFromJson({ json, allowInsecureKeySize: true })).to.throw(PaillierJsonError);
      });
    }

    it("privateKeyFromJson rejects missing or malformed primes, and invalid ones as keys", function () {
      const { p, q } = TEST_PRIMES.n256;
      expect(() => privateKeyFromJson({ json: { scheme: PAILLIER_SCHEME, p: p.toString() }, allowInsecureKeySize: true })).to.throw(
        PaillierJsonError,
        /q/,
      );
      expect(() =>
        privateKeyFromJson({ json: { scheme: PAILLIER_SCHEME, p: p.toString(), q: "x" }, allowInsecureKeySize: true }),
      ).to.throw(PaillierJsonError);
      expect(() =>
        privateKeyFromJson({ json: { scheme: PAILLIER_SCHEME, p: p.toString(), q: (q + 2n).toString() }, allowInsecureKeySize: true }),
      ).to.throw(PaillierKeyError, /not prime/);
    });
  });
});
