import { randomBytes } from "node:crypto";

/** Salt length in bytes (RFC 9106 §3.1 recommends 16 for password hashing). */
export const SALT_BYTES = 16;

/** A fresh random salt of 16 bytes from the OS CSPRNG. */
export function generateSalt(): Uint8Array {
  return new Uint8Array(randomBytes(SALT_BYTES));
}
