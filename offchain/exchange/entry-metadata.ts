import { keccak256 } from "ethers";

import { type DocumentReader, encodeDocument } from "../document-reader.js";
import { ExchangeFormatError } from "./errors.js";
import { exchangeDocuments, readLabel, readText } from "./exchange-format.js";

export const ENTRY_METADATA_FORMAT = "sealedchain.exchange.metadata";

/** What a data entry is, as the device's owner describes it (D3.6 9.3). Its canonical encoding is
 * what `metadataHash` on chain hashes and what the device signs (via the hash). */
export type EntryMetadata = {
  /** Label of 1..64 characters [a-z0-9.-], e.g. "logistics.cold-chain"; the market category. */
  category: string;
  /** Free text, at most 500 characters (may be empty). */
  description: string;
  /** "type/subtype" (RFC 6838 characters, lowercase, no parameters), e.g. "text/csv". */
  mediaType: string;
  /** Plaintext bytes, ≥ 1. */
  size: number;
  /** Unix seconds the device produced the data (the Submission's producedAt). */
  producedAt: number;
  /** The approved device that produced and signed it (checksummed). */
  device: string;
};

const KEYS = ["category", "description", "mediaType", "size", "producedAt", "device"] as const;
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const WHAT = "entry metadata";

/** The canonical bytes: UTF-8 JSON, fields in the order above, no whitespace, device checksummed.
 * Refuses (ExchangeFormatError naming the field) metadata that parseEntryMetadata would refuse. */
export function encodeEntryMetadata(metadata: EntryMetadata): Uint8Array {
  const document = {
    format: ENTRY_METADATA_FORMAT,
    version: 1,
    category: metadata.category,
    description: metadata.description,
    mediaType: metadata.mediaType,
    size: metadata.size,
    producedAt: metadata.producedAt,
    device: metadata.device,
  };
  const checked = readEntryMetadata(exchangeDocuments.object(WHAT, document, ["format", "version", ...KEYS]));
  return encodeDocument({ ...document, device: checked.device });
}

/** Parses metadata bytes strictly: exactly the documented fields, each valid, and in the canonical
 * encoding (so `metadataHashOf(bytes)` is the hash of what this returns). */
export function parseEntryMetadata(bytes: Uint8Array): EntryMetadata {
  const metadata = readEntryMetadata(exchangeDocuments.parse(WHAT, bytes, { format: ENTRY_METADATA_FORMAT, version: 1, keys: KEYS }));
  if (!sameBytes(bytes, encodeEntryMetadata(metadata))) {
    throw new ExchangeFormatError({ document: WHAT, problem: "not in the canonical encoding (fields in order, no whitespace, checksummed device)" });
  }
  return metadata;
}

/** Reads the metadata object embedded at `path` (e.g. in an entry document); any key order. */
export function entryMetadataAt(path: string, value: unknown): EntryMetadata {
  return readEntryMetadata(exchangeDocuments.object(path, value, ["format", "version", ...KEYS]));
}

/** keccak256 of the metadata bytes: the DataRegistry's metadataHash. */
export function metadataHashOf(bytes: Uint8Array): string {
  return keccak256(bytes);
}

function readEntryMetadata(reader: DocumentReader): EntryMetadata {
  if (reader.value("format") !== ENTRY_METADATA_FORMAT) throw reader.error("format", JSON.stringify(ENTRY_METADATA_FORMAT));
  if (reader.value("version") !== 1) throw reader.error("version", "1");
  const mediaType = reader.value("mediaType");
  if (typeof mediaType !== "string" || !MEDIA_TYPE.test(mediaType)) throw reader.error("mediaType", 'a lowercase media type "type/subtype"');
  return {
    category: readLabel(reader, "category"),
    description: readText(reader, "description", 500),
    mediaType,
    size: reader.integer("size", 1),
    producedAt: reader.integer("producedAt", 0),
    device: reader.address("device"),
  };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
