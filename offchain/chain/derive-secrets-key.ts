import { scrypt } from "node:crypto";

import { scryptMaxmem, type ScryptParameters } from "./secret-box-format.js";

export type DeriveSecretsKeyParameters = {
  password: string;
  salt: Uint8Array;
  scrypt: ScryptParameters;
};

/** The 32-byte AES-256-GCM key of a secrets.json: scrypt (RFC 7914) of the password.
 * The caller owns the returned buffer and wipes it (`key.fill(0)`) after use. */
export function deriveSecretsKey({ password, salt, scrypt: params }: DeriveSecretsKeyParameters): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, 32, { ...params, maxmem: scryptMaxmem(params) }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}
