import { SigningKey, getBytes, hexlify } from "ethers";
import { mkdir, readFile, stat } from "node:fs/promises";
import path from "node:path";

import { EnvelopeError, encryptTo, openEnvelope } from "../crypto/index.js";
import { writeFileAtomic } from "../chain/write-file-atomic.js";
import { encodeDocument } from "../document-reader.js";
import { vaultContext } from "./contexts.js";
import { DataKeyConflictError, DataKeyNotFoundError, ExchangeFormatError, ExchangeParameterError } from "./errors.js";
import { exchangeDocuments, readBase64, toBase64 } from "./exchange-format.js";
import { assertDataKey } from "./key-parameters.js";

export const DATA_KEY_FILE_FORMAT = "sealedchain.exchange.data-key";

export type CreateDataKeyVaultParameters = {
  /** E.g. `<participant>/exchange/keys`; created (0700) on the first save. */
  directory: string;
  /** The member's encryption private key (its registry profile's key pair, from secrets.json). */
  privateKey: Uint8Array;
};

/** A member's data keys at rest: those of its own entries and those it bought. */
export type DataKeyVault = {
  /** Keeps `dataKey` for `fingerprint`. Saving the same key again is a no-op; a different key for a
   * fingerprint already held is refused (DataKeyConflictError), never overwritten. */
  save(fingerprint: string, dataKey: Uint8Array): Promise<void>;
  /** @throws DataKeyNotFoundError, ExchangeFormatError (file tampered with, renamed or sealed to another key) */
  load(fingerprint: string): Promise<Uint8Array>;
  has(fingerprint: string): Promise<boolean>;
};

const FINGERPRINT = /^0x[0-9a-f]{64}$/;

/**
 * One file per data key, `<fingerprint>.json` (0600, written atomically), holding the key sealed
 * with the envelope to the member's own encryption key under the context
 * `sealedchain.exchange.data-key/<fingerprint>`: a file copied under another name does not open.
 *
 * Why the envelope and not the password vault of quality/pair-key-vault: the agent that sells and
 * buys already holds this private key (it opens deliveries with it), so no password needs to reach
 * it; sealing is a cheap ECIES operation instead of one scrypt (~0.3 s, 128 MiB) per key; and a
 * data key is exactly what envelopes are made to carry. If the member rotates its registry
 * encryption key, it must re-save its data keys under the new one before dropping the old.
 */
export function createDataKeyVault({ directory, privateKey }: CreateDataKeyVaultParameters): DataKeyVault {
  let publicKey: Uint8Array;
  try {
    publicKey = getBytes(SigningKey.computePublicKey(hexlify(privateKey), true));
  } catch {
    throw new ExchangeParameterError({ parameter: "privateKey", problem: "expected a 32-byte secp256k1 private key" });
  }
  const secret = Uint8Array.from(privateKey);
  const fileOf = (fingerprint: string) => path.join(directory, `${checkFingerprint(fingerprint)}.json`);

  const read = async (fingerprint: string): Promise<Uint8Array | undefined> => {
    const file = fileOf(fingerprint);
    let bytes: Uint8Array;
    try {
      bytes = await readFile(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    const what = `data key file ${file}`;
    const reader = exchangeDocuments.parse(what, bytes, { format: DATA_KEY_FILE_FORMAT, version: 1, keys: ["fingerprint", "envelope"] });
    if (reader.hash("fingerprint") !== fingerprint.toLowerCase()) throw reader.error("fingerprint", fingerprint.toLowerCase());
    const envelope = readBase64(reader, "envelope", 1, 1024);
    try {
      const dataKey = openEnvelope({ privateKey: secret, envelope, context: vaultContext(fingerprint) });
      assertDataKey(dataKey, "the sealed data key");
      return dataKey;
    } catch (error) {
      if (!(error instanceof EnvelopeError) && !(error instanceof ExchangeParameterError)) throw error;
      throw new ExchangeFormatError({ document: what, problem: `envelope: does not open with this member's key (tampered with, or sealed to another key): ${error.message}` }, { cause: error });
    }
  };

  return {
    async save(fingerprint, dataKey) {
      assertDataKey(dataKey, "dataKey");
      const file = fileOf(fingerprint);
      const held = await read(fingerprint);
      if (held !== undefined) {
        const same = held.every((byte, i) => byte === dataKey[i]);
        held.fill(0);
        if (same) return;
        throw new DataKeyConflictError({ fingerprint: fingerprint.toLowerCase(), file });
      }
      await mkdir(directory, { recursive: true, mode: 0o700 });
      const envelope = encryptTo({ recipientPublicKey: publicKey, plaintext: dataKey, context: vaultContext(fingerprint) });
      const document = encodeDocument({ format: DATA_KEY_FILE_FORMAT, version: 1, fingerprint: fingerprint.toLowerCase(), envelope: toBase64(envelope) });
      await writeFileAtomic({ path: file, data: document, mode: 0o600 });
    },
    async load(fingerprint) {
      const dataKey = await read(fingerprint);
      if (dataKey === undefined) throw new DataKeyNotFoundError({ fingerprint: fingerprint.toLowerCase(), directory });
      return dataKey;
    },
    async has(fingerprint) {
      try {
        return (await stat(fileOf(fingerprint))).isFile();
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
        throw error;
      }
    },
  };
}

function checkFingerprint(fingerprint: string): string {
  if (typeof fingerprint !== "string" || !FINGERPRINT.test(fingerprint.toLowerCase())) {
    throw new ExchangeParameterError({ parameter: "fingerprint", problem: `expected 0x and 64 hex digits, got ${JSON.stringify(fingerprint)}` });
  }
  return fingerprint.toLowerCase();
}
