import { BundleReader } from "./bundle-reader.js";
import { serializeRequestBundle } from "./serialize-request-bundle.js";
import type { ParseQualityBundleOptions, QualityRequestBundle } from "./types.js";

/** Parses and validates A's request; refuses anything but its canonical bytes. */
export function parseRequestBundle(bytes: Uint8Array, options: ParseQualityBundleOptions = {}): QualityRequestBundle {
  const reader = new BundleReader("request", bytes, ["pairRef", "lt", "gt"], options);
  const bundle: QualityRequestBundle = {
    publicKey: reader.publicKey,
    bitLength: reader.bitLength,
    pairRef: reader.pairRef("pairRef"),
    lt: reader.ciphertexts("lt"),
    gt: reader.ciphertexts("gt"),
  };
  reader.assertCanonical(serializeRequestBundle(bundle));
  return bundle;
}
