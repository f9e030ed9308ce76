import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

/** Leaf encoding of the batch tree: (uint32 index, bytes32 Argon2id hash). The index is in the
 * leaf because OpenZeppelin trees hash pairs sorted, so a proof alone does not fix a position. */
export const LEAF_ENCODING = ["uint32", "bytes32"];

/**
 * The batch tree: StandardMerkleTree over [[0, leaf_0], [1, leaf_1], …] in reading order, NOT sorted,
 * so leaf i sits at a known place and its proof length is fixed by (i, count) — see
 * proofLengthOf. The root is what IDcmbAuditTrail.recordBatch stores.
 */
export function batchTree(leaves: readonly string[]): StandardMerkleTree<[number, string]> {
  return StandardMerkleTree.of(
    leaves.map((leaf, index) => [index, leaf] as [number, string]),
    LEAF_ENCODING,
    { sortLeaves: false },
  );
}

/** Length of the proof of leaf `index` of `count` in batchTree: OZ lays the tree out as an array
 * of 2·count − 1 nodes with leaf i at position 2·count − 2 − i; the proof has one node per level. */
export function proofLengthOf(index: number, count: number): number {
  return Math.floor(Math.log2(2 * count - 1 - index));
}
