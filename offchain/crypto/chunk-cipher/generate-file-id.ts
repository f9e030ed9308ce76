import { randomBytes } from "node:crypto";
import { FILE_ID_BYTES } from "./constants.js";

/** A fresh random file id: "0x" + 64 lowercase hex digits (bytes32 on chain). */
export function generateFileId(): string {
  return `0x${randomBytes(FILE_ID_BYTES).toString("hex")}`;
}
