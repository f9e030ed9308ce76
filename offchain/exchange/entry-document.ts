import { MIN_ENVELOPE_LENGTH } from "../crypto/index.js";
import { encodeDocument } from "../document-reader.js";
import { DATA_CIPHER } from "./data-cipher.js";
import { type EntryMetadata, encodeEntryMetadata, entryMetadataAt, metadataHashOf } from "./entry-metadata.js";
import { ExchangeFormatError } from "./errors.js";
import { exchangeDocuments, readBase64, toBase64 } from "./exchange-format.js";

export const ENTRY_DOCUMENT_FORMAT = "sealedchain.exchange.entry";
/** Most regulators an entry document seals its data key to. */
export const MAX_VALIDATION_KEYS = 256;

/** The data key sealed (envelope, context `validationContext(fingerprint)`) to one regulator. */
export type ValidationKey = { regulator: string; envelope: Uint8Array };

/** The entry document a member stores in its own node and whose CID goes on chain. */
export type EntryDocument = {
  metadata: EntryMetadata;
  /** keccak256 of the metadata's canonical encoding: must equal the on-chain metadataHash. */
  metadataHash: string;
  /** SHA-256 of the plaintext. */
  fingerprint: string;
  /** CID of the ciphertext. */
  dataCid: string;
  /** DATA_CIPHER. */
  cipher: string;
  validationKeys: ValidationKey[];
};

const KEYS = ["metadata", "fingerprint", "dataCid", "cipher", "validationKeys"] as const;
const WHAT = "entry document";
// A data key (32 bytes) plus the envelope's overhead and a context of up to 255 bytes.
const MIN_KEY_ENVELOPE = MIN_ENVELOPE_LENGTH + 32;
const MAX_KEY_ENVELOPE = MIN_KEY_ENVELOPE + 255;

export function encodeEntryDocument(entry: Omit<EntryDocument, "metadataHash">): Uint8Array {
  return encodeDocument({
    format: ENTRY_DOCUMENT_FORMAT,
    version: 1,
    metadata: JSON.parse(new TextDecoder().decode(encodeEntryMetadata(entry.metadata))) as object,
    fingerprint: entry.fingerprint,
    dataCid: entry.dataCid,
    cipher: entry.cipher,
    validationKeys: entry.validationKeys.map(({ regulator, envelope }) => ({ regulator, envelope: toBase64(envelope) })),
  });
}

/** Parses an entry document strictly: exactly the documented fields, each valid, 1..256 validation
 * keys for distinct regulators. */
export function parseEntryDocument(bytes: Uint8Array): EntryDocument {
  const reader = exchangeDocuments.parse(WHAT, bytes, { format: ENTRY_DOCUMENT_FORMAT, version: 1, keys: KEYS });
  const metadata = entryMetadataAt(`${WHAT} metadata`, reader.value("metadata"));
  if (reader.value("cipher") !== DATA_CIPHER) throw reader.error("cipher", JSON.stringify(DATA_CIPHER));
  const validationKeys = reader.array("validationKeys", MAX_VALIDATION_KEYS, (value, path) => {
    const item = exchangeDocuments.object(path, value, ["regulator", "envelope"]);
    return { regulator: item.address("regulator"), envelope: readBase64(item, "envelope", MIN_KEY_ENVELOPE, MAX_KEY_ENVELOPE) };
  });
  if (validationKeys.length === 0) throw reader.error("validationKeys", "at least one regulator's key");
  validationKeys.forEach(({ regulator }, i) => {
    if (validationKeys.findIndex((other) => other.regulator === regulator) !== i) {
      throw new ExchangeFormatError({ document: `${WHAT} validationKeys[${i}]`, problem: `regulator: ${regulator} appears twice` });
    }
  });
  return {
    metadata,
    metadataHash: metadataHashOf(encodeEntryMetadata(metadata)),
    fingerprint: reader.hash("fingerprint"),
    dataCid: reader.cid("dataCid"),
    cipher: DATA_CIPHER,
    validationKeys,
  };
}
