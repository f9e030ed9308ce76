import { parseXorBundle, bundleHash, type QualityXorBundle } from "./bundles/index.js";
import { QualityStateError, XorCommitmentMismatchError } from "./errors.js";
import type { PublicPair } from "./read-public-pair.js";

/** Checks plaintext XOR bundle bytes against B's on-chain commitment (keccak256) and against
 * the pair's public data (modulus, bit length, pair reference); returns the parsed bundle.
 * @throws XorCommitmentMismatchError when the hash differs (grounds for a dispute). */
export function checkXorBundle({
  pair,
  bytes,
  commitment,
  allowInsecureKeySize = false,
}: {
  pair: PublicPair;
  bytes: Uint8Array;
  commitment: string;
  allowInsecureKeySize?: boolean;
}): QualityXorBundle {
  const got = bundleHash(bytes);
  if (got.toLowerCase() !== commitment.toLowerCase()) throw new XorCommitmentMismatchError({ pairId: pair.pairId, expected: commitment, got });
  const bundle = parseXorBundle(bytes, { expectedHash: commitment, allowInsecureKeySize });
  if (bundle.publicKey.n !== pair.publicKey.n || bundle.bitLength !== pair.bitLength) {
    throw new QualityStateError({ what: `XOR bundle of pair ${pair.pairId}`, expected: "the pair's public key and bit length", got: "another key or length" });
  }
  if (bundle.pairRef.lotId.toLowerCase() !== pair.pairRef.lotId || bundle.pairRef.pairIndex !== pair.pairRef.pairIndex) {
    throw new QualityStateError({
      what: `XOR bundle of pair ${pair.pairId}`,
      expected: `pair reference ${pair.pairRef.lotId}#${pair.pairRef.pairIndex}`,
      got: `${bundle.pairRef.lotId}#${bundle.pairRef.pairIndex}`,
    });
  }
  return bundle;
}
