import { createDecipheriv } from "node:crypto";

import { deriveSecretsKey } from "./derive-secrets-key.js";
import { CorruptParticipantFileError } from "./errors.js";
import type { SealedSecretsFile } from "./secret-box-format.js";

/** Thrown by {@link openSecrets} when the GCM tag does not verify (wrong password or a
 * tampered file: the two cannot be told apart, by design). */
export class SecretsAuthenticationError extends Error {
  override name = "SecretsAuthenticationError";
}

export type OpenSecretsParameters = {
  sealed: unknown;
  password: string;
  /** Expected AAD; a file sealed for another participant is rejected. */
  aad: string;
  /** For error messages only. */
  file: string;
};

const HEX = /^[0-9a-f]*$/;

/** Checks the shape of a secrets.json and decrypts it. */
export async function openSecrets({ sealed, password, aad, file }: OpenSecretsParameters): Promise<Uint8Array> {
  const s = sealed as Partial<SealedSecretsFile> | null;
  const bad = (problem: string): never => {
    throw new CorruptParticipantFileError({ file, problem });
  };
  if (s === null || typeof s !== "object") bad("expected a JSON object");
  if (s!.version !== 1) bad(`expected version 1, got ${JSON.stringify(s!.version)}`);
  const { kdf, cipher, ciphertext } = s as SealedSecretsFile;
  if (kdf?.name !== "scrypt" || kdf.dkLen !== 32) bad("expected kdf scrypt with dkLen 32");
  for (const [k, v] of [["N", kdf.N], ["r", kdf.r], ["p", kdf.p]] as const) {
    if (!Number.isSafeInteger(v) || v < 1) bad(`kdf.${k} must be a positive integer, got ${v}`);
  }
  if (kdf.N > 1 << 20 || (kdf.N & (kdf.N - 1)) !== 0) bad(`kdf.N must be a power of two ≤ 2^20, got ${kdf.N}`);
  if (cipher?.name !== "aes-256-gcm") bad("expected cipher aes-256-gcm");
  if (!HEX.test(kdf.salt) || kdf.salt.length < 32) bad("kdf.salt must be ≥ 16 bytes of hex");
  if (!HEX.test(cipher.iv) || cipher.iv.length !== 24) bad("cipher.iv must be 12 bytes of hex");
  if (!HEX.test(cipher.tag) || cipher.tag.length !== 32) bad("cipher.tag must be 16 bytes of hex");
  if (typeof ciphertext !== "string" || !HEX.test(ciphertext)) bad("ciphertext must be hex");
  if (s!.aad !== aad) bad(`sealed for ${JSON.stringify(s!.aad)}, expected ${JSON.stringify(aad)}`);

  const key = await deriveSecretsKey({
    password,
    salt: Buffer.from(kdf.salt, "hex"),
    scrypt: { N: kdf.N, r: kdf.r, p: kdf.p },
  });
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(cipher.iv, "hex"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(cipher.tag, "hex"));
    try {
      return new Uint8Array(Buffer.concat([decipher.update(Buffer.from(ciphertext, "hex")), decipher.final()]));
    } catch (error) {
      throw new SecretsAuthenticationError("secrets authentication tag did not verify", { cause: error });
    }
  } finally {
    key.fill(0);
  }
}
