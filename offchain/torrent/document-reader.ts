import { getAddress, isAddress } from "ethers";

import { parseCid } from "../storage/index.js";
import { TorrentFormatError } from "./errors.js";

const HEX32 = /^0x[0-9a-f]{64}$/;
const HEX = /^0x([0-9a-f]{2})*$/;

function describe(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Encodes a torrent document as UTF-8 JSON (key order as given; the hash of these bytes is what counts). */
export function encodeDocument(document: object): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(document));
}

/**
 * Typed, validated access to one JSON object of a torrent document. Every refusal is a
 * TorrentFormatError naming the document and the field path.
 */
export class DocumentReader {
  readonly #what: string;
  readonly #object: Record<string, unknown>;

  constructor(what: string, object: Record<string, unknown>) {
    this.#what = what;
    this.#object = object;
  }

  /** Parses `bytes` as a JSON object with exactly `keys` and the given format and version. */
  static parse(what: string, bytes: Uint8Array, { format, version, keys }: { format: string; version: number; keys: readonly string[] }): DocumentReader {
    let root: unknown;
    try {
      root = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (cause) {
      throw new TorrentFormatError({ what, problem: "not UTF-8 JSON" }, { cause });
    }
    const reader = DocumentReader.#of(what, root, ["format", "version", ...keys]);
    if (reader.#object["format"] !== format) throw reader.error("format", JSON.stringify(format));
    if (reader.#object["version"] !== version) throw reader.error("version", String(version));
    return reader;
  }

  static #of(what: string, value: unknown, keys: readonly string[]): DocumentReader {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new TorrentFormatError({ what, problem: `expected a JSON object, got ${describe(value)}` });
    }
    const object = value as Record<string, unknown>;
    const extra = Object.keys(object).filter((key) => !keys.includes(key));
    if (extra.length > 0) throw new TorrentFormatError({ what, problem: `unexpected field(s) ${extra.join(", ")}` });
    return new DocumentReader(what, object);
  }

  error(field: string, expected: string): TorrentFormatError {
    return new TorrentFormatError({ what: this.#what, problem: `${field}: expected ${expected}, got ${describe(this.#object[field])}` });
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

  /** Reader of a nested object with exactly `keys`. */
  static object(path: string, value: unknown, keys: readonly string[]): DocumentReader {
    return DocumentReader.#of(path, value, keys);
  }

  /** Array items that are addresses. */
  static address(value: unknown, path: string): string {
    if (typeof value !== "string" || !isAddress(value)) throw new TorrentFormatError({ what: path, problem: `expected an address, got ${describe(value)}` });
    return getAddress(value);
  }

  /** Array items that are 32-byte hashes. */
  static hash(value: unknown, path: string): string {
    if (typeof value !== "string" || !HEX32.test(value)) throw new TorrentFormatError({ what: path, problem: `expected 0x and 64 lowercase hex digits, got ${describe(value)}` });
    return value;
  }
}
