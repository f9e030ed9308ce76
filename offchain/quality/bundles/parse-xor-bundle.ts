import { BundleReader } from "./bundle-reader.js";
import { serializeXorBundle } from "./serialize-xor-bundle.js";
import type { ParseQualityBundleOptions, QualityXorBundle } from "./types.js";

/** Parses and validates an XOR bundle; refuses anything but its canonical bytes. */
export function parseXorBundle(bytes: Uint8Array, options: ParseQualityBundleOptions = {}): QualityXorBundle {
  const reader = new BundleReader("xor", bytes, ["pairRef", "exor"], options);
  const bundle: QualityXorBundle = {
    publicKey: reader.publicKey,
    bitLength: reader.bitLength,
    pairRef: reader.pairRef("pairRef"),
    exor: reader.ciphertexts("exor"),
  };
  reader.assertCanonical(serializeXorBundle(bundle));
  return bundle;
}
