import { PAILLIER_SCHEME } from "./constants.js";
import { PaillierJsonError } from "./errors.js";

/** Longest decimal accepted (a 16384-bit modulus has 4933 digits). */
const MAX_DIGITS = 5000;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

/**
 * Parses a serialized key (a JSON string or an already parsed value): an object with
 * scheme "paillier-g=n+1" and the given fields as canonical decimal strings.
 */
export function parseJsonObject<Field extends string>(json: unknown, fields: readonly Field[]): Record<Field, bigint> {
  let value = json;
  if (typeof json === "string") {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new PaillierJsonError({ reason: "not valid JSON", cause: error });
    }
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new PaillierJsonError({ reason: `expected an object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}` });
  }
  const record = value as Record<string, unknown>;
  if (record["scheme"] !== PAILLIER_SCHEME) {
    throw new PaillierJsonError({
      reason: `expected scheme ${JSON.stringify(PAILLIER_SCHEME)}, got ${typeof record["scheme"] === "string" ? JSON.stringify(record["scheme"]).slice(0, 80) : typeof record["scheme"]}`,
    });
  }
  const result = {} as Record<Field, bigint>;
  for (const field of fields) {
    const text = record[field];
    if (typeof text !== "string" || text.length > MAX_DIGITS || !DECIMAL.test(text)) {
      throw new PaillierJsonError({
        reason: `${field}: expected a decimal string without sign or leading zeros (≤ ${MAX_DIGITS} digits), got ${typeof text === "string" ? `a string of ${text.length} characters` : typeof text}`,
      });
    }
    result[field] = BigInt(text);
  }
  return result;
}
