import { encodeDocument } from "../document-reader.js";
import { MAX_SALT_BYTES, MIN_SALT_BYTES } from "./argon2-hash.js";
import { dcmbDocuments } from "./dcmb-documents.js";
import { DcmbFormatError } from "./errors.js";
import { MAX_NAME_LENGTH, MAX_VALUE_LENGTH } from "./reading-data.js";

/** Sender → receiver, one per reading: the reading, its salt and its proof against the batch root. */
export type DcmbMessage = {
  sender: string;
  receiver: string;
  /** The batch on chain (IDcmbAuditTrail: 1, 2, 3, … per channel). */
  batchId: number;
  /** Position of this reading in the batch, 0 ≤ index < count. */
  index: number;
  /** Number of messages in the batch (the chain's messageCount). */
  count: number;
  /** Base64 (RFC 4648 §4, padded) of the reading bytes (encodeReadingData). */
  data: string;
  /** 0x + lowercase hex, 8..64 bytes. */
  salt: string;
  /** StandardMerkleTree proof of the leaf, 0x + 64 hex each. */
  proof: string[];
};

export const MESSAGE_FORMAT = "sealedchain/dcmb-message";
export const MESSAGE_VERSION = 1;
/** uint32 messageCount on chain. */
export const MAX_MESSAGE_COUNT = 2 ** 32 - 1;
/** A proof of a tree with at most 2^32 leaves. */
export const MAX_PROOF_LENGTH = 32;
/** Base64 of the largest reading data. */
const MAX_DATA_LENGTH = 4 * Math.ceil((64 + 4 * MAX_NAME_LENGTH + 6 * MAX_VALUE_LENGTH) / 3) + 4096;
const BASE64 = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Encodes a message as UTF-8 JSON with format "sealedchain/dcmb-message" version 1; refuses
 * what decodeMessage would refuse (and writes addresses checksummed). */
export function encodeMessage(m: DcmbMessage): Uint8Array {
  const draft = encodeDocument({
    format: MESSAGE_FORMAT,
    version: MESSAGE_VERSION,
    sender: m?.sender,
    receiver: m?.receiver,
    batchId: m?.batchId,
    index: m?.index,
    count: m?.count,
    data: m?.data,
    salt: m?.salt,
    proof: m?.proof,
  });
  const checked = decodeMessage(draft);
  return encodeDocument({ format: MESSAGE_FORMAT, version: MESSAGE_VERSION, ...checked });
}

/** Decodes a message strictly: exact fields, format and version; every refusal is a
 * DcmbFormatError naming the field. It does not check the proof (see verifyMessage). */
export function decodeMessage(bytes: Uint8Array): DcmbMessage {
  const r = dcmbDocuments.parse("dcmb message", bytes, {
    format: MESSAGE_FORMAT,
    version: MESSAGE_VERSION,
    keys: ["sender", "receiver", "batchId", "index", "count", "data", "salt", "proof"],
  });
  const sender = r.address("sender");
  const receiver = r.address("receiver");
  if (sender === receiver) throw r.error("receiver", "an address other than the sender's");
  const batchId = r.integer("batchId", 1);
  const count = r.integer("count", 1, MAX_MESSAGE_COUNT);
  const index = r.integer("index", 0, MAX_MESSAGE_COUNT - 1);
  if (index >= count) throw r.error("index", `an integer below count ${count}`);
  const data = r.string("data", MAX_DATA_LENGTH);
  if (!BASE64.test(data)) throw r.error("data", "padded base64");
  const salt = r.bytes("salt", MIN_SALT_BYTES, MAX_SALT_BYTES);
  const proof = r.array("proof", MAX_PROOF_LENGTH, dcmbDocuments.hash);
  return { sender, receiver, batchId, index, count, data, salt, proof };
}

/** The reading bytes of a message (base64 already checked by decodeMessage). */
export function messageData(m: DcmbMessage): Uint8Array {
  if (typeof m.data !== "string" || !BASE64.test(m.data)) throw new DcmbFormatError({ what: "dcmb message", problem: "data: expected padded base64" });
  return new Uint8Array(Buffer.from(m.data, "base64"));
}
