import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { SHARE_LEAF_ENCODING } from "./constants.js";
import { describeValue } from "../../describe-value.js";
import { InvalidKeyShareParameterError, UnknownShareIndexError } from "./errors.js";
import type { ShareLeaf } from "./share-leaf.js";
import { shareLeafValues } from "./share-leaf-values.js";

export interface BuildShareTreeResult {
  /** The Merkle root registered as ITorrentLedger.Registration.shareRoot. */
  root: string;
  /** The proof for the leaf of share `index` (1-based), for releaseShare / verifyShare. */
  proofOf(index: number): string[];
}

/**
 * The Merkle tree over a file's share leaves (BlockTorrent §3.2.3: the shares are committed
 * on chain so a released share can be checked), built with OpenZeppelin's StandardMerkleTree
 * (sorted leaves, sorted-pair hashing), which OpenZeppelin MerkleProof verifies on chain.
 * Leaves must all belong to one file and have distinct share indexes.
 */
export function buildShareTree(leaves: readonly ShareLeaf[]): BuildShareTreeResult {
  if (!Array.isArray(leaves) || leaves.length === 0) {
    throw new InvalidKeyShareParameterError({
      parameter: "leaves",
      expected: "a non-empty array of ShareLeaf",
      actual: describeValue(leaves),
    });
  }
  const values = leaves.map((leaf, position) => shareLeafValues(leaf, `leaves[${position}]`));
  const positionOfIndex = new Map<number, number>();
  values.forEach(([fileId, index], position) => {
    if (fileId !== values[0]?.[0]) {
      throw new InvalidKeyShareParameterError({
        parameter: `leaves[${position}].fileId`,
        expected: `the fileId of leaves[0] (${values[0]?.[0]})`,
        actual: fileId,
      });
    }
    const shareIndex = Number(index);
    if (positionOfIndex.has(shareIndex)) {
      throw new InvalidKeyShareParameterError({
        parameter: `leaves[${position}].index`,
        expected: "a share index not used by another leaf",
        actual: `${shareIndex}, also at leaves[${positionOfIndex.get(shareIndex)}]`,
      });
    }
    positionOfIndex.set(shareIndex, position);
  });

  const tree = StandardMerkleTree.of(values, [...SHARE_LEAF_ENCODING]);
  return {
    root: tree.root,
    proofOf(index: number): string[] {
      const position = positionOfIndex.get(index);
      const leaf = position === undefined ? undefined : values[position];
      if (leaf === undefined) {
        throw new UnknownShareIndexError({ index, known: [...positionOfIndex.keys()].sort((a, b) => a - b) });
      }
      return tree.getProof(leaf);
    },
  };
}
