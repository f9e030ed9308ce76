import { concat, keccak256 } from "ethers";
import { describeValue } from "../../describe-value.js";
import { InvalidKeyShareParameterError } from "./errors.js";
import type { ShareLeaf } from "./share-leaf.js";
import { shareLeafHash } from "./share-leaf-hash.js";
import { assertBytes32 } from "./share-leaf-values.js";

export interface VerifyShareProofParameters {
  root: string;
  leaf: ShareLeaf;
  proof: readonly string[];
}

/**
 * Off-chain twin of ITorrentLedger.verifyShare: folds the proof over shareLeafHash(leaf)
 * with OpenZeppelin MerkleProof's commutative keccak256 (the smaller hash first) and
 * compares with the root. False when any field of the leaf or any proof node differs;
 * throws InvalidKeyShareParameterError only for malformed input.
 */
export function verifyShareProof({ root, leaf, proof }: VerifyShareProofParameters): boolean {
  assertBytes32(root, "root");
  if (!Array.isArray(proof)) {
    throw new InvalidKeyShareParameterError({ parameter: "proof", expected: "an array of bytes32", actual: describeValue(proof) });
  }
  proof.forEach((node, position) => assertBytes32(node, `proof[${position}]`));
  let computed = shareLeafHash(leaf);
  for (const node of proof) {
    const sibling = node.toLowerCase();
    computed = BigInt(computed) < BigInt(sibling) ? keccak256(concat([computed, sibling])) : keccak256(concat([sibling, computed]));
  }
  return computed === root.toLowerCase();
}
