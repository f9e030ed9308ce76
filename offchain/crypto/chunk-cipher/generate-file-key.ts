import { randomBytes } from "node:crypto";
import { FILE_KEY_BYTES } from "./constants.js";

/** A fresh 32-byte file key from the operating system's CSPRNG. */
export function generateFileKey(): Uint8Array {
  return Uint8Array.from(randomBytes(FILE_KEY_BYTES));
}
