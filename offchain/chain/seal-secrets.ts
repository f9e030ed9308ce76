import { createCipheriv, randomBytes } from "node:crypto";

import { deriveSecretsKey } from "./derive-secrets-key.js";
import { STANDARD_SCRYPT, type ScryptParameters, type SealedSecretsFile } from "./secret-box-format.js";

export type SealSecretsParameters = {
  plaintext: Uint8Array;
  password: string;
  /** Bound into the GCM tag, e.g. `sealedchain/secrets/v1/<name>`. */
  aad: string;
  scrypt?: ScryptParameters;
};

/** Encrypts `plaintext` under a key derived from `password` (scrypt, then AES-256-GCM with
 * a fresh 96-bit IV). */
export async function sealSecrets({
  plaintext,
  password,
  aad,
  scrypt: params = STANDARD_SCRYPT,
}: SealSecretsParameters): Promise<SealedSecretsFile> {
  if (password.length === 0) throw new TypeError("sealSecrets: password must not be empty");
  const salt = randomBytes(32);
  const key = await deriveSecretsKey({ password, salt, scrypt: params });
  try {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(aad, "utf8"));
    const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return {
      version: 1,
      kdf: { name: "scrypt", ...params, dkLen: 32, salt: salt.toString("hex") },
      cipher: { name: "aes-256-gcm", iv: iv.toString("hex"), tag: cipher.getAuthTag().toString("hex") },
      aad,
      ciphertext: ciphertext.toString("hex"),
    };
  } finally {
    key.fill(0);
  }
}
