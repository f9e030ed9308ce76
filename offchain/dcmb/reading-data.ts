import { encodeDocument } from "../document-reader.js";
import { dcmbDocuments } from "./dcmb-documents.js";
import { DcmbFormatError } from "./errors.js";

/** One reading as the sender collected it (Algorithm 1's "data"). */
export type DcmbReading = {
  /** Unix milliseconds. */
  time: number;
  /** What was measured ("workpieces", "spindle temperature"), 1–256 characters. */
  name: string;
  /** The value as text, 1–1024 characters: the module never interprets it beyond the interval rules. */
  value: string;
};

export const MAX_NAME_LENGTH = 256;
export const MAX_VALUE_LENGTH = 1024;

/**
 * The bytes that are hashed: canonical UTF-8 JSON `{"time":…,"name":…,"value":…}` in this key
 * order, no spaces (JSON.stringify). Refuses a reading the decoder would refuse.
 */
export function encodeReadingData(reading: DcmbReading): Uint8Array {
  const bytes = encodeDocument({ time: reading?.time, name: reading?.name, value: reading?.value });
  decodeReadingData(bytes);
  return bytes;
}

/** Decodes reading bytes, refusing anything that is not exactly what encodeReadingData makes. */
export function decodeReadingData(bytes: Uint8Array): DcmbReading {
  const r = dcmbDocuments.parseObject("reading data", bytes, ["time", "name", "value"]);
  const reading = { time: r.integer("time", 0), name: r.string("name", MAX_NAME_LENGTH), value: r.string("value", MAX_VALUE_LENGTH) };
  const canonical = encodeDocument(reading);
  if (Buffer.compare(Buffer.from(canonical), Buffer.from(bytes)) !== 0) {
    throw new DcmbFormatError({ what: "reading data", problem: 'not canonical: expected {"time","name","value"} in this order without spaces' });
  }
  return reading;
}
