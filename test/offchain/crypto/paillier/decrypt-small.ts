import { expect } from "chai";

import { PaillierCiphertextError, decrypt, decryptSmall, encrypt, encryptAsOwner } from "../../../../offchain/crypto/index.js";
import { generatedKeyPair, testKey, type TestKeyName } from "../../../helpers/paillier-keys.js";

// decryptSmall is half a CRT decryption (the p side); for |m| < p/2 it must equal the full
// decryption read as a signed value. The comparison relies on it for z values (|z| ≤ 3k + 2).
describe("offchain/crypto/paillier decryptSmall", function () {
  const signed = (m: bigint, n: bigint) => (m > n / 2n ? m - n : m);

  for (const name of ["n256", "n600", "n1040"] as const satisfies readonly TestKeyName[]) {
    it(`equals the signed full decryption for small m, key ${name}`, function () {
      const privateKey = testKey(name);
      const { publicKey } = privateKey;
      for (const m of [0n, 1n, 2n, 3n, 97n, 1000n, -1n, -2n, -98n, -1000n]) {
        const plain = ((m % publicKey.n) + publicKey.n) % publicKey.n;
        for (const c of [encrypt({ publicKey, m: plain }), encryptAsOwner({ privateKey, m: plain })]) {
          expect(decryptSmall({ privateKey, c }), `m = ${m}`).to.equal(m);
          expect(signed(decrypt({ privateKey, c }), publicKey.n)).to.equal(m);
        }
      }
    });
  }

  it("handles plaintexts that are multiples of p (the CRT pitfall) with a 2048-bit key", async function () {
    const { privateKey } = await generatedKeyPair(2048);
    const { publicKey, p } = privateKey;
    expect(decryptSmall({ privateKey, c: encrypt({ publicKey, m: 0n }) })).to.equal(0n);
    // m = p is not small, but m mod p = 0: half a decryption sees 0, which is why the caller
    // must know |m| < p/2.
    expect(decryptSmall({ privateKey, c: encrypt({ publicKey, m: p }) })).to.equal(0n);
  });

  it("refuses malformed ciphertexts", function () {
    const privateKey = testKey("n256");
    const { n, n2 } = privateKey.publicKey;
    for (const c of [0n, n2, n2 + 5n, n]) {
      expect(() => decryptSmall({ privateKey, c }), `c = ${c}`).to.throw(PaillierCiphertextError);
    }
  });
});
