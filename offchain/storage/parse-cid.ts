import { CID } from "multiformats/cid";
import { InvalidCidError } from "./errors.js";

/** Parses a CID string (v0 or v1, any multibase multiformats knows). */
export function parseCid(value: string): CID {
  if (typeof value !== "string" || value.length === 0) {
    throw new InvalidCidError({ value });
  }
  try {
    return CID.parse(value);
  } catch (cause) {
    throw new InvalidCidError({ value, cause });
  }
}
