import { expect } from "chai";
import * as paillierBigint from "paillier-bigint";
import {
  PaillierInsecureKeyError,
  PaillierKeyError,
  add,
  decrypt,
  encrypt,
  encryptAsOwner,
  fromPaillierBigint,
  recoverNonce,
  toPaillierBigint,
  type PaillierPrivateKey,
} from "../../../../offchain/crypto/index.js";
import { generatedKeyPair, randomBelow, testKey } from "../../../helpers/paillier-keys.js";

describe("offchain/crypto/paillier interop with paillier-bigint 3.4.3", function () {
  const keys: Array<[string, () => Promise<PaillierPrivateKey>]> = [
    ["insecure 1040-bit test key", () => Promise.resolve(testKey("n1040"))],
    ["generated 2048-bit key", async () => (await generatedKeyPair(2048)).privateKey],
  ];

  for (const [label, load] of keys) {
    describe(label, function () {
      let key: PaillierPrivateKey;
      let theirs: paillierBigint.PrivateKey;
      before(async function () {
        this.timeout(120_000);
        key = await load();
        theirs = toPaillierBigint({ privateKey: key });
      });

      it("converts keys to the simple variant (g = n + 1, λ = φ(n), μ = λ⁻¹ mod n)", function () {
        expect(theirs.publicKey.n).to.equal(key.publicKey.n);
        expect(theirs.publicKey.g).to.equal(key.publicKey.n + 1n);
        expect(theirs.lambda).to.equal((key.p - 1n) * (key.q - 1n));
        expect(toPaillierBigint({ publicKey: key.publicKey }).n).to.equal(key.publicKey.n);
      });

      it("our encrypt → their decrypt, their encrypt → our decrypt, same ciphertext for the same r", function () {
        const { n } = key.publicKey;
        for (let round = 0; round < 3; round += 1) {
          const m = randomBelow(n);
          const r = 1n + randomBelow(n - 1n);
          expect(theirs.decrypt(encrypt({ publicKey: key.publicKey, m }))).to.equal(m);
          expect(theirs.decrypt(encryptAsOwner({ privateKey: key, m }))).to.equal(m);
          expect(decrypt({ privateKey: key, c: theirs.publicKey.encrypt(m) })).to.equal(m);
          expect(encrypt({ publicKey: key.publicKey, m, r })).to.equal(theirs.publicKey.encrypt(m, r));
        }
      });

      it("adds homomorphically across libraries, and both recover the same nonce", function () {
        const { n } = key.publicKey;
        const a = randomBelow(n);
        const b = randomBelow(n);
        const ours = encrypt({ publicKey: key.publicKey, m: a });
        const foreign = theirs.publicKey.encrypt(b);
        const sumOurs = add({ publicKey: key.publicKey, a: ours, b: foreign });
        const sumTheirs = theirs.publicKey.addition(ours, foreign);
        expect(sumOurs).to.equal(sumTheirs);
        expect(decrypt({ privateKey: key, c: sumTheirs })).to.equal((a + b) % n);
        expect(theirs.decrypt(sumOurs)).to.equal((a + b) % n);
        expect(recoverNonce({ privateKey: key, c: foreign })).to.equal(theirs.getRandomFactor(foreign));
      });

      it("converts back: fromPaillierBigint gives an equivalent key", function () {
        const insecure = key.publicKey.bits < 2048;
        const back = fromPaillierBigint({ privateKey: theirs, allowInsecureKeySize: insecure });
        expect(back.p).to.equal(key.p);
        expect(back.publicKey.n).to.equal(key.publicKey.n);
        const publicBack = fromPaillierBigint({ publicKey: theirs.publicKey, allowInsecureKeySize: insecure });
        expect(decrypt({ privateKey: back, c: encrypt({ publicKey: publicBack, m: 31n }) })).to.equal(31n);
      });
    });
  }

  it("imports a key paillier-bigint generated (simple variant, unequal prime sizes)", async function () {
    this.timeout(60_000);
    const generated = await paillierBigint.generateRandomKeys(512, true);
    const key = fromPaillierBigint({ privateKey: generated.privateKey, allowInsecureKeySize: true });
    expect(key.publicKey.n).to.equal(generated.publicKey.n);
    const m = 123_456_789n;
    expect(decrypt({ privateKey: key, c: generated.publicKey.encrypt(m) })).to.equal(m);
    expect(generated.privateKey.decrypt(encryptAsOwner({ privateKey: key, m }))).to.equal(m);
  });

  it("refuses keys it cannot use: random g, no primes, inconsistent primes, small without the flag, other objects", function () {
    const key = testKey("n600");
    const { n } = key.publicKey;
    const randomG = new paillierBigint.PublicKey(n, n + 1n + n * 5n);
    expect(() => fromPaillierBigint({ publicKey: randomG, allowInsecureKeySize: true })).to.throw(PaillierKeyError, /g = n \+ 1/);
    const simple = new paillierBigint.PublicKey(n, n + 1n);
    const withoutPrimes = new paillierBigint.PrivateKey(key.lambda, key.mu, simple);
    expect(() => fromPaillierBigint({ privateKey: withoutPrimes, allowInsecureKeySize: true })).to.throw(PaillierKeyError, /primes/);
    const wrongPrimes = new paillierBigint.PrivateKey(key.lambda, key.mu, simple, key.p, key.p);
    expect(() => fromPaillierBigint({ privateKey: wrongPrimes, allowInsecureKeySize: true })).to.throw(PaillierKeyError);
    expect(() => fromPaillierBigint({ publicKey: simple })).to.throw(PaillierInsecureKeyError);
    expect(() => fromPaillierBigint({ publicKey: { n, g: n + 1n } as unknown as paillierBigint.PublicKey })).to.throw(PaillierKeyError);
    expect(() => toPaillierBigint({ publicKey: { n, n2: n * n, bits: 600 } })).to.throw(PaillierKeyError);
  });
});
