import type { PaillierPublicKey } from "../../crypto/paillier/index.js";
import { QUALITY_BIT_ORDER, QUALITY_BUNDLE_FORMATS, QUALITY_BUNDLE_VERSION } from "./constants.js";
import type { QualityBundleKind } from "./constants.js";
import { QualityBundleFieldError } from "./errors.js";
import { isUnit } from "./is-unit.js";

const SCHEME = "paillier-g=n+1";

/** Checks a bigint vector to be written has `bitLength` ciphertexts in Z*_{n²}; returns decimal strings. */
export function encodeCiphertexts(
  kind: QualityBundleKind,
  field: string,
  values: readonly bigint[],
  publicKey: PaillierPublicKey,
  bitLength: number,
): string[] {
  if (!Array.isArray(values) || values.length !== bitLength) {
    throw new QualityBundleFieldError({
      kind,
      field,
      expected: `${bitLength} ciphertexts (bitLength)`,
      actual: Array.isArray(values) ? `${values.length}` : typeof values,
    });
  }
  return values.map((c, i) => {
    if (typeof c !== "bigint" || c >= publicKey.n2 || !isUnit(c, publicKey.n)) {
      throw new QualityBundleFieldError({ kind, field: `${field}[${i}]`, expected: "a ciphertext in Z*_{n²}", actual: String(c) });
    }
    return c.toString(10);
  });
}

/**
 * Canonical bytes of a bundle: UTF-8 JSON without whitespace, keys in a fixed order — the
 * common header (format, version, scheme, n, bitLength, bitOrder) first, then `body` in the
 * insertion order its serializer chose (JSON.stringify keeps insertion order).
 */
export function encodeBundle(
  kind: QualityBundleKind,
  { publicKey, bitLength }: { publicKey: PaillierPublicKey; bitLength: number },
  body: Record<string, unknown>,
): Uint8Array {
  if (!Number.isInteger(bitLength) || bitLength < 1 || bitLength > 256) {
    throw new QualityBundleFieldError({ kind, field: "bitLength", expected: "an integer in [1, 256]", actual: String(bitLength) });
  }
  const document = {
    format: QUALITY_BUNDLE_FORMATS[kind],
    version: QUALITY_BUNDLE_VERSION,
    scheme: SCHEME,
    n: publicKey.n.toString(10),
    bitLength,
    bitOrder: QUALITY_BIT_ORDER,
    ...body,
  };
  return new TextEncoder().encode(JSON.stringify(document));
}
