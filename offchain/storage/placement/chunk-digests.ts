import { createHash } from "node:crypto";
import { describeValue } from "../../describe-value.js";
import { InvalidPlacementParameterError } from "./errors.js";

/** The three digests of the three-hash placement. */
export type ChunkDigests = readonly [sha3_256: Uint8Array, sha384: Uint8Array, sha512: Uint8Array];

/**
 * SHA3-256, SHA-384 and SHA-512 of a chunk's ciphertext: BlockTorrent §3.2.1 places each
 * chunk with three different hash functions, so its three owners are independent.
 */
export function chunkDigests(bytes: Uint8Array): ChunkDigests {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidPlacementParameterError({ parameter: "bytes", expected: "a Uint8Array", actual: describeValue(bytes) });
  }
  const digest = (algorithm: string) => new Uint8Array(createHash(algorithm).update(bytes).digest());
  return [digest("sha3-256"), digest("sha384"), digest("sha512")];
}
