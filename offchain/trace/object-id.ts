import { decodeBytes32String, encodeBytes32String } from "ethers";

import { describeValue } from "../describe-value.js";
import { TraceFormatError } from "./errors.js";

const HEX32 = /^0x[0-9a-fA-F]{64}$/;
const ZERO = `0x${"0".repeat(64)}`;
/** Control, format, unassigned, private-use and surrogate code points: not shown as a label. */
const NOT_PRINTABLE = /\p{C}/u;

/**
 * The on-chain bytes32 identifier of an object. `0x` + 64 hex digits is taken as the id itself
 * (lower-cased); anything else is a label of 1..31 UTF-8 bytes of printable text, stored as
 * ethers' `encodeBytes32String` (so `objectLabelOf` gives it back). The zero id is refused:
 * the ledger never has it.
 */
export function objectIdOf(label: string): string {
  if (typeof label === "string" && HEX32.test(label)) {
    const id = label.toLowerCase();
    if (id === ZERO) throw new TraceFormatError({ what: "object id", problem: "the zero id is not an object" });
    return id;
  }
  const size = typeof label === "string" ? Buffer.byteLength(label, "utf8") : 0;
  if (typeof label !== "string" || size < 1 || size > 31 || NOT_PRINTABLE.test(label)) {
    throw new TraceFormatError({
      what: "object label",
      problem: `expected 0x and 64 hex digits, or 1..31 UTF-8 bytes of printable text, got ${describeValue(label)}${typeof label === "string" ? ` (${size} bytes)` : ""}`,
    });
  }
  return encodeBytes32String(label);
}

/** The label an id was made from when it is one (printable text that encodes back to the id), else the id in hex. */
export function objectLabelOf(id: string): string {
  if (typeof id !== "string" || !HEX32.test(id)) throw new TraceFormatError({ what: "object id", problem: `expected 0x and 64 hex digits, got ${describeValue(id)}` });
  const hex = id.toLowerCase();
  let text: string;
  try {
    text = decodeBytes32String(hex);
  } catch {
    return hex; // no terminating zero byte, or not UTF-8
  }
  if (text === "" || NOT_PRINTABLE.test(text) || encodeBytes32String(text) !== hex) return hex;
  return text;
}
