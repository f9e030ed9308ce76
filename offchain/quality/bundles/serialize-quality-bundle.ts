import { encodeBundle, encodeCiphertexts } from "./encode-bundle.js";
import type { QualityPublicBundle } from "./types.js";

/** Canonical bytes of B's public quality bundle (format "sealedchain.quality.public"). */
export function serializeQualityBundle(bundle: QualityPublicBundle): Uint8Array {
  const { publicKey, bitLength, lotId, pairIndex, labels } = bundle;
  return encodeBundle("public", bundle, {
    lotId,
    pairIndex,
    labels: { t: labels.t, t1: labels.t1 },
    ex: encodeCiphertexts("public", "ex", bundle.ex, publicKey, bitLength),
    ey: encodeCiphertexts("public", "ey", bundle.ey, publicKey, bitLength),
  });
}
