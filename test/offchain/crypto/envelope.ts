import { expect } from "chai";
import { ECDH, randomBytes } from "node:crypto";
import { PrivateKey, PublicKey, decrypt as eciesDecrypt } from "eciesjs";
import { symDecrypt } from "eciesjs/utils";
import {
  ENVELOPE_ECIES_CONFIG,
  EnvelopeContextError,
  EnvelopeDecryptionError,
  EnvelopeFormatError,
  InvalidEnvelopeParameterError,
  InvalidPrivateKeyError,
  InvalidPublicKeyError,
  MIN_ENVELOPE_LENGTH,
  encryptTo,
  generateEncryptionKeyPair,
  openEnvelope,
  validatePublicKey,
} from "../../../offchain/crypto/index.js";

const CONTEXT = "sealedchain/demo";
// secp256k1 group order n.
const CURVE_ORDER = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function bigintToBytes32(value: bigint): Uint8Array {
  return Uint8Array.from(Buffer.from(value.toString(16).padStart(64, "0"), "hex"));
}

function flipByte(envelope: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(envelope);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

describe("offchain/crypto envelope (ECIES secp256k1 + HKDF-SHA256 + AES-256-GCM)", function () {
  const alice = generateEncryptionKeyPair();
  const bob = generateEncryptionKeyPair();

  describe("generateEncryptionKeyPair", function () {
    it("returns a 32-byte private key and a 33-byte compressed public key", function () {
      expect(alice.privateKey).to.be.instanceOf(Uint8Array).with.length(32);
      expect(alice.publicKey).to.be.instanceOf(Uint8Array).with.length(33);
      expect([0x02, 0x03]).to.include(alice.publicKey[0]);
      expect(Buffer.from(alice.privateKey).equals(Buffer.from(bob.privateKey))).to.equal(false);
    });

    it("pins secp256k1, compressed ephemeral key, uncompressed HKDF input, AES-256-GCM, 12-byte nonce", function () {
      expect(ENVELOPE_ECIES_CONFIG.ellipticCurve).to.equal("secp256k1");
      expect(ENVELOPE_ECIES_CONFIG.isEphemeralKeyCompressed).to.equal(true);
      expect(ENVELOPE_ECIES_CONFIG.isHkdfKeyCompressed).to.equal(false);
      expect(ENVELOPE_ECIES_CONFIG.symmetricAlgorithm).to.equal("aes-256-gcm");
      expect(ENVELOPE_ECIES_CONFIG.symmetricNonceLength).to.equal(12);
      expect(Object.isFrozen(ENVELOPE_ECIES_CONFIG)).to.equal(true);
    });
  });

  describe("round trip", function () {
    for (const size of [0, 1, 31, 32, 1000, 65_536, 1_048_576]) {
      it(`opens what it sealed (${size} bytes)`, function () {
        const plaintext = Uint8Array.from(randomBytes(size));
        const envelope = encryptTo({ recipientPublicKey: alice.publicKey, plaintext, context: CONTEXT });
        expect(envelope.length).to.equal(MIN_ENVELOPE_LENGTH + Buffer.byteLength(CONTEXT) + size);
        const opened = openEnvelope({ privateKey: alice.privateKey, envelope, context: CONTEXT });
        expect(Buffer.from(opened).equals(Buffer.from(plaintext))).to.equal(true);
      });
    }

    it("works without a context (empty label) and with a 65-byte uncompressed recipient key", function () {
      const uncompressed = Uint8Array.from(
        Buffer.from(
          // Same point as alice.publicKey, in 0x04 ‖ X ‖ Y form, via the validator's inverse.
          uncompress(alice.publicKey),
        ),
      );
      expect(uncompressed).to.have.length(65);
      const plaintext = new TextEncoder().encode("hello");
      const envelope = encryptTo({ recipientPublicKey: uncompressed, plaintext });
      expect(openEnvelope({ privateKey: alice.privateKey, envelope })).to.deep.equal(plaintext);
    });

    it("makes a different envelope each time for the same plaintext", function () {
      const plaintext = new TextEncoder().encode("same message");
      const a = encryptTo({ recipientPublicKey: alice.publicKey, plaintext, context: CONTEXT });
      const b = encryptTo({ recipientPublicKey: alice.publicKey, plaintext, context: CONTEXT });
      expect(Buffer.from(a).equals(Buffer.from(b))).to.equal(false);
      // ephemeral key and nonce both differ
      expect(Buffer.from(a.subarray(4, 37)).equals(Buffer.from(b.subarray(4, 37)))).to.equal(false);
      expect(Buffer.from(a.subarray(37, 49)).equals(Buffer.from(b.subarray(37, 49)))).to.equal(false);
    });

    it("does not alias or modify the caller's buffers", function () {
      const plaintext = Uint8Array.from([1, 2, 3]);
      const privateKey = Uint8Array.from(alice.privateKey);
      const envelope = encryptTo({ recipientPublicKey: alice.publicKey, plaintext, context: CONTEXT });
      const snapshot = Uint8Array.from(envelope);
      const opened = openEnvelope({ privateKey, envelope, context: CONTEXT });
      expect(plaintext).to.deep.equal(Uint8Array.from([1, 2, 3]));
      expect(privateKey).to.deep.equal(alice.privateKey);
      expect(envelope).to.deep.equal(snapshot);
      opened.fill(0);
      expect(openEnvelope({ privateKey, envelope, context: CONTEXT })).to.deep.equal(Uint8Array.from([1, 2, 3]));
    });

    it("matches the documented layout: header ‖ eciesjs payload, header as AAD, u8 len ‖ context ‖ plaintext", function () {
      const plaintext = new TextEncoder().encode("layout");
      const envelope = encryptTo({ recipientPublicKey: alice.publicKey, plaintext, context: CONTEXT });
      expect(Array.from(envelope.subarray(0, 4))).to.deep.equal([0x53, 0x43, 0x45, 0x01]);
      const ephemeral = new PublicKey(envelope.slice(4, 37), "secp256k1");
      const sharedKey = ephemeral.decapsulate(new PrivateKey(Uint8Array.from(alice.privateKey)), false);
      const framed = symDecrypt(ENVELOPE_ECIES_CONFIG, sharedKey, envelope.subarray(37), envelope.slice(0, 4));
      expect(framed[0]).to.equal(CONTEXT.length);
      expect(new TextDecoder().decode(framed.subarray(1, 1 + CONTEXT.length))).to.equal(CONTEXT);
      expect(framed.subarray(1 + CONTEXT.length)).to.deep.equal(plaintext);
    });

    it("is not a plain eciesjs payload (the header is bound as associated data)", function () {
      const envelope = encryptTo({ recipientPublicKey: alice.publicKey, plaintext: Uint8Array.of(7), context: CONTEXT });
      expect(() => eciesDecrypt(alice.privateKey, envelope.subarray(4), ENVELOPE_ECIES_CONFIG)).to.throw();
    });
  });

  describe("failures", function () {
    const plaintext = Uint8Array.from(randomBytes(100));
    const envelope = encryptTo({ recipientPublicKey: alice.publicKey, plaintext, context: CONTEXT });

    it("rejects the wrong recipient", function () {
      expect(() => openEnvelope({ privateKey: bob.privateKey, envelope, context: CONTEXT })).to.throw(
        EnvelopeDecryptionError,
      );
    });

    const regions: Array<[string, number[], typeof EnvelopeFormatError | typeof EnvelopeDecryptionError]> = [
      ["magic", [0, 1, 2], EnvelopeFormatError],
      ["version", [3], EnvelopeFormatError],
      ["ephemeral key prefix", [4], EnvelopeDecryptionError],
      ["ephemeral key x", [5, 20, 36], EnvelopeDecryptionError],
      ["nonce", [37, 43, 48], EnvelopeDecryptionError],
      ["tag", [49, 57, 64], EnvelopeDecryptionError],
      ["ciphertext (context part)", [65, 66], EnvelopeDecryptionError],
      ["ciphertext (plaintext part)", [90, envelope.length - 1], EnvelopeDecryptionError],
    ];
    for (const [name, offsets, errorClass] of regions) {
      it(`rejects a changed byte in the ${name}`, function () {
        for (const offset of offsets) {
          expect(() =>
            openEnvelope({ privateKey: alice.privateKey, envelope: flipByte(envelope, offset), context: CONTEXT }),
          ).to.throw(errorClass);
        }
      });
    }

    it("names the unsupported version", function () {
      const changed = Uint8Array.from(envelope);
      changed[3] = 2;
      expect(() => openEnvelope({ privateKey: alice.privateKey, envelope: changed, context: CONTEXT })).to.throw(
        EnvelopeFormatError,
        /unsupported version 2/,
      );
    });

    it("rejects truncated envelopes", function () {
      for (const length of [0, 3, 4, 36, 48, MIN_ENVELOPE_LENGTH - 1]) {
        expect(() =>
          openEnvelope({ privateKey: alice.privateKey, envelope: envelope.slice(0, length), context: CONTEXT }),
        ).to.throw(EnvelopeFormatError, /expected at least/);
      }
      for (const length of [MIN_ENVELOPE_LENGTH, envelope.length - 1]) {
        expect(() =>
          openEnvelope({ privateKey: alice.privateKey, envelope: envelope.slice(0, length), context: CONTEXT }),
        ).to.throw(EnvelopeDecryptionError);
      }
    });

    it("rejects appended bytes", function () {
      const longer = new Uint8Array(envelope.length + 1);
      longer.set(envelope);
      expect(() => openEnvelope({ privateKey: alice.privateKey, envelope: longer, context: CONTEXT })).to.throw(
        EnvelopeDecryptionError,
      );
    });

    it("rejects the wrong context and names both labels", function () {
      try {
        openEnvelope({ privateKey: alice.privateKey, envelope, context: "sealedchain/other" });
        expect.fail("should have thrown");
      } catch (error) {
        expect(error).to.be.instanceOf(EnvelopeContextError);
        const contextError = error as EnvelopeContextError;
        expect(contextError.code).to.equal("ENVELOPE_CONTEXT");
        expect(contextError.expected).to.equal("sealedchain/other");
        expect(contextError.actual).to.equal(CONTEXT);
      }
      expect(() => openEnvelope({ privateKey: alice.privateKey, envelope })).to.throw(EnvelopeContextError);
      const noContext = encryptTo({ recipientPublicKey: alice.publicKey, plaintext });
      expect(() => openEnvelope({ privateKey: alice.privateKey, envelope: noContext, context: CONTEXT })).to.throw(
        EnvelopeContextError,
      );
    });

    it("rejects a context longer than 255 UTF-8 bytes", function () {
      expect(() =>
        encryptTo({ recipientPublicKey: alice.publicKey, plaintext, context: "é".repeat(128) }),
      ).to.throw(InvalidEnvelopeParameterError, /at most 255 UTF-8 bytes/);
    });
  });

  describe("key validation", function () {
    const plaintext = Uint8Array.of(1);
    const cases: Array<[string, unknown, RegExp]> = [
      ["not bytes", "02abcd", /expected a Uint8Array, got string/],
      ["empty", new Uint8Array(0), /expected 33 bytes \(compressed\) or 65 bytes \(uncompressed\), got 0 bytes/],
      ["64-byte raw X‖Y", new Uint8Array(64).fill(1), /got 64 bytes/],
      ["compressed with a bad prefix", Uint8Array.from([0x04, ...alice.publicKey.subarray(1)]), /must start with 0x02 or 0x03, got 0x04/],
      ["uncompressed with a bad prefix", Uint8Array.from([0x02, ...new Uint8Array(64).fill(1)]), /must start with 0x04, got 0x02/],
      ["x not on the curve", Uint8Array.from([0x02, ...new Uint8Array(32).fill(0xff)]), /not encode a point on secp256k1/],
      ["x = 0 (no point)", Uint8Array.from([0x02, ...new Uint8Array(32)]), /not encode a point on secp256k1/],
      ["uncompressed point off the curve", Uint8Array.from([0x04, ...new Uint8Array(64).fill(7)]), /not encode a point on secp256k1/],
    ];
    for (const [name, key, message] of cases) {
      it(`rejects a public key: ${name}`, function () {
        expect(() => encryptTo({ recipientPublicKey: key as Uint8Array, plaintext })).to.throw(InvalidPublicKeyError, message);
        expect(() => validatePublicKey(key as Uint8Array)).to.throw(InvalidPublicKeyError, message);
      });
    }

    it("validatePublicKey returns the compressed form for both encodings", function () {
      expect(validatePublicKey(alice.publicKey)).to.deep.equal(alice.publicKey);
      expect(validatePublicKey(Uint8Array.from(uncompress(alice.publicKey)))).to.deep.equal(alice.publicKey);
    });

    const badPrivateKeys: Array<[string, unknown, RegExp]> = [
      ["not bytes", 42, /expected a Uint8Array, got number/],
      ["31 bytes", new Uint8Array(31).fill(1), /expected 32 bytes, got 31 bytes/],
      ["zero", new Uint8Array(32), /0 or not below the curve order/],
      ["n", bigintToBytes32(CURVE_ORDER), /0 or not below the curve order/],
      ["2^256 - 1", new Uint8Array(32).fill(0xff), /0 or not below the curve order/],
    ];
    const envelope = encryptTo({ recipientPublicKey: alice.publicKey, plaintext });
    for (const [name, key, message] of badPrivateKeys) {
      it(`rejects a private key: ${name}`, function () {
        expect(() => openEnvelope({ privateKey: key as Uint8Array, envelope })).to.throw(InvalidPrivateKeyError, message);
      });
    }

    it("rejects non-byte plaintext and envelope", function () {
      expect(() => encryptTo({ recipientPublicKey: alice.publicKey, plaintext: "x" as unknown as Uint8Array })).to.throw(
        InvalidEnvelopeParameterError,
        /plaintext/,
      );
      expect(() => openEnvelope({ privateKey: alice.privateKey, envelope: [1, 2] as unknown as Uint8Array })).to.throw(
        InvalidEnvelopeParameterError,
        /envelope/,
      );
    });
  });
});

/** 0x04 ‖ X ‖ Y for a compressed secp256k1 key, computed with node:crypto. */
function uncompress(compressed: Uint8Array): Buffer {
  return ECDH.convertKey(Buffer.from(compressed), "secp256k1", undefined, undefined, "uncompressed") as Buffer;
}
