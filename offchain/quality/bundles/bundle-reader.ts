import { publicKeyFromN } from "../../crypto/paillier/index.js";
import type { PaillierPublicKey } from "../../crypto/paillier/index.js";
import { bundleHash } from "./bundle-hash.js";
import { QUALITY_BIT_ORDER, QUALITY_BUNDLE_FORMATS, QUALITY_BUNDLE_VERSION } from "./constants.js";
import type { QualityBundleKind } from "./constants.js";
import { QualityBundleFieldError, QualityBundleFormatError, QualityBundleHashMismatchError } from "./errors.js";
import { isUnit } from "./is-unit.js";
import type { ParseQualityBundleOptions, QualityPairRef } from "./types.js";

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HEADER_KEYS = ["format", "version", "scheme", "n", "bitLength", "bitOrder"];
const MAX_LABEL_LENGTH = 256;

function describe(value: unknown): string {
  if (value === undefined) return "nothing (missing)";
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reads one bundle: checks the hash (if given), UTF-8, JSON, the common header and the exact
 * key set, then hands out typed, validated fields. Every refusal names the field.
 */
export class BundleReader {
  readonly kind: QualityBundleKind;
  readonly publicKey: PaillierPublicKey;
  readonly bitLength: number;
  readonly #bytes: Uint8Array;
  readonly #root: Record<string, unknown>;

  constructor(kind: QualityBundleKind, bytes: Uint8Array, bodyKeys: readonly string[], options: ParseQualityBundleOptions = {}) {
    this.kind = kind;
    if (!(bytes instanceof Uint8Array)) {
      throw new QualityBundleFormatError({ reason: `expected a Uint8Array, got ${typeof bytes}` });
    }
    if (options.expectedHash !== undefined) {
      const actual = bundleHash(bytes);
      if (actual !== options.expectedHash.toLowerCase()) {
        throw new QualityBundleHashMismatchError({ expected: options.expectedHash, actual });
      }
    }
    let root: unknown;
    try {
      root = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    } catch (cause) {
      throw new QualityBundleFormatError({ reason: "not UTF-8 JSON", cause });
    }
    if (typeof root !== "object" || root === null || Array.isArray(root)) {
      throw new QualityBundleFormatError({ reason: "the document is not a JSON object" });
    }
    this.#root = root as Record<string, unknown>;
    this.#bytes = bytes;

    this.#expectLiteral("format", QUALITY_BUNDLE_FORMATS[kind]);
    this.#expectLiteral("version", QUALITY_BUNDLE_VERSION);
    this.#expectLiteral("scheme", "paillier-g=n+1");
    this.#expectLiteral("bitOrder", QUALITY_BIT_ORDER);
    const bitLength = this.#root["bitLength"];
    if (typeof bitLength !== "number" || !Number.isInteger(bitLength) || bitLength < 1 || bitLength > 256) {
      throw this.fieldError("bitLength", "an integer in [1, 256]", bitLength);
    }
    this.bitLength = bitLength;
    const n = this.#decimal("n", this.#root["n"]);
    try {
      this.publicKey =
        options.allowInsecureKeySize === undefined
          ? publicKeyFromN({ n })
          : publicKeyFromN({ n, allowInsecureKeySize: options.allowInsecureKeySize });
    } catch (cause) {
      throw new QualityBundleFieldError({ kind, field: "n", expected: "a valid Paillier modulus", actual: describe(this.#root["n"]), cause });
    }
    this.#expectKeys(this.#root, [...HEADER_KEYS, ...bodyKeys], "");
  }

  fieldError(field: string, expected: string, actual: unknown): QualityBundleFieldError {
    return new QualityBundleFieldError({ kind: this.kind, field, expected, actual: describe(actual) });
  }

  #expectLiteral(field: string, expected: string | number): void {
    const actual = this.#root[field];
    if (actual !== expected) throw this.fieldError(field, JSON.stringify(expected), actual);
  }

  #expectKeys(object: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
    for (const key of Object.keys(object)) {
      if (!allowed.includes(key)) throw this.fieldError(`${prefix}${key}`, "no such field", object[key]);
    }
  }

  #decimal(field: string, value: unknown): bigint {
    if (typeof value !== "string" || !DECIMAL.test(value) || value.length > 10_000) {
      throw this.fieldError(field, "a decimal string without sign or leading zeros", value);
    }
    return BigInt(value);
  }

  /** Whether a top-level field is present (for optional fields). */
  has(field: string): boolean {
    return Object.hasOwn(this.#root, field);
  }

  string(field: string, value: unknown = this.#root[field]): string {
    if (typeof value !== "string" || value.length === 0 || value.length > MAX_LABEL_LENGTH) {
      throw this.fieldError(field, `a non-empty string of at most ${MAX_LABEL_LENGTH} characters`, value);
    }
    return value;
  }

  integer(field: string, min: number, maxExclusive: number, value: unknown = this.#root[field]): number {
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value >= maxExclusive) {
      throw this.fieldError(field, `an integer in [${min}, ${maxExclusive})`, value);
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[], value: unknown = this.#root[field]): T {
    if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
      throw this.fieldError(field, allowed.map((a) => JSON.stringify(a)).join(" or "), value);
    }
    return value as T;
  }

  object(field: string, keys: readonly string[], value: unknown = this.#root[field]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw this.fieldError(field, `an object with ${keys.join(", ")}`, value);
    }
    this.#expectKeys(value as Record<string, unknown>, keys, `${field}.`);
    return value as Record<string, unknown>;
  }

  pairRef(field: string, value: unknown = this.#root[field]): QualityPairRef {
    const ref = this.object(field, ["lotId", "pairIndex"], value);
    return {
      lotId: this.string(`${field}.lotId`, ref["lotId"]),
      pairIndex: this.integer(`${field}.pairIndex`, 0, Number.MAX_SAFE_INTEGER, ref["pairIndex"]),
    };
  }

  /** An element of Z*_m given as a decimal string (m = n² for ciphertexts, n for nonces). */
  unit(field: string, modulus: bigint, what: string, value: unknown = this.#root[field]): bigint {
    const v = this.#decimal(field, value);
    if (v >= modulus) throw this.fieldError(field, `${what} < ${modulus === this.publicKey.n ? "n" : "n²"}`, value);
    if (!isUnit(v, this.publicKey.n)) throw this.fieldError(field, `${what} invertible mod n (gcd with n = 1)`, value);
    return v;
  }

  /** A vector of exactly bitLength ciphertexts in Z*_{n²}. */
  ciphertexts(field: string, value: unknown = this.#root[field], length: number = this.bitLength): bigint[] {
    if (!Array.isArray(value) || value.length !== length) {
      throw this.fieldError(field, `an array of ${length} ciphertexts (bitLength)`, Array.isArray(value) ? `${value.length} entries` : value);
    }
    return value.map((c, i) => this.unit(`${field}[${i}]`, this.publicKey.n2, "a ciphertext", c));
  }

  /** A vector of decimal integers in [0, bound). */
  decimals(field: string, length: number, bound: bigint, value: unknown = this.#root[field]): bigint[] {
    if (!Array.isArray(value) || value.length !== length) {
      throw this.fieldError(field, `an array of ${length} decimal strings`, Array.isArray(value) ? `${value.length} entries` : value);
    }
    return value.map((d, i) => {
      const v = this.#decimal(`${field}[${i}]`, d);
      if (v >= bound) throw this.fieldError(`${field}[${i}]`, `a value < ${bound}`, d);
      return v;
    });
  }

  /** Last check: the bytes are exactly the canonical serialization of what was read. */
  assertCanonical(canonical: Uint8Array): void {
    const a = this.#bytes;
    if (a.length !== canonical.length || a.some((byte, i) => byte !== canonical[i])) {
      throw new QualityBundleFormatError({
        reason: "the bytes are not in canonical form (fixed key order, no whitespace, decimal strings); re-serialize before hashing",
      });
    }
  }
}
