import { expect } from "chai";
import { createCipheriv, hkdfSync, randomBytes } from "node:crypto";
import { AbiCoder, keccak256 } from "ethers";
import {
  CHUNK_TAG_BYTES,
  ChunkAuthenticationError,
  FILE_KEY_BYTES,
  InvalidChunkCipherParameterError,
  MasterTableAuthenticationError,
  decryptChunk,
  encryptChunk,
  generateFileId,
  generateFileKey,
  keyCommitment,
  openMasterTable,
  sealMasterTable,
} from "../../../offchain/crypto/index.js";

// Known-answer inputs: key 00 01 … 1f, a fixed file id, chunk 7 of "BlockTorrent chunk 7".
const KAT_KEY = Uint8Array.from({ length: 32 }, (_, i) => i);
const KAT_FILE_ID = `0x${"f0e1d2c3b4a59687".repeat(4)}`;
const KAT_PLAINTEXT = new TextEncoder().encode("BlockTorrent chunk 7");
const KAT_CHUNK_7 = "e24a8f8145fd35bda5c81a7ef8345e7da32c43dddaecf59330118d9a514474dabf35e56d";
const KAT_CHUNK_7_LAST = "fe9670f9f9a892cf8944c48236be7824dbf93aef2b50b4c0aa57db0174f37d4788a69f81";
const KAT_KEY_COMMITMENT = "0x5e6af971035a6e975a394a930e81687b812bc66711153721eb64b7d7c1f73674";

/** The documented layout, computed straight from node:crypto (not through the module). */
function referenceChunk(key: Uint8Array, fileId: string, index: number, last: boolean, plaintext: Uint8Array): string {
  const fileIdBytes = Buffer.from(fileId.slice(2), "hex");
  const chunkKey = Buffer.from(hkdfSync("sha256", key, fileIdBytes, "sealedchain/torrent/chunks/v1", 32));
  const indexBytes = Buffer.alloc(4);
  indexBytes.writeUInt32BE(index);
  const flag = Buffer.from([last ? 1 : 0]);
  const nonce = Buffer.concat([Buffer.alloc(7), indexBytes, flag]);
  const aad = Buffer.concat([Buffer.from("sealedchain/torrent/chunk/v1", "utf8"), fileIdBytes, indexBytes, flag]);
  const cipher = createCipheriv("aes-256-gcm", chunkKey, nonce);
  cipher.setAAD(aad);
  return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]).toString("hex");
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

function flip(bytes: Uint8Array, position: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[position] = (copy[position] ?? 0) ^ 0x80;
  return copy;
}

describe("offchain/crypto chunk-cipher (AES-256-GCM STREAM per chunk, HKDF-SHA256 subkeys)", function () {
  const fileKey = generateFileKey();
  const fileId = generateFileId();

  describe("generateFileKey / generateFileId", function () {
    it("gives 32 random bytes and a random 0x + 64 lowercase hex id", function () {
      expect(fileKey).to.be.instanceOf(Uint8Array).with.length(FILE_KEY_BYTES);
      expect(hex(generateFileKey())).to.not.equal(hex(fileKey));
      expect(fileId).to.match(/^0x[0-9a-f]{64}$/);
      expect(generateFileId()).to.not.equal(fileId);
    });
  });

  describe("round trip", function () {
    for (const size of [0, 1, 16, 1_048_576 + 3]) {
      it(`decrypts what it encrypted (${size} bytes), ciphertext = plaintext + ${CHUNK_TAG_BYTES} bytes`, function () {
        const plaintext = Uint8Array.from(randomBytes(size));
        for (const last of [false, true]) {
          const ciphertext = encryptChunk({ fileKey, fileId, index: 3, last, plaintext });
          expect(ciphertext.length).to.equal(size + CHUNK_TAG_BYTES);
          const back = decryptChunk({ fileKey, fileId, index: 3, last, ciphertext });
          expect(hex(back)).to.equal(hex(plaintext));
        }
      });
    }

    it("is deterministic for (key, fileId, index, last) and accepts the largest index 2^32-1", function () {
      const plaintext = Uint8Array.from(randomBytes(100));
      const a = encryptChunk({ fileKey, fileId, index: 0xffff_ffff, last: true, plaintext });
      const b = encryptChunk({ fileKey, fileId, index: 0xffff_ffff, last: true, plaintext });
      expect(hex(a)).to.equal(hex(b));
      expect(hex(decryptChunk({ fileKey, fileId, index: 0xffff_ffff, last: true, ciphertext: a }))).to.equal(hex(plaintext));
    });
  });

  describe("known answer (layout cross-checked with node:crypto directly)", function () {
    it("chunk 7, not last", function () {
      const ciphertext = encryptChunk({ fileKey: KAT_KEY, fileId: KAT_FILE_ID, index: 7, last: false, plaintext: KAT_PLAINTEXT });
      expect(hex(ciphertext)).to.equal(KAT_CHUNK_7);
      expect(referenceChunk(KAT_KEY, KAT_FILE_ID, 7, false, KAT_PLAINTEXT)).to.equal(KAT_CHUNK_7);
    });

    it("chunk 7, last", function () {
      const ciphertext = encryptChunk({ fileKey: KAT_KEY, fileId: KAT_FILE_ID, index: 7, last: true, plaintext: KAT_PLAINTEXT });
      expect(hex(ciphertext)).to.equal(KAT_CHUNK_7_LAST);
      expect(referenceChunk(KAT_KEY, KAT_FILE_ID, 7, true, KAT_PLAINTEXT)).to.equal(KAT_CHUNK_7_LAST);
    });

    it("agrees with the reference for random inputs", function () {
      for (let trial = 0; trial < 20; trial++) {
        const key = generateFileKey();
        const id = generateFileId();
        const index = randomBytes(4).readUInt32BE();
        const last = trial % 2 === 0;
        const plaintext = Uint8Array.from(randomBytes(trial * 37));
        expect(hex(encryptChunk({ fileKey: key, fileId: id, index, last, plaintext }))).to.equal(
          referenceChunk(key, id, index, last, plaintext),
        );
      }
    });
  });

  describe("authentication", function () {
    const plaintext = Uint8Array.from(randomBytes(64));
    const ciphertext = encryptChunk({ fileKey, fileId, index: 5, last: false, plaintext });

    function expectRefused(run: () => unknown, index: number): void {
      let thrown: unknown;
      try {
        run();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).to.be.instanceOf(ChunkAuthenticationError);
      const error = thrown as ChunkAuthenticationError;
      expect(error.code).to.equal("CHUNK_AUTHENTICATION");
      expect(error.index).to.equal(index);
      expect(error.message).to.include(`Chunk ${index}`);
    }

    it("refuses a change to any byte (ciphertext and tag)", function () {
      for (let position = 0; position < ciphertext.length; position++) {
        expectRefused(() => decryptChunk({ fileKey, fileId, index: 5, last: false, ciphertext: flip(ciphertext, position) }), 5);
      }
    });

    it("refuses truncated, extended and too-short ciphertexts", function () {
      expectRefused(() => decryptChunk({ fileKey, fileId, index: 5, last: false, ciphertext: ciphertext.subarray(0, -1) }), 5);
      const extended = new Uint8Array(ciphertext.length + 1);
      extended.set(ciphertext);
      expectRefused(() => decryptChunk({ fileKey, fileId, index: 5, last: false, ciphertext: extended }), 5);
      expectRefused(() => decryptChunk({ fileKey, fileId, index: 5, last: false, ciphertext: new Uint8Array(15) }), 5);
    });

    it("refuses swapped chunks (each under the other's index)", function () {
      const chunk6 = encryptChunk({ fileKey, fileId, index: 6, last: false, plaintext });
      expectRefused(() => decryptChunk({ fileKey, fileId, index: 6, last: false, ciphertext }), 6);
      expectRefused(() => decryptChunk({ fileKey, fileId, index: 5, last: false, ciphertext: chunk6 }), 5);
    });

    it("refuses the wrong last flag (truncation and extension of the file)", function () {
      // Truncation: chunk 5 was not last, a file cut after it would present it as last.
      expectRefused(() => decryptChunk({ fileKey, fileId, index: 5, last: true, ciphertext }), 5);
      // Extension: the real last chunk presented as a middle one.
      const final = encryptChunk({ fileKey, fileId, index: 9, last: true, plaintext });
      expectRefused(() => decryptChunk({ fileKey, fileId, index: 9, last: false, ciphertext: final }), 9);
    });

    it("refuses the wrong file id and the wrong key", function () {
      expectRefused(() => decryptChunk({ fileKey, fileId: generateFileId(), index: 5, last: false, ciphertext }), 5);
      expectRefused(() => decryptChunk({ fileKey: generateFileKey(), fileId, index: 5, last: false, ciphertext }), 5);
    });
  });

  describe("master table", function () {
    const table = new TextEncoder().encode(JSON.stringify({ chunks: ["bafkrei…"], owners: [["0x01"]] }));

    it("round trips, with a fresh 12-byte nonce each time", function () {
      const sealed = sealMasterTable({ fileKey, fileId, plaintext: table });
      expect(sealed.length).to.equal(12 + table.length + 16);
      expect(hex(openMasterTable({ fileKey, fileId, sealed }))).to.equal(hex(table));
      const again = sealMasterTable({ fileKey, fileId, plaintext: table });
      expect(hex(again.subarray(0, 12))).to.not.equal(hex(sealed.subarray(0, 12)));
      expect(hex(openMasterTable({ fileKey, fileId, sealed: sealMasterTable({ fileKey, fileId, plaintext: new Uint8Array(0) }) }))).to.equal("");
    });

    it("follows the documented layout (nonce ‖ ct ‖ tag, own HKDF label, AAD label ‖ fileId)", function () {
      const sealed = sealMasterTable({ fileKey: KAT_KEY, fileId: KAT_FILE_ID, plaintext: table });
      const fileIdBytes = Buffer.from(KAT_FILE_ID.slice(2), "hex");
      const tableKey = Buffer.from(hkdfSync("sha256", KAT_KEY, fileIdBytes, "sealedchain/torrent/master-table/v1", 32));
      const cipher = createCipheriv("aes-256-gcm", tableKey, sealed.subarray(0, 12));
      cipher.setAAD(Buffer.concat([Buffer.from("sealedchain/torrent/master-table/v1"), fileIdBytes]));
      const expected = Buffer.concat([cipher.update(table), cipher.final(), cipher.getAuthTag()]);
      expect(hex(sealed.subarray(12))).to.equal(expected.toString("hex"));
    });

    it("refuses any changed byte, a wrong key, a wrong file id, a short input", function () {
      const sealed = sealMasterTable({ fileKey, fileId, plaintext: table });
      for (let position = 0; position < sealed.length; position += 7) {
        expect(() => openMasterTable({ fileKey, fileId, sealed: flip(sealed, position) })).to.throw(MasterTableAuthenticationError);
      }
      expect(() => openMasterTable({ fileKey, fileId, sealed: flip(sealed, sealed.length - 1) })).to.throw(MasterTableAuthenticationError);
      expect(() => openMasterTable({ fileKey: generateFileKey(), fileId, sealed })).to.throw(MasterTableAuthenticationError);
      expect(() => openMasterTable({ fileKey, fileId: generateFileId(), sealed })).to.throw(MasterTableAuthenticationError);
      expect(() => openMasterTable({ fileKey, fileId, sealed: sealed.subarray(0, 27) })).to.throw(MasterTableAuthenticationError, /at least 28/);
    });

    it("a chunk ciphertext never opens as a master table and vice versa (separate subkeys)", function () {
      const chunk = encryptChunk({ fileKey, fileId, index: 0, last: true, plaintext: table });
      expect(() => openMasterTable({ fileKey, fileId, sealed: chunk })).to.throw(MasterTableAuthenticationError);
      const sealed = sealMasterTable({ fileKey, fileId, plaintext: table });
      expect(() => decryptChunk({ fileKey, fileId, index: 0, last: true, ciphertext: sealed.subarray(12) })).to.throw(
        ChunkAuthenticationError,
      );
    });
  });

  describe("keyCommitment", function () {
    it("matches the known answer and an independent ethers computation", function () {
      expect(keyCommitment({ fileId: KAT_FILE_ID, fileKey: KAT_KEY })).to.equal(KAT_KEY_COMMITMENT);
      const independent = keccak256(
        AbiCoder.defaultAbiCoder().encode(
          ["string", "bytes32", "bytes32"],
          ["SealedChain.torrent.key-commitment.v1", KAT_FILE_ID, `0x${hex(KAT_KEY)}`],
        ),
      );
      expect(independent).to.equal(KAT_KEY_COMMITMENT);
    });

    it("differs per file id and per key, and ignores hex case of the id", function () {
      const a = keyCommitment({ fileId, fileKey });
      expect(a).to.match(/^0x[0-9a-f]{64}$/);
      expect(keyCommitment({ fileId: generateFileId(), fileKey })).to.not.equal(a);
      expect(keyCommitment({ fileId, fileKey: generateFileKey() })).to.not.equal(a);
      expect(keyCommitment({ fileId: `0x${fileId.slice(2).toUpperCase()}`, fileKey })).to.equal(a);
    });
  });

  describe("input validation", function () {
    const plaintext = new Uint8Array(4);
    const cases: Array<[string, () => unknown, string]> = [
      ["short key", () => encryptChunk({ fileKey: new Uint8Array(31), fileId, index: 0, last: false, plaintext }), "fileKey"],
      ["long key", () => decryptChunk({ fileKey: new Uint8Array(33), fileId, index: 0, last: false, ciphertext: new Uint8Array(16) }), "fileKey"],
      ["key as hex", () => encryptChunk({ fileKey: "00" as unknown as Uint8Array, fileId, index: 0, last: false, plaintext }), "fileKey"],
      ["file id without 0x", () => encryptChunk({ fileKey, fileId: fileId.slice(2), index: 0, last: false, plaintext }), "fileId"],
      ["file id too short", () => encryptChunk({ fileKey, fileId: fileId.slice(0, 64), index: 0, last: false, plaintext }), "fileId"],
      ["file id not hex", () => sealMasterTable({ fileKey, fileId: `0x${"zz".repeat(32)}`, plaintext }), "fileId"],
      ["negative index", () => encryptChunk({ fileKey, fileId, index: -1, last: false, plaintext }), "index"],
      ["fractional index", () => encryptChunk({ fileKey, fileId, index: 1.5, last: false, plaintext }), "index"],
      ["index 2^32", () => decryptChunk({ fileKey, fileId, index: 2 ** 32, last: false, ciphertext: new Uint8Array(16) }), "index"],
      ["last not boolean", () => encryptChunk({ fileKey, fileId, index: 0, last: 1 as unknown as boolean, plaintext }), "last"],
      ["plaintext as string", () => encryptChunk({ fileKey, fileId, index: 0, last: false, plaintext: "x" as unknown as Uint8Array }), "plaintext"],
      ["ciphertext missing", () => decryptChunk({ fileKey, fileId, index: 0, last: false, ciphertext: undefined as unknown as Uint8Array }), "ciphertext"],
      ["sealed missing", () => openMasterTable({ fileKey, fileId, sealed: null as unknown as Uint8Array }), "sealed"],
      ["commitment key short", () => keyCommitment({ fileId, fileKey: new Uint8Array(16) }), "fileKey"],
    ];
    for (const [name, run, parameter] of cases) {
      it(`refuses ${name}, naming ${parameter}`, function () {
        let thrown: unknown;
        try {
          run();
        } catch (error) {
          thrown = error;
        }
        expect(thrown).to.be.instanceOf(InvalidChunkCipherParameterError);
        expect((thrown as InvalidChunkCipherParameterError).parameter).to.equal(parameter);
        expect((thrown as Error).message).to.include(`Invalid ${parameter}:`);
      });
    }

    it("never shows key bytes in an error", function () {
      const secret = new Uint8Array(31).fill(0xab);
      let message = "";
      try {
        encryptChunk({ fileKey: secret, fileId, index: 0, last: false, plaintext });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).to.equal("Invalid fileKey: expected 32 bytes, got 31 bytes");
    });
  });
});
