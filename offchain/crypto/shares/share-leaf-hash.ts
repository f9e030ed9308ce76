import { AbiCoder, keccak256 } from "ethers";
import { SHARE_LEAF_ENCODING } from "./constants.js";
import type { ShareLeaf } from "./share-leaf.js";
import { shareLeafValues } from "./share-leaf-values.js";

/**
 * The leaf hash the contract checks (OpenZeppelin StandardMerkleTree, double-hashed against
 * second-preimage attacks): keccak256(bytes.concat(keccak256(abi.encode(fileId, index, holder,
 * shareHash)))) with types (bytes32, uint256, address, bytes32).
 */
export function shareLeafHash(leaf: ShareLeaf): string {
  const encoded = AbiCoder.defaultAbiCoder().encode([...SHARE_LEAF_ENCODING], shareLeafValues(leaf));
  return keccak256(keccak256(encoded));
}
