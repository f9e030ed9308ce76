import { encodeBundle, encodeCiphertexts } from "./encode-bundle.js";
import type { QualityXorBundle } from "./types.js";

/** Canonical bytes of the XOR bundle S sells (format "sealedchain.quality.xor"). */
export function serializeXorBundle(bundle: QualityXorBundle): Uint8Array {
  const { publicKey, bitLength, pairRef } = bundle;
  return encodeBundle("xor", bundle, {
    pairRef: { lotId: pairRef.lotId, pairIndex: pairRef.pairIndex },
    exor: encodeCiphertexts("xor", "exor", bundle.exor, publicKey, bitLength),
  });
}
