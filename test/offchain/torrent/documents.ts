import { expect } from "chai";
import { Wallet, getAddress, hexlify, randomBytes } from "ethers";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { sha256 } from "multiformats/hashes/sha2";

import {
  TorrentFormatError,
  chunkReceiptDomain,
  decodeAssignment,
  decodeMasterTable,
  decodeReceipts,
  decodeReleasedShare,
  decodeShareDocument,
  encodeAssignment,
  encodeMasterTable,
  encodeReceipts,
  encodeReleasedShare,
  encodeShareDocument,
  recoverChunkReceiptSigner,
  signChunkReceipt,
  type ChunkAssignment,
  type ChunkReceipt,
  type ChunkReceipts,
  type MasterTable,
  type ReleasedShareDocument,
  type ShareDocument,
} from "../../../offchain/torrent/index.js";

const utf8 = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const bytesOf = (text: string) => new TextEncoder().encode(text);
/** Edits the JSON of a document and re-encodes it (so only the edited field is wrong). */
function edit(bytes: Uint8Array, change: (document: Record<string, any>) => void): Uint8Array {
  const document = JSON.parse(utf8(bytes)) as Record<string, any>;
  change(document);
  return bytesOf(JSON.stringify(document));
}
const hash32 = () => hexlify(randomBytes(32));
const cidOf = async (text: string) => CID.create(1, raw.code, await sha256.digest(bytesOf(text))).toString();
const A = getAddress("0x70997970c51812dc3a010c7d01b50e0d17dc79c8");
const B = getAddress("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
const C = getAddress("0x90f79bf6eb2c4f870365e785982e1f101e93b906");
const D = getAddress("0x15d34aaf54267db7d7c367839aaf71a00a2c6a65");
const OWNER = getAddress("0x976ea74026e726554db657fa54763abd0c3a0aa9");
const SIGNATURE = hexlify(randomBytes(65));

/** One malformed input: how to break the valid document, and what the error must say. */
type Case = { name: string; change: (document: Record<string, any>) => void; message: RegExp };

/** The cases every document shares: top-level shape, format and version, missing and extra fields. */
function commonCases(fields: readonly string[]): Case[] {
  return [
    { name: "wrong format", change: (d) => (d["format"] = "sealedchain/torrent-other"), message: /format: expected "sealedchain\/torrent-/ },
    { name: "missing format", change: (d) => delete d["format"], message: /format: expected .* got nothing \(missing\)/ },
    { name: "version 2", change: (d) => (d["version"] = 2), message: /version: expected 1, got 2/ },
    { name: "version as a string", change: (d) => (d["version"] = "1"), message: /version: expected 1, got "1"/ },
    { name: "an extra field", change: (d) => (d["note"] = "hi"), message: /unexpected field\(s\) note/ },
    { name: "an extra __proto__ field", change: (d) => Object.defineProperty(d, "__proto__", { value: {}, enumerable: true }), message: /unexpected field\(s\) __proto__/ },
    ...fields.map((field) => ({ name: `missing ${field}`, change: (d: Record<string, any>) => delete d[field], message: new RegExp(`${field.replace(/[[\]]/g, "\\$&")}: expected .*got nothing \\(missing\\)`) })),
  ];
}

/** The JSON-level refusals: not UTF-8, not JSON, not an object. */
function expectRefusesNonObjects(decode: (bytes: Uint8Array) => unknown, what: string) {
  const inputs: [string, Uint8Array, RegExp][] = [
    ["not UTF-8", new Uint8Array([0x7b, 0xff, 0x7d]), /not UTF-8 JSON/],
    ["not JSON", bytesOf("{format: 1"), /not UTF-8 JSON/],
    ["empty input", new Uint8Array(), /not UTF-8 JSON/],
    ["a JSON array", bytesOf("[]"), /expected a JSON object, got \[\]/],
    ["JSON null", bytesOf("null"), /expected a JSON object, got null/],
    ["a JSON string", bytesOf('"x"'), /expected a JSON object, got "x"/],
    ["a JSON number", bytesOf("42"), /expected a JSON object, got 42/],
  ];
  for (const [name, bytes, message] of inputs) {
    expect(() => decode(bytes), name).to.throw(TorrentFormatError, message);
    try {
      decode(bytes);
    } catch (error) {
      expect((error as TorrentFormatError).code, name).to.equal("TORRENT_FORMAT");
      expect((error as Error).message, name).to.match(new RegExp(`^${what}: `));
    }
  }
}

function expectRefuses(decode: (bytes: Uint8Array) => unknown, valid: Uint8Array, cases: Case[]) {
  for (const { name, change, message } of cases) {
    expect(() => decode(edit(valid, change)), name).to.throw(TorrentFormatError, message);
  }
}

describe("offchain/torrent documents: decoders refuse every malformed input; valid ones round-trip", function () {
  let cids: string[];
  let assignment: ChunkAssignment;
  let receipts: ChunkReceipts;
  let share: ShareDocument;
  let released: ReleasedShareDocument;
  let table: MasterTable;

  before(async function () {
    cids = await Promise.all(["chunk 0", "chunk 1", "chunk 2", "receipts"].map(cidOf));
    const fileId = hash32();
    assignment = {
      fileId,
      owner: OWNER,
      chunkOwner: A,
      chunks: [
        { index: 0, cid: cids[0]!, size: 5_016, hash: hash32() },
        { index: 2, cid: cids[2]!, size: 17, hash: hash32() },
      ],
    };
    receipts = {
      fileId,
      chunkOwner: A,
      receipts: assignment.chunks.map((c) => ({ index: c.index, chunkHash: c.hash, cid: c.cid, signature: SIGNATURE })),
    };
    share = { fileId, index: 3, holder: B, share: hexlify(randomBytes(33)), proof: [hash32(), hash32(), hash32()] };
    released = { auditId: "12", fileId, index: 3, share: share.share };
    table = {
      fileId,
      owner: OWNER,
      createdAt: 1_700_000_000,
      fileSize: 20_000,
      fileHash: hash32(),
      chunkCount: 3,
      placementMembers: [A, B, C, D],
      chunks: [0, 1, 2].map((index) => ({
        index,
        cid: cids[index]!,
        size: 5_016,
        hash: hash32(),
        owners: [A, B, C],
        receipts: [A, B, C].map((owner) => ({ owner, signature: SIGNATURE })),
      })),
    };
  });

  describe("round trips", function () {
    it("assignment, receipts, key share, released share and master table decode to what was encoded", function () {
      expect(decodeAssignment(encodeAssignment(assignment))).to.deep.equal(assignment);
      expect(decodeReceipts(encodeReceipts(receipts))).to.deep.equal(receipts);
      expect(decodeShareDocument(encodeShareDocument(share))).to.deep.equal(share);
      expect(decodeReleasedShare(encodeReleasedShare(released))).to.deep.equal(released);
      expect(decodeMasterTable(encodeMasterTable(table))).to.deep.equal(table);
    });

    it("encodings carry format and version first, and re-encode to the same bytes", function () {
      expect(utf8(encodeAssignment(assignment))).to.match(/^\{"format":"sealedchain\/torrent-assignment","version":1,"fileId":/);
      expect(utf8(encodeReceipts(receipts))).to.match(/^\{"format":"sealedchain\/torrent-receipts","version":1,/);
      expect(utf8(encodeShareDocument(share))).to.match(/^\{"format":"sealedchain\/torrent-share","version":1,/);
      expect(utf8(encodeReleasedShare(released))).to.match(/^\{"format":"sealedchain\/torrent-released-share","version":1,/);
      expect(utf8(encodeMasterTable(table))).to.match(/^\{"format":"sealedchain\/torrent-master-table","version":1,/);
      const bytes = encodeMasterTable(table);
      expect(encodeMasterTable(decodeMasterTable(bytes))).to.deep.equal(bytes);
    });

    it("lowercase addresses are accepted and returned checksummed", function () {
      const decoded = decodeAssignment(edit(encodeAssignment(assignment), (d) => ((d["owner"] = OWNER.toLowerCase()), (d["chunkOwner"] = A.toLowerCase()))));
      expect(decoded.owner).to.equal(OWNER);
      expect(decoded.chunkOwner).to.equal(A);
    });

    it("edge values: an empty chunk list, chunk size 0, index 99 999, share index 255, a 0-item proof, a 78-digit audit id", function () {
      expect(decodeAssignment(encodeAssignment({ ...assignment, chunks: [] })).chunks).to.deep.equal([]);
      const edge = { index: 99_999, cid: cids[0]!, size: 0, hash: assignment.chunks[0]!.hash };
      expect(decodeAssignment(encodeAssignment({ ...assignment, chunks: [edge] })).chunks).to.deep.equal([edge]);
      expect(decodeShareDocument(encodeShareDocument({ ...share, index: 255, proof: [] }))).to.deep.equal({ ...share, index: 255, proof: [] });
      const bigId = "9".repeat(78);
      expect(decodeReleasedShare(encodeReleasedShare({ ...released, auditId: bigId })).auditId).to.equal(bigId);
    });
  });

  describe("decodeAssignment", function () {
    it("refuses input that is not a UTF-8 JSON object", function () {
      expectRefusesNonObjects(decodeAssignment, "chunk assignment");
    });

    it("refuses wrong format/version, missing and extra fields", function () {
      expectRefuses(decodeAssignment, encodeAssignment(assignment), commonCases(["fileId", "owner", "chunkOwner", "chunks"]));
    });

    it("refuses wrong types, bad hex, addresses and CIDs, out-of-range integers, malformed chunk entries", function () {
      expectRefuses(decodeAssignment, encodeAssignment(assignment), [
        { name: "fileId a number", change: (d) => (d["fileId"] = 1), message: /fileId: expected 0x and 64 lowercase hex digits, got 1$/ },
        { name: "fileId uppercase hex", change: (d) => (d["fileId"] = d["fileId"].toUpperCase().replace("0X", "0x")), message: /fileId: expected 0x and 64 lowercase/ },
        { name: "fileId without 0x", change: (d) => (d["fileId"] = d["fileId"].slice(2)), message: /fileId: expected 0x and 64/ },
        { name: "fileId 31 bytes", change: (d) => (d["fileId"] = d["fileId"].slice(0, 64)), message: /fileId: expected 0x and 64/ },
        { name: "fileId not hex", change: (d) => (d["fileId"] = `0x${"g".repeat(64)}`), message: /fileId: expected 0x and 64/ },
        { name: "owner not an address", change: (d) => (d["owner"] = "0x1234"), message: /owner: expected an address, got "0x1234"/ },
        { name: "owner with a bad checksum", change: (d) => (d["owner"] = OWNER.replace("a", "A")), message: /owner: expected an address/ },
        { name: "owner null", change: (d) => (d["owner"] = null), message: /owner: expected an address, got null/ },
        { name: "chunkOwner a number", change: (d) => (d["chunkOwner"] = 7), message: /chunkOwner: expected an address, got 7/ },
        { name: "chunks an object", change: (d) => (d["chunks"] = {}), message: /chunks: expected an array of at most 100000 items, got \{\}/ },
        { name: "chunks a string", change: (d) => (d["chunks"] = "0,1"), message: /chunks: expected an array/ },
        { name: "a chunk that is not an object", change: (d) => (d["chunks"][1] = 5), message: /chunk assignment chunks\[1\]: expected a JSON object, got 5/ },
        { name: "a chunk that is an array", change: (d) => (d["chunks"][0] = []), message: /chunk assignment chunks\[0\]: expected a JSON object, got \[\]/ },
        { name: "a chunk with an extra field", change: (d) => (d["chunks"][0].owner = OWNER), message: /chunks\[0\]: unexpected field\(s\) owner/ },
        { name: "a chunk without cid", change: (d) => delete d["chunks"][0].cid, message: /chunks\[0\]: cid: expected a CID string, got nothing \(missing\)/ },
        { name: "a chunk without hash", change: (d) => delete d["chunks"][1].hash, message: /chunks\[1\]: hash: expected 0x and 64 lowercase hex digits, got nothing/ },
        { name: "a bad CID", change: (d) => (d["chunks"][0].cid = "bafy-not-a-cid"), message: /chunks\[0\]: cid: expected a valid CID, got "bafy-not-a-cid"/ },
        { name: "an empty CID", change: (d) => (d["chunks"][0].cid = ""), message: /cid: expected a valid CID, got ""/ },
        { name: "a CID as a number", change: (d) => (d["chunks"][0].cid = 1), message: /cid: expected a CID string, got 1/ },
        { name: "a negative index", change: (d) => (d["chunks"][0].index = -1), message: /index: expected an integer in \[0, 99999\], got -1/ },
        { name: "index 100 000", change: (d) => (d["chunks"][0].index = 100_000), message: /index: expected an integer in \[0, 99999\], got 100000/ },
        { name: "a fractional index", change: (d) => (d["chunks"][0].index = 1.5), message: /index: expected an integer .* got 1\.5/ },
        { name: "an index as a string", change: (d) => (d["chunks"][0].index = "0"), message: /index: expected an integer .* got "0"/ },
        { name: "a negative size", change: (d) => (d["chunks"][0].size = -5), message: /size: expected an integer in \[0, 9007199254740991\], got -5/ },
        { name: "an unsafe size", change: (d) => (d["chunks"][0].size = 2 ** 53), message: /size: expected an integer in \[0, 9007199254740991\]/ },
        { name: "a boolean size", change: (d) => (d["chunks"][0].size = true), message: /size: expected an integer .* got true/ },
      ]);
    });
  });

  describe("decodeReceipts", function () {
    it("refuses input that is not a UTF-8 JSON object", function () {
      expectRefusesNonObjects(decodeReceipts, "chunk receipts");
    });

    it("refuses wrong format/version, missing and extra fields", function () {
      expectRefuses(decodeReceipts, encodeReceipts(receipts), commonCases(["fileId", "chunkOwner", "receipts"]));
    });

    it("refuses wrong types, bad hex, signatures of the wrong length, bad CIDs and indexes", function () {
      expectRefuses(decodeReceipts, encodeReceipts(receipts), [
        { name: "fileId bad", change: (d) => (d["fileId"] = "0x00"), message: /fileId: expected 0x and 64 lowercase hex digits, got "0x00"/ },
        { name: "chunkOwner bad", change: (d) => (d["chunkOwner"] = "me"), message: /chunkOwner: expected an address, got "me"/ },
        { name: "receipts null", change: (d) => (d["receipts"] = null), message: /receipts: expected an array of at most 100000 items, got null/ },
        { name: "a receipt a string", change: (d) => (d["receipts"][0] = "ok"), message: /chunk receipts receipts\[0\]: expected a JSON object, got "ok"/ },
        { name: "a receipt with an extra field", change: (d) => (d["receipts"][0].owner = A), message: /receipts\[0\]: unexpected field\(s\) owner/ },
        { name: "a receipt without signature", change: (d) => delete d["receipts"][1].signature, message: /receipts\[1\]: signature: expected 0x and 65\.\.65 bytes of lowercase hex, got nothing/ },
        { name: "a 64-byte signature", change: (d) => (d["receipts"][0].signature = hexlify(randomBytes(64))), message: /signature: expected 0x and 65\.\.65 bytes/ },
        { name: "a 66-byte signature", change: (d) => (d["receipts"][0].signature = hexlify(randomBytes(66))), message: /signature: expected 0x and 65\.\.65 bytes/ },
        { name: "an odd-length signature", change: (d) => (d["receipts"][0].signature = `${SIGNATURE}0`), message: /signature: expected 0x and 65\.\.65 bytes/ },
        { name: "an uppercase signature", change: (d) => (d["receipts"][0].signature = `0x${SIGNATURE.slice(2).toUpperCase()}`), message: /signature: expected 0x and 65\.\.65 bytes of lowercase hex/ },
        { name: "a signature without 0x", change: (d) => (d["receipts"][0].signature = SIGNATURE.slice(2)), message: /signature: expected 0x/ },
        { name: "a bad chunkHash", change: (d) => (d["receipts"][0].chunkHash = 0), message: /chunkHash: expected 0x and 64 lowercase hex digits, got 0/ },
        { name: "a bad CID", change: (d) => (d["receipts"][0].cid = "Qm"), message: /cid: expected a valid CID, got "Qm"/ },
        { name: "an out-of-range index", change: (d) => (d["receipts"][0].index = 1e6), message: /index: expected an integer in \[0, 99999\], got 1000000/ },
      ]);
    });
  });

  describe("decodeShareDocument", function () {
    it("refuses input that is not a UTF-8 JSON object", function () {
      expectRefusesNonObjects(decodeShareDocument, "key share");
    });

    it("refuses wrong format/version, missing and extra fields", function () {
      expectRefuses(decodeShareDocument, encodeShareDocument(share), commonCases(["fileId", "index", "holder", "share", "proof"]));
    });

    it("refuses out-of-range indexes, shares of the wrong length, bad proofs and holders", function () {
      expectRefuses(decodeShareDocument, encodeShareDocument(share), [
        { name: "index 0 (shares are 1-based)", change: (d) => (d["index"] = 0), message: /index: expected an integer in \[1, 255\], got 0/ },
        { name: "index 256", change: (d) => (d["index"] = 256), message: /index: expected an integer in \[1, 255\], got 256/ },
        { name: "index as a string", change: (d) => (d["index"] = "3"), message: /index: expected an integer in \[1, 255\], got "3"/ },
        { name: "holder bad", change: (d) => (d["holder"] = `${B}00`), message: /holder: expected an address/ },
        { name: "share 32 bytes", change: (d) => (d["share"] = hexlify(randomBytes(32))), message: /share: expected 0x and 33\.\.33 bytes of lowercase hex/ },
        { name: "share 34 bytes", change: (d) => (d["share"] = hexlify(randomBytes(34))), message: /share: expected 0x and 33\.\.33 bytes/ },
        { name: "share not hex", change: (d) => (d["share"] = `0x${"zz".repeat(33)}`), message: /share: expected 0x and 33\.\.33 bytes/ },
        { name: "share as an array of bytes", change: (d) => (d["share"] = [1, 2, 3]), message: /share: expected 0x and 33\.\.33 bytes of lowercase hex, got \[1,2,3\]/ },
        { name: "proof a string", change: (d) => (d["proof"] = d["proof"][0]), message: /proof: expected an array of at most 64 items/ },
        { name: "proof of 65 items", change: (d) => (d["proof"] = Array.from({ length: 65 }, hash32)), message: /proof: expected an array of at most 64 items/ },
        { name: "a proof item that is short", change: (d) => (d["proof"][2] = "0x1234"), message: /key share proof\[2\]: expected 0x and 64 lowercase hex digits, got "0x1234"/ },
        { name: "a proof item that is a number", change: (d) => (d["proof"][0] = 0), message: /key share proof\[0\]: expected 0x and 64 lowercase hex digits, got 0/ },
        { name: "a proof item in uppercase", change: (d) => (d["proof"][1] = `0x${d["proof"][1].slice(2).toUpperCase()}`), message: /key share proof\[1\]: expected 0x and 64 lowercase/ },
      ]);
    });
  });

  describe("decodeReleasedShare", function () {
    it("refuses input that is not a UTF-8 JSON object", function () {
      expectRefusesNonObjects(decodeReleasedShare, "released share");
    });

    it("refuses wrong format/version, missing and extra fields", function () {
      expectRefuses(decodeReleasedShare, encodeReleasedShare(released), commonCases(["auditId", "fileId", "index", "share"]));
    });

    it("refuses audit ids that are not positive decimal strings, bad indexes and shares", function () {
      expectRefuses(decodeReleasedShare, encodeReleasedShare(released), [
        { name: "auditId a number", change: (d) => (d["auditId"] = 12), message: /auditId: expected a non-empty string of at most 78 characters, got 12/ },
        { name: "auditId empty", change: (d) => (d["auditId"] = ""), message: /auditId: expected a non-empty string of at most 78 characters, got ""/ },
        { name: "auditId 79 digits", change: (d) => (d["auditId"] = "1".repeat(79)), message: /auditId: expected a non-empty string of at most 78 characters/ },
        { name: "auditId 0", change: (d) => (d["auditId"] = "0"), message: /auditId: expected a positive decimal string, got "0"/ },
        { name: "auditId with a leading zero", change: (d) => (d["auditId"] = "012"), message: /auditId: expected a positive decimal string, got "012"/ },
        { name: "auditId negative", change: (d) => (d["auditId"] = "-12"), message: /auditId: expected a positive decimal string/ },
        { name: "auditId hex", change: (d) => (d["auditId"] = "0x0c"), message: /auditId: expected a positive decimal string/ },
        { name: "auditId with spaces", change: (d) => (d["auditId"] = " 12"), message: /auditId: expected a positive decimal string/ },
        { name: "fileId bad", change: (d) => (d["fileId"] = null), message: /fileId: expected 0x and 64 lowercase hex digits, got null/ },
        { name: "index 0", change: (d) => (d["index"] = 0), message: /index: expected an integer in \[1, 255\], got 0/ },
        { name: "index 1000", change: (d) => (d["index"] = 1000), message: /index: expected an integer in \[1, 255\], got 1000/ },
        { name: "share 0 bytes", change: (d) => (d["share"] = "0x"), message: /share: expected 0x and 33\.\.33 bytes of lowercase hex, got "0x"/ },
      ]);
    });
  });

  describe("decodeMasterTable", function () {
    it("refuses input that is not a UTF-8 JSON object", function () {
      expectRefusesNonObjects(decodeMasterTable, "master table");
    });

    it("refuses wrong format/version, missing and extra fields (top level and nested)", function () {
      expectRefuses(decodeMasterTable, encodeMasterTable(table), [
        ...commonCases(["fileId", "owner", "createdAt", "fileSize", "fileHash", "chunkCount", "placementMembers", "chunks"]),
        { name: "a chunk with an extra field", change: (d) => (d["chunks"][1].plaintext = "x"), message: /master table chunks\[1\]: unexpected field\(s\) plaintext/ },
        { name: "a chunk without owners", change: (d) => delete d["chunks"][0].owners, message: /master table chunks\[0\]: owners: expected an array of at most 1000 items, got nothing/ },
        { name: "a chunk without receipts", change: (d) => delete d["chunks"][2].receipts, message: /chunks\[2\]: receipts: expected an array/ },
        { name: "a receipt with an extra field", change: (d) => (d["chunks"][0].receipts[1].index = 0), message: /master table chunks\[0\] receipts\[1\]: unexpected field\(s\) index/ },
        { name: "a receipt without owner", change: (d) => delete d["chunks"][0].receipts[0].owner, message: /receipts\[0\]: owner: expected an address, got nothing/ },
      ]);
    });

    it("refuses wrong types and out-of-range integers", function () {
      expectRefuses(decodeMasterTable, encodeMasterTable(table), [
        { name: "createdAt negative", change: (d) => (d["createdAt"] = -1), message: /createdAt: expected an integer in \[0, 9007199254740991\], got -1/ },
        { name: "createdAt as an ISO date", change: (d) => (d["createdAt"] = "2024-05-01"), message: /createdAt: expected an integer/ },
        { name: "fileSize fractional", change: (d) => (d["fileSize"] = 1.25), message: /fileSize: expected an integer in \[0, 9007199254740991\], got 1\.25/ },
        { name: "fileHash bad", change: (d) => (d["fileHash"] = "sha256:abc"), message: /fileHash: expected 0x and 64 lowercase hex digits, got "sha256:abc"/ },
        { name: "chunkCount 0", change: (d) => ((d["chunkCount"] = 0), (d["chunks"] = [])), message: /chunkCount: expected an integer in \[1, 100000\], got 0/ },
        { name: "chunkCount 100 001", change: (d) => (d["chunkCount"] = 100_001), message: /chunkCount: expected an integer in \[1, 100000\], got 100001/ },
        { name: "owner bad", change: (d) => (d["owner"] = ""), message: /owner: expected an address, got ""/ },
        { name: "placementMembers an object", change: (d) => (d["placementMembers"] = { 0: A }), message: /placementMembers: expected an array of at most 1000 items/ },
        { name: "a placement member that is not an address", change: (d) => (d["placementMembers"][3] = "0xdead"), message: /master table placementMembers\[3\]: expected an address, got "0xdead"/ },
        { name: "a chunk owner that is not an address", change: (d) => (d["chunks"][1].owners[0] = 1), message: /master table chunks\[1\] owners\[0\]: expected an address, got 1/ },
        { name: "a receipt signature of 64 bytes", change: (d) => (d["chunks"][0].receipts[0].signature = hexlify(randomBytes(64))), message: /signature: expected 0x and 65\.\.65 bytes/ },
        { name: "a chunk with a bad CID", change: (d) => (d["chunks"][2].cid = "bafy"), message: /master table chunks\[2\]: cid: expected a valid CID, got "bafy"/ },
        { name: "a chunk with a negative size", change: (d) => (d["chunks"][2].size = -1), message: /master table chunks\[2\]: size: expected an integer/ },
      ]);
    });

    it("refuses a table that is not self-consistent: chunk count, chunk order, owners outside the placement members", function () {
      expectRefuses(decodeMasterTable, encodeMasterTable(table), [
        { name: "a chunk too few", change: (d) => d["chunks"].pop(), message: /master table: chunks: expected 3 chunks \(chunkCount\), got / },
        { name: "a chunk too many", change: (d) => d["chunks"].push({ ...d["chunks"][2], index: 3 }), message: /chunks: expected 3 chunks \(chunkCount\)/ },
        { name: "chunkCount above the chunks", change: (d) => (d["chunkCount"] = 4), message: /chunks: expected 4 chunks \(chunkCount\)/ },
        { name: "chunks out of order", change: (d) => d["chunks"].reverse(), message: /chunks: expected chunk 0 at position 0, found index 2/ },
        { name: "chunks 0, 2, 1", change: (d) => ([d["chunks"][1], d["chunks"][2]] = [d["chunks"][2], d["chunks"][1]]), message: /chunks: expected chunk 1 at position 1, found index 2/ },
        { name: "a duplicated chunk index", change: (d) => (d["chunks"][1].index = 0), message: /chunks: expected chunk 1 at position 1, found index 0/ },
        { name: "a chunk owner outside the placement members", change: (d) => (d["chunks"][1].owners[2] = OWNER), message: new RegExp(`chunks: expected chunk 1 owned by placement members only \\(found ${OWNER}\\)`) },
        { name: "a chunk without any owner", change: (d) => (d["chunks"][2].owners = []), message: /chunks: expected chunk 2 owned by placement members only \(found no owner\)/ },
        { name: "no placement members at all", change: (d) => (d["placementMembers"] = []), message: /chunks: expected chunk 0 owned by placement members only \(found 0x/ },
      ]);
    });
  });

  describe("chunk receipts (EIP-712, bound to the chain and the ledger)", function () {
    const signer = Wallet.createRandom();
    const ledger = getAddress("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    const domain = chunkReceiptDomain({ chainId: 31337n, ledger });
    let receipt: ChunkReceipt;
    let signature: string;

    before(async function () {
      receipt = { fileId: hash32(), index: 7, chunkHash: hash32(), cid: cids[1]! };
      signature = await signChunkReceipt({ signer, domain, receipt });
    });

    it("recovers the signer of a receipt it signed (a 65-byte signature the receipts document accepts)", function () {
      expect(recoverChunkReceiptSigner({ domain, receipt, signature })).to.equal(signer.address);
      expect(signature).to.match(/^0x[0-9a-f]{130}$/);
      const document = { fileId: receipt.fileId, chunkOwner: signer.address, receipts: [{ index: receipt.index, chunkHash: receipt.chunkHash, cid: receipt.cid, signature }] };
      expect(decodeReceipts(encodeReceipts(document))).to.deep.equal(document);
    });

    it("the same signature checked for another chain id or another ledger recovers a different address", function () {
      for (const other of [chunkReceiptDomain({ chainId: 1n, ledger }), chunkReceiptDomain({ chainId: 31337n, ledger: getAddress("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512") })]) {
        expect(recoverChunkReceiptSigner({ domain: other, receipt, signature })).to.not.equal(signer.address);
      }
    });

    it("a receipt with any field changed recovers a different address", function () {
      const changed: ChunkReceipt[] = [
        { ...receipt, fileId: hash32() },
        { ...receipt, index: receipt.index + 1 },
        { ...receipt, chunkHash: hash32() },
        { ...receipt, cid: cids[2]! },
      ];
      for (const other of changed) expect(recoverChunkReceiptSigner({ domain, receipt: other, signature })).to.not.equal(signer.address);
    });

    it("a receipt signed for another chain by the same key does not verify here", async function () {
      const foreign = await signChunkReceipt({ signer, domain: chunkReceiptDomain({ chainId: 1n, ledger }), receipt });
      expect(foreign).to.not.equal(signature);
      expect(recoverChunkReceiptSigner({ domain, receipt, signature: foreign })).to.not.equal(signer.address);
    });
  });
});
