import { type DocumentReader, documentFormat } from "../document-reader.js";
import { ExchangeFormatError } from "./errors.js";

/** The exchange part's document readers; every refusal is an ExchangeFormatError naming the field. */
export const exchangeDocuments = documentFormat((document, problem, options) => new ExchangeFormatError({ document, problem }, options));

/** A category or purpose label: 1..64 of [a-z0-9.-], e.g. "logistics.cold-chain". */
export const LABEL = /^[a-z0-9.-]{1,64}$/;

const BASE64 = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const DECIMAL = /^(0|[1-9][0-9]{0,77})$/;
const UINT256_LIMIT = 1n << 256n;

/** Reads a label field (LABEL). */
export function readLabel(reader: DocumentReader, field: string): string {
  const value = reader.value(field);
  if (typeof value !== "string" || !LABEL.test(value)) throw reader.error(field, "a label of 1..64 characters [a-z0-9.-]");
  return value;
}

/** Reads a string field that may be empty, of at most `maxLength` characters. */
export function readText(reader: DocumentReader, field: string, maxLength: number): string {
  const value = reader.value(field);
  if (typeof value !== "string" || value.length > maxLength) throw reader.error(field, `a string of at most ${maxLength} characters`);
  return value;
}

/** Reads a boolean field. */
export function readBoolean(reader: DocumentReader, field: string): boolean {
  const value = reader.value(field);
  if (typeof value !== "boolean") throw reader.error(field, "true or false");
  return value;
}

/** Reads padded base64 of `min`..`max` bytes. */
export function readBase64(reader: DocumentReader, field: string, min: number, max: number): Uint8Array {
  const value = reader.value(field);
  const ok = typeof value === "string" && BASE64.test(value);
  const bytes = ok ? new Uint8Array(Buffer.from(value, "base64")) : undefined;
  if (bytes === undefined || bytes.length < min || bytes.length > max) throw reader.error(field, `padded base64 of ${min}..${max} bytes`);
  return bytes;
}

/** Reads a uint256 written in decimal (as JSON cannot hold it as a number), at least `min`. */
export function readDecimal(reader: DocumentReader, field: string, min = 0n): bigint {
  const value = reader.value(field);
  const parsed = typeof value === "string" && DECIMAL.test(value) ? BigInt(value) : undefined;
  if (parsed === undefined || parsed < min || parsed >= UINT256_LIMIT) throw reader.error(field, `a decimal string of a uint256 ≥ ${min}`);
  return parsed;
}

export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** True for a uint256 ≥ min. */
export function isUint256(value: unknown, min = 0n): value is bigint {
  return typeof value === "bigint" && value >= min && value < UINT256_LIMIT;
}
