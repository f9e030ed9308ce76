import { encodeBundle, encodeCiphertexts } from "./encode-bundle.js";
import type { QualityRequestBundle } from "./types.js";

/** Canonical bytes of A's comparison request (format "sealedchain.quality.request"). */
export function serializeRequestBundle(bundle: QualityRequestBundle): Uint8Array {
  const { publicKey, bitLength, pairRef } = bundle;
  return encodeBundle("request", bundle, {
    pairRef: { lotId: pairRef.lotId, pairIndex: pairRef.pairIndex },
    lt: encodeCiphertexts("request", "lt", bundle.lt, publicKey, bitLength),
    gt: encodeCiphertexts("request", "gt", bundle.gt, publicKey, bitLength),
  });
}
