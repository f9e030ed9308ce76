import { AbiCoder, hexlify, keccak256 } from "ethers";
import { assertFileKey } from "./assert-file-key.js";
import { KEY_COMMITMENT_DOMAIN } from "./constants.js";
import { parseFileId } from "./parse-file-id.js";

export interface KeyCommitmentParameters {
  fileId: string;
  fileKey: Uint8Array;
}

/**
 * The commitment to a file key registered on chain (ITorrentLedger.Registration.keyCommitment):
 * keccak256(abi.encode("SealedChain.torrent.key-commitment.v1", fileId, key)) with types
 * (string, bytes32, bytes32), as 0x-prefixed lowercase hex. An auditor who rebuilt the key
 * from k shares checks it against this before decrypting anything.
 */
export function keyCommitment({ fileId, fileKey }: KeyCommitmentParameters): string {
  assertFileKey(fileKey);
  const fileIdBytes = parseFileId(fileId);
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["string", "bytes32", "bytes32"],
    [KEY_COMMITMENT_DOMAIN, hexlify(fileIdBytes), hexlify(fileKey)],
  );
  return keccak256(encoded);
}
