import { StandardMerkleTree } from "@openzeppelin/merkle-tree";

/** Leaf encoding of the batch tree: one bytes32 (the Argon2id hash) per value. */
export const LEAF_ENCODING = ["bytes32"];

/**
 * The batch tree: StandardMerkleTree over [[leaf_0], [leaf_1], …] in reading order, NOT sorted,
 * so leaf i sits at a known place and its proof length is fixed by (i, count) — see
 * proofLengthOf. The root is what IDcmbAuditTrail.recordBatch stores.
 */
export function batchTree(leaves: readonly string[]): StandardMerkleTree<[string]> {
  return StandardMerkleTree.of(
    leaves.map((leaf) => [leaf] as [string]),
    LEAF_ENCODING,
    { sortLeaves: false },
  );
}

/** Length of the proof of leaf `index` of `count` in batchTree: OZ lays the tree out as an array
 * of 2·count − 1 nodes with leaf i at position 2·count − 2 − i; the proof has one node per level. */
export function proofLengthOf(index: number, count: number): number {
  return Math.floor(Math.log2(2 * count - 1 - index));
}
