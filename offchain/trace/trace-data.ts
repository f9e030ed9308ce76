import { getAddress, keccak256 } from "ethers";

import { encodeDocument } from "../document-reader.js";
import { traceDocuments } from "./trace-documents.js";

export const TRACE_DATA_FORMAT = "sealedchain.trace.data";
export const TRACE_DATA_VERSION = 1;
export const MAX_STEP_LENGTH = 64;

/** The traceability data an accounting node keeps on its information server (D3.6 I.1.3). */
export type TraceData = {
  /** bytes32 object id, 0x + 64 lowercase hex, non-zero (see objectIdOf). */
  objectId: string;
  /** What happened: "harvested", "processed", "shipped", … (1..64 printable characters). */
  step: string;
  /** When, as ISO-8601 UTC ("2026-11-21T10:00:00.000Z"). */
  at: string;
  /** The accounting node's address (checksummed). */
  by: string;
  /** Anything else, as one JSON object (may be empty). */
  details: Record<string, unknown>;
};

const KEYS = ["objectId", "step", "at", "by", "details"] as const;
const ZERO = `0x${"0".repeat(64)}`;
/** ISO-8601 in UTC with seconds and an optional fraction, as Date#toISOString writes it. */
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;
const NOT_PRINTABLE = /\p{C}/u;
/** 0x-hex only: ethers' isAddress would also take ICAP ("XE…"). */
const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** True for a real calendar instant in the ISO_UTC form (Date.parse alone accepts 2026-02-30). */
function isIsoUtc(text: string): boolean {
  const match = ISO_UTC.exec(text);
  if (match === null) return false;
  const time = Date.parse(text);
  if (Number.isNaN(time)) return false;
  return new Date(time).toISOString().slice(0, 19) === text.slice(0, 19);
}

/**
 * The bytes that are kept and hashed: UTF-8 JSON with the keys in the order format, version,
 * objectId, step, at, by, details (no spaces). `by` is written checksummed. Refuses anything
 * parseTraceData would refuse.
 */
export function encodeTraceData(fields: TraceData): Uint8Array {
  let by: unknown = fields?.by;
  try {
    by = getAddress(String(by));
  } catch {
    // left as is: parseTraceData below names it
  }
  const bytes = encodeDocument({
    format: TRACE_DATA_FORMAT,
    version: TRACE_DATA_VERSION,
    objectId: fields?.objectId,
    step: fields?.step,
    at: fields?.at,
    by,
    details: fields?.details,
  });
  parseTraceData(bytes);
  return bytes;
}

/**
 * Reads traceability data strictly: UTF-8 JSON object with exactly the format, version and
 * KEYS; every field checked. Key order and spacing are not required to be canonical: the
 * on-chain hash is over the exact bytes, whatever they are.
 */
export function parseTraceData(bytes: Uint8Array): TraceData {
  const r = traceDocuments.parse("trace data", bytes, { format: TRACE_DATA_FORMAT, version: TRACE_DATA_VERSION, keys: KEYS });
  for (const key of KEYS) if (r.value(key) === undefined) throw r.error(key, "a value");
  const objectId = r.hash("objectId");
  if (objectId === ZERO) throw r.error("objectId", "a non-zero object id");
  const step = r.string("step", MAX_STEP_LENGTH);
  if (NOT_PRINTABLE.test(step)) throw r.error("step", "printable text");
  const at = r.string("at", 64);
  if (!isIsoUtc(at)) throw r.error("at", "an ISO-8601 UTC time such as 2026-11-21T10:00:00.000Z");
  const rawBy = r.value("by");
  if (typeof rawBy !== "string" || !HEX_ADDRESS.test(rawBy) || /^0x0{40}$/i.test(rawBy)) throw r.error("by", "a non-zero 0x address");
  const by = r.address("by");
  const details = r.value("details");
  if (typeof details !== "object" || details === null || Array.isArray(details)) throw r.error("details", "a JSON object");
  return { objectId, step, at, by, details: details as Record<string, unknown> };
}

/** keccak256 of the exact bytes: what the ledger's `dataHash` holds (0x + 64 lowercase hex). */
export function traceDataHash(bytes: Uint8Array): string {
  return keccak256(bytes);
}
