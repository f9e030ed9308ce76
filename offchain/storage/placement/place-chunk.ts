import { chunkDigests } from "./chunk-digests.js";
import { CHUNK_OWNERS } from "./constants.js";
import { placeByDigests } from "./place-by-digests.js";

export interface PlaceChunkParameters {
  /** The encrypted chunk exactly as stored (encryptChunk output). */
  ciphertext: Uint8Array;
  /** The placement list (placementCandidates). */
  candidates: readonly string[];
}

/**
 * The owners of one chunk by BlockTorrent's three-hash placement (§3.2.1): SHA3-256,
 * SHA-384 and SHA-512 of the ciphertext each pick a member by range; collisions walk to the
 * next member, so the result is min(3, M) distinct owners, in hash order. Anyone holding
 * the ciphertext and the on-chain placement list can recompute it.
 */
export function placeChunk({ ciphertext, candidates }: PlaceChunkParameters): string[] {
  return placeByDigests({ digests: chunkDigests(ciphertext), candidates, count: CHUNK_OWNERS });
}
