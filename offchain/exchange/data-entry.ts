import { getAddress, isAddress } from "ethers";

import {
  EnvelopeContextError,
  EnvelopeDecryptionError,
  EnvelopeFormatError,
  FILE_KEY_BYTES,
  encryptTo,
  generateFileKey,
  openEnvelope,
} from "../crypto/index.js";
import type { ContentStore } from "../storage/index.js";
import { validationContext } from "./contexts.js";
import { DATA_CIPHER, decryptData, encryptData } from "./data-cipher.js";
import { encodeEntryDocument, parseEntryDocument } from "./entry-document.js";
import { type EntryMetadata, encodeEntryMetadata, metadataHashOf } from "./entry-metadata.js";
import { ExchangeFormatError, ExchangeParameterError, FingerprintMismatchError, MetadataMismatchError, NotARecipientError } from "./errors.js";
import { fingerprintOf } from "./fingerprint.js";
import { assertDataKey, publicKeyOf } from "./key-parameters.js";

/** A current REGULATOR and the encryption key of its registry profile (0x + 33-byte compressed secp256k1). */
export type RegulatorKey = { address: string; encryptionKey: string };

export type SealDataEntryParameters = {
  data: Uint8Array;
  /** `size` must be data.length. */
  metadata: EntryMetadata;
  /** At least one; distinct addresses. */
  regulators: RegulatorKey[];
  store: Pick<ContentStore, "put" | "pin">;
  /** The data key to use instead of a fresh one: only to resubmit the same data (same
   * fingerprint) under the key the member's vault already holds for it. */
  dataKey?: Uint8Array;
};

export type SealDataEntryResult = { entryCid: string; dataCid: string; fingerprint: string; metadataHash: string; dataKey: Uint8Array };

/**
 * Encrypts a device's data under a fresh 32-byte data key (DATA_CIPHER), stores and pins the
 * ciphertext and the entry document in the member's own node, and seals the data key to every
 * current regulator inside the entry document (D3.6 9.3-9.5), so any of them can validate.
 * Returns what the DataRegistry submission needs (fingerprint, metadataHash, entryCid) and the
 * data key, which the caller keeps in its DataKeyVault to sell the entry later.
 */
export async function sealDataEntry({ data, metadata, regulators, store, dataKey }: SealDataEntryParameters): Promise<SealDataEntryResult> {
  if (!(data instanceof Uint8Array) || data.length === 0) throw new ExchangeParameterError({ parameter: "data", problem: "expected non-empty bytes" });
  if (metadata.size !== data.length) throw new ExchangeParameterError({ parameter: "metadata.size", problem: `expected ${data.length} (the data's length), got ${metadata.size}` });
  const metadataBytes = encodeEntryMetadata(metadata);
  const recipients = regulatorKeysOf(regulators);
  if (dataKey !== undefined) assertDataKey(dataKey, "dataKey");

  const key = dataKey === undefined ? generateFileKey() : Uint8Array.from(dataKey);
  const fingerprint = fingerprintOf(data);
  const dataCid = await store.put(encryptData({ dataKey: key, fingerprint, data }));
  await store.pin(dataCid);
  const validationKeys = recipients.map(({ address, publicKey }) => ({
    regulator: address,
    envelope: encryptTo({ recipientPublicKey: publicKey, plaintext: key, context: validationContext(fingerprint) }),
  }));
  const entryCid = await store.put(encodeEntryDocument({ metadata, fingerprint, dataCid, cipher: DATA_CIPHER, validationKeys }));
  await store.pin(entryCid);
  return { entryCid, dataCid, fingerprint, metadataHash: metadataHashOf(metadataBytes), dataKey: key };
}

/** Who opens an entry: a holder of its data key (seller, buyer), or a regulator with its encryption private key. */
export type EntryKey = { dataKey: Uint8Array } | { regulator: string; privateKey: Uint8Array };

export type OpenDataEntryParameters = {
  entryBytes: Uint8Array;
  /** Fetches the ciphertext by its CID (ContentStore.get, fetchFromMember, …). */
  fetchCiphertext: (cid: string) => Promise<Uint8Array>;
  key: EntryKey;
  /** The fingerprint recorded on chain for this entry. */
  expectedFingerprint?: string;
  /** The metadataHash recorded on chain for this entry. */
  expectedMetadataHash?: string;
};

/**
 * Opens a data entry: recovers the data key, fetches and decrypts the ciphertext and checks that
 * SHA-256(data) is the document's fingerprint (and the chain's, when given).
 * @throws FingerprintMismatchError, MetadataMismatchError, NotARecipientError, DataDecryptionError, ExchangeFormatError
 */
export async function openDataEntry({
  entryBytes,
  fetchCiphertext,
  key,
  expectedFingerprint,
  expectedMetadataHash,
}: OpenDataEntryParameters): Promise<{ metadata: EntryMetadata; data: Uint8Array }> {
  const entry = parseEntryDocument(entryBytes);
  if (expectedFingerprint !== undefined && expectedFingerprint.toLowerCase() !== entry.fingerprint) {
    throw new FingerprintMismatchError(expectedFingerprint.toLowerCase(), entry.fingerprint, "entry document");
  }
  if (expectedMetadataHash !== undefined && expectedMetadataHash.toLowerCase() !== entry.metadataHash) {
    throw new MetadataMismatchError(expectedMetadataHash.toLowerCase(), entry.metadataHash);
  }

  let dataKey: Uint8Array;
  if ("dataKey" in key) {
    assertDataKey(key.dataKey, "key.dataKey");
    dataKey = Uint8Array.from(key.dataKey);
  } else {
    dataKey = unsealValidationKey(entry.fingerprint, entry.validationKeys, key.regulator, key.privateKey);
  }
  try {
    const ciphertext = await fetchCiphertext(entry.dataCid);
    const data = decryptData({ dataKey, fingerprint: entry.fingerprint, ciphertext, size: entry.metadata.size, dataCid: entry.dataCid });
    const actual = fingerprintOf(data);
    if (actual !== entry.fingerprint) throw new FingerprintMismatchError(entry.fingerprint, actual);
    return { metadata: entry.metadata, data };
  } finally {
    dataKey.fill(0);
  }
}

function unsealValidationKey(fingerprint: string, keys: { regulator: string; envelope: Uint8Array }[], regulator: string, privateKey: Uint8Array): Uint8Array {
  if (!isAddress(regulator)) throw new ExchangeParameterError({ parameter: "key.regulator", problem: `expected an address, got ${JSON.stringify(regulator)}` });
  const what = `entry ${fingerprint}`;
  const sealed = keys.find((k) => k.regulator === getAddress(regulator));
  if (sealed === undefined) throw new NotARecipientError({ what, problem: `no validation key for regulator ${getAddress(regulator)}` });
  let dataKey: Uint8Array;
  try {
    dataKey = openEnvelope({ privateKey, envelope: sealed.envelope, context: validationContext(fingerprint) });
  } catch (error) {
    if (error instanceof EnvelopeDecryptionError || error instanceof EnvelopeContextError || error instanceof EnvelopeFormatError) {
      throw new NotARecipientError({ what, problem: `the validation key of ${sealed.regulator} does not open with this private key (${error.message})` }, { cause: error });
    }
    throw error;
  }
  if (dataKey.length !== FILE_KEY_BYTES) {
    dataKey.fill(0);
    throw new ExchangeFormatError({ document: `${what} validation key of ${sealed.regulator}`, problem: `expected a ${FILE_KEY_BYTES}-byte data key, got ${dataKey.length} bytes` });
  }
  return dataKey;
}

function regulatorKeysOf(regulators: RegulatorKey[]): { address: string; publicKey: Uint8Array }[] {
  if (!Array.isArray(regulators) || regulators.length === 0) throw new ExchangeParameterError({ parameter: "regulators", problem: "expected at least one regulator" });
  const seen = new Set<string>();
  return regulators.map(({ address, encryptionKey }, i) => {
    if (typeof address !== "string" || !isAddress(address)) throw new ExchangeParameterError({ parameter: `regulators[${i}].address`, problem: `expected an address, got ${JSON.stringify(address)}` });
    const checksummed = getAddress(address);
    if (seen.has(checksummed)) throw new ExchangeParameterError({ parameter: `regulators[${i}].address`, problem: `${checksummed} appears twice` });
    seen.add(checksummed);
    return { address: checksummed, publicKey: publicKeyOf(encryptionKey, `regulators[${i}].encryptionKey`) };
  });
}
