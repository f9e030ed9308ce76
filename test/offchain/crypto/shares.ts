import { expect } from "chai";
import { randomBytes, randomInt } from "node:crypto";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { Wallet, keccak256 } from "ethers";
import {
  InvalidKeyShareParameterError,
  SHARE_LEAF_ENCODING,
  UnknownShareIndexError,
  buildShareTree,
  combineFileKeyShares,
  generateFileId,
  generateFileKey,
  shareHash,
  shareLeafHash,
  splitFileKey,
  verifyShareProof,
} from "../../../offchain/crypto/index.js";
import type { ShareLeaf } from "../../../offchain/crypto/index.js";

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

/** A random subset of `size` distinct elements. */
function pick<T>(items: readonly T[], size: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, size);
}

function tuple(leaf: ShareLeaf): [string, bigint, string, string] {
  return [leaf.fileId, BigInt(leaf.index), leaf.holder, leaf.shareHash];
}

async function makeLeaves(count: number): Promise<{ fileId: string; leaves: ShareLeaf[] }> {
  const fileId = generateFileId();
  const shares = await splitFileKey({ fileKey: generateFileKey(), shares: count, threshold: Math.min(2, count) });
  const leaves = shares.map((share, position) => ({
    fileId,
    index: position + 1,
    holder: Wallet.createRandom().address,
    shareHash: shareHash(share),
  }));
  return { fileId, leaves };
}

describe("offchain/crypto shares (Shamir k-of-n file key, share Merkle tree)", function () {
  describe("splitFileKey / combineFileKeyShares", function () {
    it("property: any k shares rebuild the key, k-1 do not (random keys, 2 <= k <= n <= 10)", async function () {
      for (let trial = 0; trial < 60; trial++) {
        const n = randomInt(2, 11);
        const k = randomInt(2, n + 1);
        const fileKey = generateFileKey();
        const shares = await splitFileKey({ fileKey, shares: n, threshold: k });
        expect(shares).to.have.length(n);
        for (const share of shares) expect(share).to.be.instanceOf(Uint8Array).with.length(33);

        for (let draw = 0; draw < 3; draw++) {
          const subset = pick(shares, k);
          expect(hex(await combineFileKeyShares(subset)), `n=${n} k=${k}`).to.equal(hex(fileKey));
          const more = pick(shares, randomInt(k, n + 1));
          expect(hex(await combineFileKeyShares(more))).to.equal(hex(fileKey));
        }
        if (k - 1 >= 2) {
          const fewer = pick(shares, k - 1);
          expect(hex(await combineFileKeyShares(fewer)), `n=${n} k=${k}`).to.not.equal(hex(fileKey));
        } else {
          // k = 2: one share alone cannot even be combined.
          await expectRejected(combineFileKeyShares(pick(shares, 1)), "shares");
        }
      }
    });

    it("gives fresh shares each time and the largest split (255 of 255)", async function () {
      const fileKey = generateFileKey();
      const a = await splitFileKey({ fileKey, shares: 3, threshold: 2 });
      const b = await splitFileKey({ fileKey, shares: 3, threshold: 2 });
      expect(hex(a[0] as Uint8Array)).to.not.equal(hex(b[0] as Uint8Array));
      const all = await splitFileKey({ fileKey, shares: 255, threshold: 255 });
      expect(hex(await combineFileKeyShares(all))).to.equal(hex(fileKey));
    });

    it("refuses invalid split parameters, naming them", async function () {
      const fileKey = generateFileKey();
      await expectRejected(splitFileKey({ fileKey: new Uint8Array(16), shares: 3, threshold: 2 }), "fileKey");
      await expectRejected(splitFileKey({ fileKey, shares: 1, threshold: 1 }), "shares");
      await expectRejected(splitFileKey({ fileKey, shares: 256, threshold: 2 }), "shares");
      await expectRejected(splitFileKey({ fileKey, shares: 2.5, threshold: 2 }), "shares");
      await expectRejected(splitFileKey({ fileKey, shares: 3, threshold: 1 }), "threshold");
      await expectRejected(splitFileKey({ fileKey, shares: 3, threshold: 4 }), "threshold");
    });

    it("refuses malformed or repeated shares", async function () {
      const shares = await splitFileKey({ fileKey: generateFileKey(), shares: 4, threshold: 3 });
      const [s1, s2] = shares as [Uint8Array, Uint8Array];
      await expectRejected(combineFileKeyShares([]), "shares");
      await expectRejected(combineFileKeyShares([s1, s1]), "shares[1]");
      await expectRejected(combineFileKeyShares([s1, s2.subarray(0, 32)]), "shares[1]");
      await expectRejected(combineFileKeyShares([s1, "x" as unknown as Uint8Array]), "shares[1]");
    });
  });

  describe("share tree", function () {
    it("root and proofs verify with verifyShareProof and StandardMerkleTree.verify", async function () {
      for (const count of [1, 2, 3, 5, 10]) {
        const { leaves } = await makeLeaves(Math.max(count, 2));
        const used = leaves.slice(0, count);
        const tree = buildShareTree(used);
        expect(tree.root).to.match(/^0x[0-9a-f]{64}$/);
        for (const leaf of used) {
          const proof = tree.proofOf(leaf.index);
          expect(verifyShareProof({ root: tree.root, leaf, proof })).to.equal(true);
          expect(StandardMerkleTree.verify(tree.root, [...SHARE_LEAF_ENCODING], tuple(leaf), proof)).to.equal(true);
        }
      }
    });

    it("root equals StandardMerkleTree.of over the same tuples, whatever the leaf order", async function () {
      const { leaves } = await makeLeaves(7);
      const reference = StandardMerkleTree.of(leaves.map(tuple), [...SHARE_LEAF_ENCODING]);
      expect(buildShareTree(leaves).root).to.equal(reference.root);
      expect(buildShareTree([...leaves].reverse()).root).to.equal(reference.root);
    });

    it("shareLeafHash equals the tree's leafHash and keccak256(keccak256(abi.encode(...)))", async function () {
      const { leaves } = await makeLeaves(4);
      const reference = StandardMerkleTree.of(leaves.map(tuple), [...SHARE_LEAF_ENCODING]);
      for (const leaf of leaves) {
        expect(shareLeafHash(leaf)).to.equal(reference.leafHash(tuple(leaf)));
        // lowercase holder address encodes the same.
        expect(shareLeafHash({ ...leaf, holder: leaf.holder.toLowerCase() })).to.equal(shareLeafHash(leaf));
      }
    });

    it("shareHash is keccak256 of the share bytes", async function () {
      const [share] = await splitFileKey({ fileKey: generateFileKey(), shares: 2, threshold: 2 });
      expect(shareHash(share as Uint8Array)).to.equal(keccak256(share as Uint8Array));
    });

    it("any altered field, a proof for another leaf, or another root gives false", async function () {
      const { leaves } = await makeLeaves(6);
      const tree = buildShareTree(leaves);
      const leaf = leaves[2] as ShareLeaf;
      const proof = tree.proofOf(leaf.index);
      const altered: ShareLeaf[] = [
        { ...leaf, fileId: generateFileId() },
        { ...leaf, index: leaf.index + 1 },
        { ...leaf, holder: Wallet.createRandom().address },
        { ...leaf, shareHash: keccak256(randomBytes(33)) },
      ];
      for (const candidate of altered) expect(verifyShareProof({ root: tree.root, leaf: candidate, proof })).to.equal(false);
      expect(verifyShareProof({ root: tree.root, leaf, proof: tree.proofOf(1) })).to.equal(false);
      expect(verifyShareProof({ root: keccak256("0x01"), leaf, proof })).to.equal(false);
      const changedProof = [...proof];
      changedProof[0] = keccak256("0x02");
      expect(verifyShareProof({ root: tree.root, leaf, proof: changedProof })).to.equal(false);
      expect(verifyShareProof({ root: tree.root, leaf, proof: proof.slice(1) })).to.equal(false);
    });

    it("refuses leaves of two files, repeated indexes, malformed fields and unknown proof indexes", async function () {
      const { leaves } = await makeLeaves(3);
      const [first, second] = leaves as [ShareLeaf, ShareLeaf];
      expectThrows(() => buildShareTree([]), InvalidKeyShareParameterError, "leaves");
      expectThrows(() => buildShareTree([first, { ...second, fileId: generateFileId() }]), InvalidKeyShareParameterError, "leaves[1].fileId");
      expectThrows(() => buildShareTree([first, { ...second, index: first.index }]), InvalidKeyShareParameterError, "leaves[1].index");
      expectThrows(() => buildShareTree([{ ...first, index: 0 }]), InvalidKeyShareParameterError, "leaves[0].index");
      expectThrows(() => buildShareTree([{ ...first, holder: "0x1234" }]), InvalidKeyShareParameterError, "leaves[0].holder");
      expectThrows(() => buildShareTree([{ ...first, shareHash: "0x12" }]), InvalidKeyShareParameterError, "leaves[0].shareHash");
      expectThrows(() => shareLeafHash({ ...first, fileId: "nope" }), InvalidKeyShareParameterError, "leaf.fileId");
      expectThrows(() => verifyShareProof({ root: "0x12", leaf: first, proof: [] }), InvalidKeyShareParameterError, "root");
      expectThrows(
        () => verifyShareProof({ root: buildShareTree(leaves).root, leaf: first, proof: ["0x12"] }),
        InvalidKeyShareParameterError,
        "proof[0]",
      );
      expect(() => buildShareTree(leaves).proofOf(9)).to.throw(UnknownShareIndexError, /share index 9/);
    });
  });
});

async function expectRejected(promise: Promise<unknown>, parameter: string): Promise<void> {
  let thrown: unknown;
  try {
    await promise;
  } catch (error) {
    thrown = error;
  }
  expect(thrown).to.be.instanceOf(InvalidKeyShareParameterError);
  expect((thrown as InvalidKeyShareParameterError).parameter).to.equal(parameter);
}

function expectThrows(run: () => unknown, errorClass: typeof InvalidKeyShareParameterError, parameter: string): void {
  let thrown: unknown;
  try {
    run();
  } catch (error) {
    thrown = error;
  }
  expect(thrown).to.be.instanceOf(errorClass);
  expect((thrown as InvalidKeyShareParameterError).parameter).to.equal(parameter);
}
