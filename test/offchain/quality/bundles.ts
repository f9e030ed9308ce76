import { expect } from "chai";
import { keccak256 } from "ethers";
import {
  answerComparison,
  computeComparisonVectors,
  encryptQualityBits,
  verifyComparisonAnswer,
} from "../../../offchain/crypto/comparison/index.js";
import type { PaillierKeyPair } from "../../../offchain/crypto/paillier/index.js";
import { generatePaillierKeyPair } from "../../../offchain/crypto/paillier/index.js";
import {
  QualityBundleFieldError,
  QualityBundleFormatError,
  QualityBundleHashMismatchError,
  bundleHash,
  parseAnswerBundle,
  parseQualityBundle,
  parseRequestBundle,
  parseXorBundle,
  serializeAnswerBundle,
  serializeQualityBundle,
  serializeRequestBundle,
  serializeXorBundle,
} from "../../../offchain/quality/index.js";
import type { QualityPublicBundle } from "../../../offchain/quality/index.js";

const K = 8;
const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (text: string) => new TextEncoder().encode(text);
/** Edits the JSON of a bundle and re-encodes it canonically (so only the edited field is wrong). */
function edit(bytes: Uint8Array, change: (document: Record<string, unknown>) => void): Uint8Array {
  const document = JSON.parse(utf8(bytes)) as Record<string, unknown>;
  change(document);
  return bytesOf(JSON.stringify(document));
}

describe("offchain/quality bundles (canonical JSON, versioned)", function () {
  this.timeout(30_000);
  let keys: PaillierKeyPair;
  let publicBundle: QualityPublicBundle;
  let publicBytes: Uint8Array;
  let bits: { ex: bigint[]; ey: bigint[]; exor: bigint[] };
  const pairRef = { lotId: "LOT-0001", pairIndex: 3 };
  const parse = (bytes: Uint8Array) => parseQualityBundle(bytes, { allowInsecureKeySize: true });

  before(async function () {
    keys = await generatePaillierKeyPair({ bits: 512, allowInsecureKeySize: true });
    bits = encryptQualityBits({ privateKey: keys.privateKey, x: 200, y: 57, bitLength: K });
    publicBundle = { publicKey: keys.publicKey, bitLength: K, ...pairRef, labels: { t: "2024-05-01", t1: "2024-06-01" }, ex: bits.ex, ey: bits.ey };
    publicBytes = serializeQualityBundle(publicBundle);
  });

  it("serializes canonically: fixed key order, no whitespace, decimal strings", function () {
    const text = utf8(publicBytes);
    expect(text).to.match(
      /^\{"format":"sealedchain\.quality\.public","version":1,"scheme":"paillier-g=n\+1","n":"\d+","bitLength":8,"bitOrder":"lsb-first","lotId":"LOT-0001","pairIndex":3,"labels":\{"t":"2024-05-01","t1":"2024-06-01"\},"ex":\["\d+"(,"\d+"){7}\],"ey":\["\d+"(,"\d+"){7}\]\}$/,
    );
    expect(bundleHash(publicBytes)).to.equal(keccak256(publicBytes));
    expect(serializeQualityBundle(parse(publicBytes))).to.deep.equal(publicBytes);
  });

  it("round-trips all four kinds and runs the protocol from parsed bundles", function () {
    const xorBytes = serializeXorBundle({ publicKey: keys.publicKey, bitLength: K, pairRef, exor: bits.exor });
    const quality = parse(publicBytes);
    const xor = parseXorBundle(xorBytes, { allowInsecureKeySize: true, expectedHash: bundleHash(xorBytes) });
    expect(quality.publicKey.n).to.equal(keys.publicKey.n);
    expect(quality.ex).to.deep.equal(bits.ex);
    expect(xor.pairRef).to.deep.equal(pairRef);

    const parsedBits = { ex: quality.ex, ey: quality.ey, exor: xor.exor };
    const vectors = computeComparisonVectors({ publicKey: quality.publicKey, ...parsedBits });
    const requestBytes = serializeRequestBundle({ publicKey: quality.publicKey, bitLength: K, pairRef, ...vectors });
    const request = parseRequestBundle(requestBytes, { allowInsecureKeySize: true });
    expect(request.lt).to.deep.equal(vectors.lt);

    for (const disclose of ["relation-and-index", "relation"] as const) {
      const answer = answerComparison({ privateKey: keys.privateKey, ...parsedBits, request, disclose });
      const answerBytes = serializeAnswerBundle({ publicKey: keys.publicKey, bitLength: K, pairRef, answer });
      const parsed = parseAnswerBundle(answerBytes, { allowInsecureKeySize: true });
      expect(parsed.answer).to.deep.equal(answer);
      expect(verifyComparisonAnswer({ publicKey: quality.publicKey, ...parsedBits, answer: parsed.answer }).relation).to.equal("gt");
    }
    const same = encryptQualityBits({ privateKey: keys.privateKey, x: 9, y: 9, bitLength: K });
    const eqAnswer = answerComparison({
      privateKey: keys.privateKey,
      ...same,
      request: computeComparisonVectors({ publicKey: keys.publicKey, ...same }),
      disclose: "relation",
    });
    const eqBytes = serializeAnswerBundle({ publicKey: keys.publicKey, bitLength: K, pairRef, answer: eqAnswer });
    expect(utf8(eqBytes)).to.match(/"relation":"eq","nonce":"\d+"\}$/);
    expect(parseAnswerBundle(eqBytes, { allowInsecureKeySize: true }).answer).to.deep.equal(eqAnswer);
  });

  describe("refuses malformed bundles, naming the field", function () {
    const refuses = (bytes: Uint8Array, field: string) => {
      expect(() => parse(bytes)).to.throw(QualityBundleFieldError).with.property("field", field);
    };

    it("wrong format or version", function () {
      refuses(edit(publicBytes, (d) => (d["format"] = "sealedchain.quality.xor")), "format");
      refuses(edit(publicBytes, (d) => (d["version"] = 2)), "version");
      expect(() => parseXorBundle(publicBytes, { allowInsecureKeySize: true })).to.throw(QualityBundleFieldError, /"format"/);
    });

    it("missing bitOrder, or not lsb-first", function () {
      refuses(edit(publicBytes, (d) => delete d["bitOrder"]), "bitOrder");
      refuses(edit(publicBytes, (d) => (d["bitOrder"] = "msb-first")), "bitOrder");
    });

    it("vector length ≠ bitLength", function () {
      refuses(edit(publicBytes, (d) => (d["ex"] = (d["ex"] as string[]).slice(1))), "ex");
      refuses(edit(publicBytes, (d) => (d["bitLength"] = 9)), "ex");
    });

    it("ciphertext ≥ n²", function () {
      refuses(edit(publicBytes, (d) => ((d["ey"] as string[])[2] = keys.publicKey.n2.toString())), "ey[2]");
    });

    it("ciphertext not invertible (gcd(c, n) ≠ 1)", function () {
      refuses(edit(publicBytes, (d) => ((d["ex"] as string[])[7] = (keys.publicKey.n * 3n).toString())), "ex[7]");
      refuses(edit(publicBytes, (d) => ((d["ex"] as string[])[0] = "0")), "ex[0]");
    });

    it("non-decimal strings (hex, sign, leading zero, number instead of string)", function () {
      refuses(edit(publicBytes, (d) => ((d["ex"] as string[])[1] = "0x1f")), "ex[1]");
      refuses(edit(publicBytes, (d) => ((d["ex"] as string[])[1] = "-5")), "ex[1]");
      refuses(edit(publicBytes, (d) => ((d["ex"] as string[])[1] = `0${(d["ex"] as string[])[1]}`)), "ex[1]");
      refuses(edit(publicBytes, (d) => ((d["ex"] as unknown[])[1] = 12345)), "ex[1]");
      refuses(edit(publicBytes, (d) => (d["n"] = "12ab")), "n");
    });

    it("wrong scheme, unknown field, insecure n without the flag", function () {
      refuses(edit(publicBytes, (d) => (d["scheme"] = "paillier")), "scheme");
      refuses(edit(publicBytes, (d) => (d["extra"] = 1)), "extra");
      expect(() => parseQualityBundle(publicBytes)).to.throw(QualityBundleFieldError).with.property("field", "n");
    });

    it("wrong hash, non-canonical bytes, not JSON", function () {
      const otherHash = keccak256(bytesOf("other"));
      expect(() => parseQualityBundle(publicBytes, { allowInsecureKeySize: true, expectedHash: otherHash })).to.throw(
        QualityBundleHashMismatchError,
      );
      const spaced = bytesOf(JSON.stringify(JSON.parse(utf8(publicBytes)), null, 1));
      expect(() => parse(spaced)).to.throw(QualityBundleFormatError, /canonical/);
      expect(() => parse(bytesOf("{not json"))).to.throw(QualityBundleFormatError, /JSON/);
    });

    it("answer bundles: vector ≠ relation, index out of range, eq with an index", function () {
      const answer = { relation: "lt" as const, vector: "lt" as const, index: 2, nonce: 5n };
      const bytes = serializeAnswerBundle({ publicKey: keys.publicKey, bitLength: K, pairRef, answer });
      const parseAnswer = (b: Uint8Array) => parseAnswerBundle(b, { allowInsecureKeySize: true });
      expect(() => parseAnswer(edit(bytes, (d) => (d["vector"] = "gt")))).to.throw(QualityBundleFieldError).with.property("field", "vector");
      expect(() => parseAnswer(edit(bytes, (d) => (d["index"] = K)))).to.throw(QualityBundleFieldError).with.property("field", "index");
      expect(() => parseAnswer(edit(bytes, (d) => (d["relation"] = "eq")))).to.throw(QualityBundleFieldError).with.property("field", "vector");
      expect(() => parseAnswer(edit(bytes, (d) => (d["nonce"] = keys.publicKey.n.toString())))).to.throw(QualityBundleFieldError).with.property("field", "nonce");
    });
  });
});
