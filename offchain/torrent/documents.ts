import { type DocumentReader, documentFormat, encodeDocument } from "../document-reader.js";
import { TorrentFormatError } from "./errors.js";

/**
 * The torrent part's JSON documents. All travel encrypted: the assignment, receipts and
 * shares in envelopes to one member, the master table under the file key. Each has a
 * `format` and `version`; readers refuse unknown or missing fields.
 */

/** One encrypted chunk as the owner produced it. `hash` is SHA-256 of the ciphertext bytes. */
export type ChunkRef = { index: number; cid: string; size: number; hash: string };

/** Owner → chunk owner: the chunks placement gave it. */
export type ChunkAssignment = { fileId: string; owner: string; chunkOwner: string; chunks: ChunkRef[] };

/** One signed receipt (EIP-712 ChunkReceipt, see chunk-receipt.ts). */
export type ChunkReceiptEntry = { index: number; chunkHash: string; cid: string; signature: string };

/** Chunk owner → owner: a receipt for every assigned chunk. */
export type ChunkReceipts = { fileId: string; chunkOwner: string; receipts: ChunkReceiptEntry[] };

/** Owner → holder: share `index` (1-based) of the file key and its Merkle proof. */
export type ShareDocument = { fileId: string; index: number; holder: string; share: string; proof: string[] };

/** Holder → auditor: the same share, for one audit. */
export type ReleasedShareDocument = { auditId: string; fileId: string; index: number; share: string };

/** Per chunk: what the auditor needs to fetch and check it, and who acknowledged it. */
export type MasterTableChunk = ChunkRef & { owners: string[]; receipts: { owner: string; signature: string }[] };

/** The file's table of contents (BlockTorrent's master table), sealed with the file key. */
export type MasterTable = {
  fileId: string;
  owner: string;
  /** Unix seconds. */
  createdAt: number;
  fileSize: number;
  /** SHA-256 of the whole plaintext. */
  fileHash: string;
  chunkCount: number;
  placementMembers: string[];
  chunks: MasterTableChunk[];
};

const MAX_CHUNKS = 100_000;
const MAX_MEMBERS = 1_000;
const SIGNATURE_BYTES = 65;
/** A share is the 32-byte key plus one byte (shamir-secret-sharing's x coordinate). */
const SHARE_BYTES = 33;

const documents = documentFormat((what, problem, options) => new TorrentFormatError({ what, problem }, options));

const FORMATS = {
  assignment: "sealedchain/torrent-assignment",
  receipts: "sealedchain/torrent-receipts",
  share: "sealedchain/torrent-share",
  releasedShare: "sealedchain/torrent-released-share",
  masterTable: "sealedchain/torrent-master-table",
} as const;

function chunkRef(reader: DocumentReader): ChunkRef {
  return { index: reader.integer("index", 0, MAX_CHUNKS - 1), cid: reader.cid("cid"), size: reader.integer("size", 0), hash: reader.hash("hash") };
}

export function encodeAssignment(a: ChunkAssignment): Uint8Array {
  return encodeDocument({ format: FORMATS.assignment, version: 1, ...a });
}

export function decodeAssignment(bytes: Uint8Array): ChunkAssignment {
  const r = documents.parse("chunk assignment", bytes, { format: FORMATS.assignment, version: 1, keys: ["fileId", "owner", "chunkOwner", "chunks"] });
  return {
    fileId: r.hash("fileId"),
    owner: r.address("owner"),
    chunkOwner: r.address("chunkOwner"),
    chunks: r.array("chunks", MAX_CHUNKS, (value, path) => chunkRef(documents.object(path, value, ["index", "cid", "size", "hash"]))),
  };
}

export function encodeReceipts(r: ChunkReceipts): Uint8Array {
  return encodeDocument({ format: FORMATS.receipts, version: 1, ...r });
}

export function decodeReceipts(bytes: Uint8Array): ChunkReceipts {
  const r = documents.parse("chunk receipts", bytes, { format: FORMATS.receipts, version: 1, keys: ["fileId", "chunkOwner", "receipts"] });
  return {
    fileId: r.hash("fileId"),
    chunkOwner: r.address("chunkOwner"),
    receipts: r.array("receipts", MAX_CHUNKS, (value, path) => {
      const e = documents.object(path, value, ["index", "chunkHash", "cid", "signature"]);
      return { index: e.integer("index", 0, MAX_CHUNKS - 1), chunkHash: e.hash("chunkHash"), cid: e.cid("cid"), signature: e.bytes("signature", SIGNATURE_BYTES, SIGNATURE_BYTES) };
    }),
  };
}

export function encodeShareDocument(s: ShareDocument): Uint8Array {
  return encodeDocument({ format: FORMATS.share, version: 1, ...s });
}

export function decodeShareDocument(bytes: Uint8Array): ShareDocument {
  const r = documents.parse("key share", bytes, { format: FORMATS.share, version: 1, keys: ["fileId", "index", "holder", "share", "proof"] });
  return {
    fileId: r.hash("fileId"),
    index: r.integer("index", 1, 255),
    holder: r.address("holder"),
    share: r.bytes("share", SHARE_BYTES, SHARE_BYTES),
    proof: r.array("proof", 64, documents.hash),
  };
}

export function encodeReleasedShare(s: ReleasedShareDocument): Uint8Array {
  return encodeDocument({ format: FORMATS.releasedShare, version: 1, ...s });
}

export function decodeReleasedShare(bytes: Uint8Array): ReleasedShareDocument {
  const r = documents.parse("released share", bytes, { format: FORMATS.releasedShare, version: 1, keys: ["auditId", "fileId", "index", "share"] });
  return { auditId: r.decimalId("auditId"), fileId: r.hash("fileId"), index: r.integer("index", 1, 255), share: r.bytes("share", SHARE_BYTES, SHARE_BYTES) };
}

export function encodeMasterTable(t: MasterTable): Uint8Array {
  return encodeDocument({ format: FORMATS.masterTable, version: 1, ...t });
}

/** Reads a master table and checks it is self-consistent: chunks 0..chunkCount-1 in order, owners among the placement members. */
export function decodeMasterTable(bytes: Uint8Array): MasterTable {
  const keys = ["fileId", "owner", "createdAt", "fileSize", "fileHash", "chunkCount", "placementMembers", "chunks"];
  const r = documents.parse("master table", bytes, { format: FORMATS.masterTable, version: 1, keys });
  const placementMembers = r.array("placementMembers", MAX_MEMBERS, documents.address);
  const chunks = r.array("chunks", MAX_CHUNKS, (value, path) => {
    const c = documents.object(path, value, ["index", "cid", "size", "hash", "owners", "receipts"]);
    return {
      ...chunkRef(c),
      owners: c.array("owners", MAX_MEMBERS, documents.address),
      receipts: c.array("receipts", MAX_MEMBERS, (v, p) => {
        const e = documents.object(p, v, ["owner", "signature"]);
        return { owner: e.address("owner"), signature: e.bytes("signature", SIGNATURE_BYTES, SIGNATURE_BYTES) };
      }),
    };
  });
  const table: MasterTable = {
    fileId: r.hash("fileId"),
    owner: r.address("owner"),
    createdAt: r.integer("createdAt", 0),
    fileSize: r.integer("fileSize", 0),
    fileHash: r.hash("fileHash"),
    chunkCount: r.integer("chunkCount", 1, MAX_CHUNKS),
    placementMembers,
    chunks,
  };
  if (chunks.length !== table.chunkCount) throw r.error("chunks", `${table.chunkCount} chunks (chunkCount)`);
  chunks.forEach((chunk, i) => {
    if (chunk.index !== i) throw r.error("chunks", `chunk ${i} at position ${i}, found index ${chunk.index}`);
    const stranger = chunk.owners.find((owner) => !placementMembers.includes(owner));
    if (stranger !== undefined || chunk.owners.length === 0) throw r.error("chunks", `chunk ${i} owned by placement members only (found ${stranger ?? "no owner"})`);
  });
  return table;
}
