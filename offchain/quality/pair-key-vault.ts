import { mkdir, readFile, rename } from "node:fs/promises";
import path from "node:path";

import {
  CorruptParticipantFileError,
  STANDARD_SCRYPT,
  SecretsAuthenticationError,
  WrongPasswordError,
  openSecrets,
  sealSecrets,
  writeFileAtomic,
  type ScryptParameters,
} from "../chain/index.js";
import { PairKeyNotFoundError } from "./errors.js";

export type CreatePairKeyVaultParameters = {
  /** Participant name (bound into each file's AAD). */
  name: string;
  /** `<participant>/quality/keys`. */
  directory: string;
  /** The participant's password (the one of its secrets.json). */
  password: string;
  /** KDF cost for new files; default STANDARD_SCRYPT (demo participants use DEMO_SCRYPT). */
  scrypt?: ScryptParameters;
};

/** B's Paillier private keys at rest, one sealed file per pair. Handlers and steps get this
 * capability rather than the password. */
export type PairKeyVault = {
  /** Seals a new key before its pair exists on chain (`pending-<publicKeyHash>.json`), so a
   * crash between publishPair and the file naming loses nothing. */
  savePending(parameters: { publicKeyHash: string; privateKeyJson: string }): Promise<void>;
  /** Names the pending file after the pair id the chain assigned (`<pairId>.json`). */
  assign(parameters: { publicKeyHash: string; pairId: bigint }): Promise<void>;
  /** The sealed key of `pairId` (or the pending one with that public key hash, if the
   * assign step never ran), as the JSON string that was saved. */
  load(parameters: { pairId: bigint; publicKeyHash: string }): Promise<string>;
};

/**
 * Keeps B's per-pair Paillier private keys encrypted at rest in the participant's folder:
 * scrypt(password) + AES-256-GCM like secrets.json, AAD bound to the participant and to the
 * key's public-key hash (a file copied under another pair id does not open). Files are 0600;
 * nothing is logged.
 */
export function createPairKeyVault({ name, directory, password, scrypt = STANDARD_SCRYPT }: CreatePairKeyVaultParameters): PairKeyVault {
  const aadOf = (publicKeyHash: string) => `sealedchain/quality/pair-key/v1/${name}/${publicKeyHash.toLowerCase()}`;
  const pendingFile = (publicKeyHash: string) => path.join(directory, `pending-${publicKeyHash.toLowerCase()}.json`);
  const pairFile = (pairId: bigint) => path.join(directory, `${pairId}.json`);

  const open = async (file: string, publicKeyHash: string): Promise<string | undefined> => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
    let sealed: unknown;
    try {
      sealed = JSON.parse(text);
    } catch (error) {
      throw new CorruptParticipantFileError({ file, problem: "not valid JSON" }, { cause: error });
    }
    // A file left from another chain under the same pair id holds another key: not this one.
    if ((sealed as { aad?: unknown } | null)?.aad !== aadOf(publicKeyHash)) return undefined;
    try {
      const plaintext = await openSecrets({ sealed, password, aad: aadOf(publicKeyHash), file });
      try {
        return new TextDecoder().decode(plaintext);
      } finally {
        plaintext.fill(0);
      }
    } catch (error) {
      if (error instanceof SecretsAuthenticationError) throw new WrongPasswordError({ name, file }, { cause: error });
      throw error;
    }
  };

  return {
    async savePending({ publicKeyHash, privateKeyJson }) {
      await mkdir(directory, { recursive: true, mode: 0o700 });
      const plaintext = new TextEncoder().encode(privateKeyJson);
      try {
        const sealed = await sealSecrets({ plaintext, password, aad: aadOf(publicKeyHash), scrypt });
        await writeFileAtomic({ path: pendingFile(publicKeyHash), data: JSON.stringify(sealed), mode: 0o600 });
      } finally {
        plaintext.fill(0);
      }
    },
    async assign({ publicKeyHash, pairId }) {
      await rename(pendingFile(publicKeyHash), pairFile(pairId));
    },
    async load({ pairId, publicKeyHash }) {
      const found = (await open(pairFile(pairId), publicKeyHash)) ?? (await open(pendingFile(publicKeyHash), publicKeyHash));
      if (found === undefined) throw new PairKeyNotFoundError({ pairId, directory });
      return found;
    },
  };
}
