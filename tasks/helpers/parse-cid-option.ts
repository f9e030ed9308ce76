import { InvalidOptionError } from "./errors.js";
import { requireOption } from "./require-option.js";

/** A required option holding a CID (v0 or v1), returned as given (trimmed). */
export async function parseCidOption(option: string, value: string | undefined, what: string): Promise<string> {
  const text = requireOption(option, value, what);
  const { parseCid } = await import("../../offchain/storage/parse-cid.js");
  try {
    parseCid(text);
  } catch (cause) {
    throw new InvalidOptionError({ option, expected: "a CID (e.g. bafy…)", got: text }, { cause });
  }
  return text;
}
