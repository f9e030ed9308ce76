import { getAddress, isAddress } from "ethers";

import { parseCid } from "./storage/index.js";

/** Makes the error a part throws for a malformed document (TorrentFormatError, DcmbFormatError, …). */
export type FormatErrorFactory = (what: string, problem: string, options?: ErrorOptions) => Error;

const HEX32 = /^0x[0-9a-f]{64}$/;
const HEX = /^0x([0-9a-f]{2})*$/;

function describe(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Encodes a document as UTF-8 JSON (key order as given; the hash of these bytes is what counts). */
export function encodeDocument(document: object): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(document));
}

/**
 * Typed, validated access to one JSON object of a document. Every refusal is the part's
 * format error (see `documentFormat`) naming the document and the field path.
 */
export class DocumentReader {
  readonly #what: string;
  readonly #object: Record<string, unknown>;
  readonly #fail: FormatErrorFactory;

  constructor(what: string, object: Record<string, unknown>, fail: FormatErrorFactory) {
    this.#what = what;
    this.#object = object;
    this.#fail = fail;
  }

  error(field: string, expected: string): Error {
    return this.#fail(this.#what, `${field}: expected ${expected}, got ${describe(this.#object[field])}`);
  }

  /** The raw value of `field`, for checks the typed readers do not cover. */
  value(field: string): unknown {
    return this.#object[field];
  }

  integer(field: string, min: number, max: number = Number.MAX_SAFE_INTEGER): number {
    const value = this.#object[field];
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min || value > max) throw this.error(field, `an integer in [${min}, ${max}]`);
    return value;
  }

  string(field: string, maxLength = 1024): string {
    const value = this.#object[field];
    if (typeof value !== "string" || value.length === 0 || value.length > maxLength) throw this.error(field, `a non-empty string of at most ${maxLength} characters`);
    return value;
  }

  /** 0x + 64 lowercase hex digits. */
  hash(field: string): string {
    const value = this.#object[field];
    if (typeof value !== "string" || !HEX32.test(value)) throw this.error(field, "0x and 64 lowercase hex digits");
    return value;
  }

  /** A positive id (an on-chain counter) written as a decimal string without leading zeros. */
  decimalId(field: string): string {
    const value = this.string(field, 78); // 78 digits: any uint256
    if (!/^[1-9][0-9]*$/.test(value)) throw this.error(field, "a positive decimal string");
    return value;
  }

  /** A non-negative integer written as 0x + lowercase hex (a ciphertext, a big number). */
  hexInteger(field: string): bigint {
    const value = this.#object[field];
    if (typeof value !== "string" || !/^0x[0-9a-f]+$/.test(value)) throw this.error(field, "a 0x lowercase hex integer");
    return BigInt(value);
  }

  /** 0x + lowercase hex bytes, `min`..`max` bytes long. */
  bytes(field: string, min: number, max: number): string {
    const value = this.#object[field];
    if (typeof value !== "string" || !HEX.test(value) || (value.length - 2) / 2 < min || (value.length - 2) / 2 > max) {
      throw this.error(field, `0x and ${min}..${max} bytes of lowercase hex`);
    }
    return value;
  }

  /** A checksummed address. */
  address(field: string): string {
    const value = this.#object[field];
    if (typeof value !== "string" || !isAddress(value)) throw this.error(field, "an address");
    return getAddress(value);
  }

  cid(field: string): string {
    const value = this.#object[field];
    if (typeof value !== "string") throw this.error(field, "a CID string");
    try {
      parseCid(value);
    } catch {
      throw this.error(field, "a valid CID");
    }
    return value;
  }

  /** An array of 0..max items, each read by `item` (given the item's own reader path). */
  array<T>(field: string, max: number, item: (value: unknown, path: string) => T): T[] {
    const value = this.#object[field];
    if (!Array.isArray(value) || value.length > max) throw this.error(field, `an array of at most ${max} items`);
    return value.map((entry, i) => item(entry, `${this.#what} ${field}[${i}]`));
  }
}

/** How a part reads its documents: every refusal is `fail(what, problem)`. */
export type DocumentFormat = {
  /** Parses `bytes` as a UTF-8 JSON object with exactly `keys` and the given format and version. */
  parse(what: string, bytes: Uint8Array, expected: { format: string; version: number; keys: readonly string[] }): DocumentReader;
  /** Parses `bytes` as a UTF-8 JSON object with exactly `keys` (no format or version fields). */
  parseObject(what: string, bytes: Uint8Array, keys: readonly string[]): DocumentReader;
  /** Reader of a nested object with exactly `keys`. */
  object(path: string, value: unknown, keys: readonly string[]): DocumentReader;
  /** Array items that are addresses. */
  address(value: unknown, path: string): string;
  /** Array items that are 32-byte hashes. */
  hash(value: unknown, path: string): string;
};

/** The document readers of one part, throwing that part's format error. */
export function documentFormat(fail: FormatErrorFactory): DocumentFormat {
  const object = (what: string, value: unknown, keys: readonly string[]): DocumentReader => {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw fail(what, `expected a JSON object, got ${describe(value)}`);
    const extra = Object.keys(value).filter((key) => !keys.includes(key));
    if (extra.length > 0) throw fail(what, `unexpected field(s) ${extra.join(", ")}`);
    return new DocumentReader(what, value as Record<string, unknown>, fail);
  };
  const json = (what: string, bytes: Uint8Array): unknown => {
    try {
      return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (cause) {
      throw fail(what, "not UTF-8 JSON", { cause });
    }
  };
  return {
    parse(what, bytes, { format, version, keys }) {
      const reader = object(what, json(what, bytes), ["format", "version", ...keys]);
      if (reader.value("format") !== format) throw reader.error("format", JSON.stringify(format));
      if (reader.value("version") !== version) throw reader.error("version", String(version));
      return reader;
    },
    parseObject: (what, bytes, keys) => object(what, json(what, bytes), keys),
    object,
    address(value, path) {
      if (typeof value !== "string" || !isAddress(value)) throw fail(path, `expected an address, got ${describe(value)}`);
      return getAddress(value);
    },
    hash(value, path) {
      if (typeof value !== "string" || !HEX32.test(value)) throw fail(path, `expected 0x and 64 lowercase hex digits, got ${describe(value)}`);
      return value;
    },
  };
}
