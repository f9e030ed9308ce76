import { expect } from "chai";
import {
  PaillierCiphertextError,
  PaillierKeyError,
  PaillierNonceError,
  PaillierNoncePoolError,
  PaillierParameterError,
  PaillierPlaintextRangeError,
  add,
  addPlain,
  createNoncePool,
  decrypt,
  encrypt,
  encryptAsOwner,
  modPowBigInt,
  multiplyPlain,
  negate,
  recoverNonce,
  rerandomize,
  subtract,
  verifyNonce,
  type PaillierPrivateKey,
} from "../../../../offchain/crypto/index.js";
import { generatedKeyPair, randomBelow, testKey, type TestKeyName } from "../../../helpers/paillier-keys.js";

/** A random r ∈ Z*_n. */
function randomNonce(n: bigint): bigint {
  for (;;) {
    const r = randomBelow(n);
    if (r > 0n && gcdOf(r, n) === 1n) {
      return r;
    }
  }
}

function gcdOf(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcdOf(b, a % b);
}

/** Textbook Paillier encryption with g = n + 1, written independently of the module. */
function textbookEncrypt(n: bigint, m: bigint, r: bigint): bigint {
  const n2 = n * n;
  return (modPowBigInt(n + 1n, m, n2) * modPowBigInt(r, n, n2)) % n2;
}

const SMALL_KEYS: readonly TestKeyName[] = ["paper32", "n128", "n256", "n600", "n1040"];
const ROUNDS = 12;

describe("offchain/crypto/paillier (g = n + 1)", function () {
  describe("known answers", function () {
    // The paper's 32-bit key n = 2830121771 = 47917 · 59063 (Nasu et al., Figs. 6–7).
    const paper = testKey("paper32");

    it("has the paper's modulus", function () {
      expect(paper.publicKey.n).to.equal(2830121771n);
      expect(paper.publicKey.n2).to.equal(8009589238688176441n);
      expect(paper.publicKey.bits).to.equal(32);
    });

    // Computed by hand with plain BigInt: c = (1 + m·n) · r^n mod n².
    const vectors = [
      { m: 0n, r: 1234567n, c: 1861700142741969934n },
      { m: 1n, r: 1234567n, c: 5702739446238660860n },
      { m: 42n, r: 987654321n, c: 1445305963181185987n },
      { m: 2830121770n, r: 2718281828n, c: 4967831202475420n },
    ];
    for (const { m, r, c } of vectors) {
      it(`Enc(m = ${m}, r = ${r}) = ${c}, by both encryption paths, and back`, function () {
        expect(encrypt({ publicKey: paper.publicKey, m, r })).to.equal(c);
        expect(encryptAsOwner({ privateKey: paper, m, r })).to.equal(c);
        expect(textbookEncrypt(paper.publicKey.n, m, r)).to.equal(c);
        expect(decrypt({ privateKey: paper, c })).to.equal(m);
        expect(recoverNonce({ privateKey: paper, c })).to.equal(r);
      });
    }

    it("decrypts the paper's published ciphertexts (Fig. 6 T1Q/T2Q, Fig. 7 XOR) to bits, LSB first", function () {
      const t1q = [4980725921889483287n, 6153175584547932505n, 5152481051748019804n, 5813075183914971851n,
        3053687218029093382n, 7519445935057616693n, 5554622124560261958n, 7416830349963219832n];
      const t2q = [2447649126763497706n, 5735021179952371458n, 2086631069180094640n, 5721113090521884487n,
        599323575824742571n, 4996588965493540626n];
      const xor = [583480160070342483n, 607114339157570618n, 5461098146576138368n, 1676259776696891574n,
        5230036970634472003n, 7916196753652125780n];
      const bits = (cs: bigint[]) => cs.map((c) => decrypt({ privateKey: paper, c }));
      expect(bits(t1q)).to.deep.equal([1n, 1n, 0n, 1n, 0n, 0n, 0n, 0n]); // X = 11
      expect(bits(t2q)).to.deep.equal([0n, 1n, 0n, 1n, 0n, 0n]); // Y = 10
      expect(bits(xor)).to.deep.equal([1n, 0n, 0n, 0n, 0n, 0n]); // X ⊕ Y = 1
      for (const c of [...t1q, ...t2q, ...xor]) {
        const r = recoverNonce({ privateKey: paper, c });
        expect(verifyNonce({ publicKey: paper.publicKey, c, m: decrypt({ privateKey: paper, c }), r })).to.equal(true);
      }
    });
  });

  for (const name of SMALL_KEYS) {
    describe(`properties, insecure test key ${name}`, function () {
      let key: PaillierPrivateKey;
      before(function () {
        key = testKey(name);
      });
      const publicKey = () => key.publicKey;
      const n = () => key.publicKey.n;

      it("Dec(Enc(m)) = m for encrypt and encryptAsOwner; both give the textbook ciphertext for a given r", function () {
        for (let round = 0; round < ROUNDS; round += 1) {
          const m = randomBelow(n());
          const r = randomNonce(n());
          const c = encrypt({ publicKey: publicKey(), m, r });
          expect(c).to.equal(textbookEncrypt(n(), m, r));
          expect(encryptAsOwner({ privateKey: key, m, r })).to.equal(c);
          expect(decrypt({ privateKey: key, c })).to.equal(m);
          expect(decrypt({ privateKey: key, c: encrypt({ publicKey: publicKey(), m }) })).to.equal(m);
          expect(decrypt({ privateKey: key, c: encryptAsOwner({ privateKey: key, m }) })).to.equal(m);
        }
      });

      it("fresh encryptions of the same m differ", function () {
        const a = encrypt({ publicKey: publicKey(), m: 1n });
        const b = encrypt({ publicKey: publicKey(), m: 1n });
        const c = encryptAsOwner({ privateKey: key, m: 1n });
        expect(new Set([a, b, c]).size).to.equal(3);
      });

      it("decrypts plaintexts ≡ 0 mod p or mod q (CRT with c^(p−1) mod p² = 1: the OpenSSL pitfall)", function () {
        const { p, q } = key;
        const plaintexts = [0n, p, q, 2n * p, (q - 1n) * p, (p - 1n) * q, p * randomBelow(q), q * randomBelow(p), 1n, n() - 1n];
        for (const m of plaintexts) {
          for (const c of [encrypt({ publicKey: publicKey(), m }), encryptAsOwner({ privateKey: key, m })]) {
            expect(decrypt({ privateKey: key, c })).to.equal(m);
          }
        }
        // Trivial ciphertexts 1 = Enc(0, r = 1) and n² − 1 = Enc(0, r = n − 1)... both ±1 mod p².
        expect(decrypt({ privateKey: key, c: 1n })).to.equal(0n);
        expect(decrypt({ privateKey: key, c: key.publicKey.n2 - 1n })).to.equal(0n);
      });

      it("Dec(add(Enc(a), Enc(b))) = a + b mod n; subtract gives a − b mod n", function () {
        for (let round = 0; round < ROUNDS; round += 1) {
          const a = randomBelow(n());
          const b = randomBelow(n());
          const ca = encrypt({ publicKey: publicKey(), m: a });
          const cb = encryptAsOwner({ privateKey: key, m: b });
          expect(decrypt({ privateKey: key, c: add({ publicKey: publicKey(), a: ca, b: cb }) })).to.equal((a + b) % n());
          expect(decrypt({ privateKey: key, c: subtract({ publicKey: publicKey(), a: ca, b: cb }) })).to.equal(
            (((a - b) % n()) + n()) % n(),
          );
        }
      });

      it("addPlain adds a signed constant; multiplyPlain multiplies by a signed scalar", function () {
        for (let round = 0; round < ROUNDS; round += 1) {
          const m = randomBelow(n());
          const k = randomBelow(n());
          const c = encrypt({ publicKey: publicKey(), m });
          const mod = (x: bigint) => ((x % n()) + n()) % n();
          expect(decrypt({ privateKey: key, c: addPlain({ publicKey: publicKey(), c, m: k }) })).to.equal(mod(m + k));
          expect(decrypt({ privateKey: key, c: addPlain({ publicKey: publicKey(), c, m: -k }) })).to.equal(mod(m - k));
          expect(decrypt({ privateKey: key, c: multiplyPlain({ publicKey: publicKey(), c, k }) })).to.equal(mod(m * k));
          expect(decrypt({ privateKey: key, c: multiplyPlain({ publicKey: publicKey(), c, k: -k }) })).to.equal(mod(-m * k));
        }
        const c = encrypt({ publicKey: publicKey(), m: 5n });
        expect(multiplyPlain({ publicKey: publicKey(), c, k: 0n })).to.equal(1n);
        expect(multiplyPlain({ publicKey: publicKey(), c, k: 1n })).to.equal(c);
        expect(decrypt({ privateKey: key, c: multiplyPlain({ publicKey: publicKey(), c, k: -1n }) })).to.equal(n() - 5n);
        expect(decrypt({ privateKey: key, c: multiplyPlain({ publicKey: publicKey(), c, k: 3n }) })).to.equal(15n % n());
      });

      it("negate = c⁻¹: Dec = −m mod n, same plaintext as the paper's C^(n−1) (= c⁻¹ · (r^n)^n)", function () {
        for (let round = 0; round < ROUNDS; round += 1) {
          const m = randomBelow(n());
          const r = randomNonce(n());
          const c = encrypt({ publicKey: publicKey(), m, r });
          const negated = negate({ publicKey: publicKey(), c });
          const paperNegation = modPowBigInt(c, n() - 1n, key.publicKey.n2);
          expect((negated * c) % key.publicKey.n2).to.equal(1n);
          expect(decrypt({ privateKey: key, c: negated })).to.equal((n() - m) % n());
          expect(decrypt({ privateKey: key, c: paperNegation })).to.equal((n() - m) % n());
          // C^(n−1) = C⁻¹ · C^n = C⁻¹ · r^(n²): the negation rerandomized by the nonce r^n mod n.
          expect(rerandomize({ publicKey: publicKey(), c: negated, r: modPowBigInt(r, n(), n()) })).to.equal(paperNegation);
        }
      });

      it("rerandomize changes c and keeps m", function () {
        for (let round = 0; round < ROUNDS; round += 1) {
          const m = randomBelow(n());
          const c = encrypt({ publicKey: publicKey(), m });
          const fresh = rerandomize({ publicKey: publicKey(), c });
          expect(fresh).to.not.equal(c);
          expect(decrypt({ privateKey: key, c: fresh })).to.equal(m);
        }
      });

      it("recoverNonce(Enc(m, r)) = r; verifyNonce accepts it and rejects a wrong r or m", function () {
        for (let round = 0; round < ROUNDS; round += 1) {
          const m = randomBelow(n());
          const r = randomNonce(n());
          const c = (round & 1) === 0 ? encrypt({ publicKey: publicKey(), m, r }) : encryptAsOwner({ privateKey: key, m, r });
          expect(recoverNonce({ privateKey: key, c })).to.equal(r);
          expect(verifyNonce({ publicKey: publicKey(), c, m, r })).to.equal(true);
          let wrongR = randomNonce(n());
          while (wrongR === r) {
            wrongR = randomNonce(n());
          }
          expect(verifyNonce({ publicKey: publicKey(), c, m, r: wrongR })).to.equal(false);
          expect(verifyNonce({ publicKey: publicKey(), c, m: (m + 1n) % n(), r })).to.equal(false);
        }
        // Owner encryption without r and owner pools draw the n-th residue directly; the nonce still exists.
        const ownerPool = createNoncePool({ privateKey: key, size: 2 });
        for (const c of [
          encryptAsOwner({ privateKey: key, m: 5n % n() }),
          encryptAsOwner({ privateKey: key, m: 5n % n(), pool: ownerPool }),
          encrypt({ publicKey: publicKey(), m: 5n % n(), pool: ownerPool }),
        ]) {
          const r = recoverNonce({ privateKey: key, c });
          expect(verifyNonce({ publicKey: publicKey(), c, m: 5n % n(), r })).to.equal(true);
          expect(encrypt({ publicKey: publicKey(), m: 5n % n(), r })).to.equal(c);
        }
        // Also for a derived ciphertext (the comparison reveals nonces of computed z_i).
        const sum = add({ publicKey: publicKey(), a: encrypt({ publicKey: publicKey(), m: 3n }), b: encrypt({ publicKey: publicKey(), m: 4n }) });
        const r = recoverNonce({ privateKey: key, c: sum });
        expect(verifyNonce({ publicKey: publicKey(), c: sum, m: 7n % n(), r })).to.equal(true);
      });

      it("pool encryption decrypts right, never reuses an entry, and empties", function () {
        for (const pool of [createNoncePool({ publicKey: publicKey(), size: 6 }), createNoncePool({ privateKey: key, size: 6 })]) {
          expect(pool.remaining).to.equal(6);
          const seen = new Set<bigint>();
          const plaintexts = [0n, 1n, key.p, randomBelow(n()), randomBelow(n())];
          for (const m of plaintexts) {
            const c = encrypt({ publicKey: publicKey(), m, pool });
            seen.add((c * (1n - m * n() + key.publicKey.n2)) % key.publicKey.n2); // the factor r^n used
            expect(decrypt({ privateKey: key, c })).to.equal(m);
          }
          const c = encryptAsOwner({ privateKey: key, m: 9n % n(), pool });
          expect(decrypt({ privateKey: key, c })).to.equal(9n % n());
          expect(seen.size).to.equal(plaintexts.length);
          expect(pool.remaining).to.equal(0);
          expect(() => encrypt({ publicKey: publicKey(), m: 1n, pool })).to.throw(PaillierNoncePoolError);
          expect(() => rerandomize({ publicKey: publicKey(), c, pool })).to.throw(PaillierNoncePoolError);
        }
      });
    });
  }

  describe("properties, generated 2048-bit key", function () {
    let key: PaillierPrivateKey;
    before(async function () {
      this.timeout(120_000);
      key = (await generatedKeyPair(2048)).privateKey;
    });

    it("round-trips, adds, negates, recovers nonces, decrypts multiples of p and q", function () {
      const { publicKey } = key;
      const { n } = publicKey;
      for (let round = 0; round < 3; round += 1) {
        const a = randomBelow(n);
        const b = randomBelow(n);
        const r = randomNonce(n);
        const ca = encrypt({ publicKey, m: a, r });
        expect(encryptAsOwner({ privateKey: key, m: a, r })).to.equal(ca);
        const cb = encryptAsOwner({ privateKey: key, m: b });
        expect(decrypt({ privateKey: key, c: ca })).to.equal(a);
        expect(decrypt({ privateKey: key, c: add({ publicKey, a: ca, b: cb }) })).to.equal((a + b) % n);
        expect(decrypt({ privateKey: key, c: negate({ publicKey, c: ca }) })).to.equal((n - a) % n);
        expect(recoverNonce({ privateKey: key, c: ca })).to.equal(r);
        expect(verifyNonce({ publicKey, c: ca, m: a, r })).to.equal(true);
      }
      for (const m of [0n, key.p, key.q, 5n * key.p]) {
        expect(decrypt({ privateKey: key, c: encryptAsOwner({ privateKey: key, m }) })).to.equal(m);
      }
      const pool = createNoncePool({ privateKey: key, size: 2 });
      expect(decrypt({ privateKey: key, c: encrypt({ publicKey, m: 77n, pool }) })).to.equal(77n);
    });
  });

  describe("input validation", function () {
    const key = testKey("n256");
    const { publicKey } = key;
    const { n, n2 } = publicKey;
    const good = encrypt({ publicKey, m: 1n });

    const badCiphertexts: Array<[string, unknown]> = [
      ["0", 0n],
      ["negative", -good],
      ["n²", n2],
      ["> n²", n2 + good],
      ["a multiple of p", key.p],
      ["a multiple of q", key.q * 3n],
      ["a number", 5],
      ["a string", "5"],
      ["undefined", undefined],
    ];
    for (const [label, c] of badCiphertexts) {
      it(`rejects ciphertext ${label} everywhere with PaillierCiphertextError`, function () {
        const cx = c as bigint;
        expect(() => decrypt({ privateKey: key, c: cx })).to.throw(PaillierCiphertextError);
        expect(() => add({ publicKey, a: cx, b: good })).to.throw(PaillierCiphertextError);
        expect(() => add({ publicKey, a: good, b: cx })).to.throw(PaillierCiphertextError, /ciphertext b/);
        expect(() => subtract({ publicKey, a: good, b: cx })).to.throw(PaillierCiphertextError);
        expect(() => addPlain({ publicKey, c: cx, m: 1n })).to.throw(PaillierCiphertextError);
        expect(() => multiplyPlain({ publicKey, c: cx, k: 2n })).to.throw(PaillierCiphertextError);
        expect(() => negate({ publicKey, c: cx })).to.throw(PaillierCiphertextError);
        expect(() => rerandomize({ publicKey, c: cx })).to.throw(PaillierCiphertextError);
        expect(() => recoverNonce({ privateKey: key, c: cx })).to.throw(PaillierCiphertextError);
        expect(() => verifyNonce({ publicKey, c: cx, m: 1n, r: 1n })).to.throw(PaillierCiphertextError);
      });
    }

    it("rejects plaintexts outside [0, n) without printing them", function () {
      const secret = n + 123_456_789n;
      for (const m of [n, secret, -1n, 5 as unknown as bigint, "1" as unknown as bigint]) {
        expect(() => encrypt({ publicKey, m })).to.throw(PaillierPlaintextRangeError);
        expect(() => encryptAsOwner({ privateKey: key, m })).to.throw(PaillierPlaintextRangeError);
        expect(() => verifyNonce({ publicKey, c: good, m, r: 1n })).to.throw(PaillierPlaintextRangeError);
      }
      try {
        encrypt({ publicKey, m: secret });
        expect.fail("should have thrown");
      } catch (error) {
        expect(error).to.be.instanceOf(PaillierPlaintextRangeError);
        expect((error as Error).message).to.not.include(secret.toString());
        expect((error as Error).message).to.match(/expected a bigint in \[0, n\).*got a bigint ≥ n/);
        expect((error as PaillierPlaintextRangeError).code).to.equal("PAILLIER_PLAINTEXT_RANGE");
      }
    });

    it("rejects signed constants outside (−n, n)", function () {
      for (const k of [n, -n, n * 2n, 1 as unknown as bigint]) {
        expect(() => addPlain({ publicKey, c: good, m: k })).to.throw(PaillierPlaintextRangeError);
        expect(() => multiplyPlain({ publicKey, c: good, k })).to.throw(PaillierPlaintextRangeError);
      }
    });

    it("rejects nonces outside Z*_n", function () {
      for (const r of [0n, -1n, n, n + 1n, key.p, key.q * 2n, 7 as unknown as bigint]) {
        expect(() => encrypt({ publicKey, m: 1n, r })).to.throw(PaillierNonceError);
        expect(() => encryptAsOwner({ privateKey: key, m: 1n, r })).to.throw(PaillierNonceError);
        expect(() => rerandomize({ publicKey, c: good, r })).to.throw(PaillierNonceError);
        expect(() => verifyNonce({ publicKey, c: good, m: 1n, r })).to.throw(PaillierNonceError);
      }
    });

    it("rejects keys this module did not build (hand-made objects, clones, wrong kinds)", function () {
      const forged = { n, n2, bits: publicKey.bits };
      expect(() => encrypt({ publicKey: forged, m: 1n })).to.throw(PaillierKeyError, /publicKeyFromN/);
      expect(() => add({ publicKey: structuredClone(publicKey), a: good, b: good })).to.throw(PaillierKeyError);
      expect(() => decrypt({ privateKey: { ...key }, c: good })).to.throw(PaillierKeyError, /privateKeyFromPrimes/);
      expect(() => decrypt({ privateKey: publicKey as unknown as PaillierPrivateKey, c: good })).to.throw(PaillierKeyError);
      expect(() => encrypt({ publicKey: null as unknown as typeof publicKey, m: 1n })).to.throw(PaillierKeyError);
      expect(Object.isFrozen(publicKey)).to.equal(true);
      expect(Object.isFrozen(key)).to.equal(true);
    });

    it("rejects a pool of another key, a pool and r together, a fake pool, bad pool sizes", function () {
      const other = testKey("n128");
      const pool = createNoncePool({ privateKey: other, size: 1 });
      expect(() => encrypt({ publicKey, m: 1n, pool })).to.throw(PaillierNoncePoolError, /another public key/);
      expect(pool.remaining).to.equal(1);
      const own = createNoncePool({ publicKey, size: 1 });
      expect(() => encrypt({ publicKey, m: 1n, r: 5n, pool: own })).to.throw(PaillierParameterError, /r and pool/);
      const fake = { publicKey, take: () => 1n, remaining: 1 } as unknown as typeof own;
      expect(() => encrypt({ publicKey, m: 1n, pool: fake })).to.throw(PaillierParameterError, /createNoncePool/);
      for (const size of [-1, 1.5, Number.NaN, "3" as unknown as number, 10_000_000]) {
        expect(() => createNoncePool({ publicKey, size })).to.throw(PaillierParameterError, /size/);
      }
      expect(createNoncePool({ publicKey, size: 0 }).remaining).to.equal(0);
    });
  });
});
