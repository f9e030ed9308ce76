import { BundleReader } from "./bundle-reader.js";
import { serializeQualityBundle } from "./serialize-quality-bundle.js";
import type { ParseQualityBundleOptions, QualityPublicBundle } from "./types.js";

/** Parses and validates B's public quality bundle; refuses anything but its canonical bytes. */
export function parseQualityBundle(bytes: Uint8Array, options: ParseQualityBundleOptions = {}): QualityPublicBundle {
  const reader = new BundleReader("public", bytes, ["lotId", "pairIndex", "labels", "ex", "ey"], options);
  const labels = reader.object("labels", ["t", "t1"]);
  const bundle: QualityPublicBundle = {
    publicKey: reader.publicKey,
    bitLength: reader.bitLength,
    lotId: reader.string("lotId"),
    pairIndex: reader.integer("pairIndex", 0, Number.MAX_SAFE_INTEGER),
    labels: { t: reader.string("labels.t", labels["t"]), t1: reader.string("labels.t1", labels["t1"]) },
    ex: reader.ciphertexts("ex"),
    ey: reader.ciphertexts("ey"),
  };
  reader.assertCanonical(serializeQualityBundle(bundle));
  return bundle;
}
