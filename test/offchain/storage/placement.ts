import { expect } from "chai";
import { createHash, randomBytes } from "node:crypto";
import { Wallet, getAddress } from "ethers";
import {
  DuplicateMemberError,
  InvalidPlacementParameterError,
  NotEnoughCandidatesError,
  chunkDigests,
  placeByDigests,
  placeChunk,
  placeShareHolders,
  placementCandidates,
  rangeIndex,
} from "../../../offchain/storage/index.js";

function randomAddresses(count: number): string[] {
  return Array.from({ length: count }, () => Wallet.createRandom().address);
}

function ascending(addresses: readonly string[]): string[] {
  return [...addresses].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** A digest whose first 8 bytes are `u` (big-endian), the rest random. */
function digestOf(u: bigint): Uint8Array {
  const digest = Uint8Array.from(randomBytes(32));
  new DataView(digest.buffer).setBigUint64(0, u, false);
  return digest;
}

/** A digest that falls in member `index`'s range out of `members`. */
function digestFor(index: number, members: number): Uint8Array {
  return digestOf(((BigInt(index) << 64n) + BigInt(members) - 1n) / BigInt(members)); // ceil(i·2^64/M)
}

// χ² critical value for 5 degrees of freedom at p = 0.001.
const CHI_SQUARE_5_DF_P001 = 20.515;

/** Throws unless every count is within ±5 % of the mean and the χ² statistic is below p = 0.001. */
function assertBalanced(counts: readonly number[], label: string): void {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  const chiSquare = counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
  for (const [member, count] of counts.entries()) {
    expect(Math.abs(count - expected) / expected, `${label}: member ${member} has ${count}, expected ≈ ${expected}`).to.be.at.most(0.05);
  }
  expect(chiSquare, `${label}: χ² = ${chiSquare.toFixed(2)} over ${counts.join(", ")}`).to.be.below(CHI_SQUARE_5_DF_P001);
}

describe("offchain/storage placement (BlockTorrent three-hash placement)", function () {
  describe("placementCandidates", function () {
    it("returns every member but the excluded one, checksummed, ascending by numeric value", function () {
      const members = randomAddresses(6);
      const owner = members[2] as string;
      const candidates = placementCandidates({ members: members.map((m) => m.toLowerCase()), exclude: owner.toLowerCase() });
      expect(candidates).to.deep.equal(ascending(members.filter((m) => m !== owner)));
      for (const candidate of candidates) expect(candidate).to.equal(getAddress(candidate));
    });

    it("does not depend on the order of the members", function () {
      const members = randomAddresses(8);
      const reference = placementCandidates({ members, exclude: members[0] as string });
      for (let trial = 0; trial < 5; trial++) {
        expect(placementCandidates({ members: shuffled(members), exclude: members[0] as string })).to.deep.equal(reference);
      }
    });

    it("refuses duplicates (in any case), non-addresses and an empty result", function () {
      const [a, b] = randomAddresses(2) as [string, string];
      expect(() => placementCandidates({ members: [a, b, a.toLowerCase()], exclude: b })).to.throw(DuplicateMemberError, a);
      expect(() => placementCandidates({ members: [a, "0x1234"], exclude: b })).to.throw(InvalidPlacementParameterError, /members\[1\]/);
      expect(() => placementCandidates({ members: [a, b], exclude: "bob" })).to.throw(InvalidPlacementParameterError, /exclude/);
      expect(() => placementCandidates({ members: [a], exclude: a })).to.throw(InvalidPlacementParameterError, /members/);
      expect(() => placementCandidates({ members: [], exclude: a })).to.throw(InvalidPlacementParameterError, /members/);
    });
  });

  describe("chunkDigests and rangeIndex", function () {
    it("gives SHA3-256, SHA-384 and SHA-512 of the bytes", function () {
      const bytes = Uint8Array.from(randomBytes(100));
      const [d1, d2, d3] = chunkDigests(bytes);
      expect(Buffer.from(d1).toString("hex")).to.equal(createHash("sha3-256").update(bytes).digest("hex"));
      expect(Buffer.from(d2).toString("hex")).to.equal(createHash("sha384").update(bytes).digest("hex"));
      expect(Buffer.from(d3).toString("hex")).to.equal(createHash("sha512").update(bytes).digest("hex"));
    });

    it("maps the first 8 bytes to ⌊u·M / 2^64⌋, with exact range boundaries", function () {
      const max = (1n << 64n) - 1n;
      expect(rangeIndex(digestOf(0n), 6)).to.equal(0);
      expect(rangeIndex(digestOf(max), 6)).to.equal(5);
      expect(rangeIndex(digestOf(max), 1)).to.equal(0);
      const boundary = (1n << 64n) / 6n; // ⌊2^64/6⌋ is still member 0, the next value member 1
      expect(rangeIndex(digestOf(boundary), 6)).to.equal(0);
      expect(rangeIndex(digestOf(boundary + 1n), 6)).to.equal(1);
      for (let m = 1; m <= 9; m++) for (let i = 0; i < m; i++) expect(rangeIndex(digestFor(i, m), m)).to.equal(i);
      // a digest view into a larger buffer reads its own first 8 bytes
      const backing = new Uint8Array(40);
      backing.set(digestOf(max), 8);
      expect(rangeIndex(backing.subarray(8), 4)).to.equal(3);
    });

    it("refuses short digests and member counts below 1", function () {
      expect(() => rangeIndex(new Uint8Array(7), 3)).to.throw(InvalidPlacementParameterError, /digest/);
      expect(() => rangeIndex(new Uint8Array(8), 0)).to.throw(InvalidPlacementParameterError, /memberCount/);
      expect(() => rangeIndex(new Uint8Array(8), 1.5)).to.throw(InvalidPlacementParameterError, /memberCount/);
      expect(() => chunkDigests("x" as unknown as Uint8Array)).to.throw(InvalidPlacementParameterError, /bytes/);
    });
  });

  describe("placeByDigests", function () {
    const candidates = ascending(randomAddresses(4));
    const [c0, c1, c2, c3] = candidates as [string, string, string, string];

    it("walks to the next member not yet chosen on collisions (by hand-made digests)", function () {
      const place = (...indexes: number[]) => placeByDigests({ digests: indexes.map((i) => digestFor(i, 4)), candidates });
      expect(place(0, 1, 2)).to.deep.equal([c0, c1, c2]);
      expect(place(2, 2, 2)).to.deep.equal([c2, c3, c0]);
      expect(place(3, 3, 1)).to.deep.equal([c3, c0, c1]);
      expect(place(1, 3, 3)).to.deep.equal([c1, c3, c0]);
      expect(place(3, 0, 3)).to.deep.equal([c3, c0, c1]);
      expect(place(0, 0, 0, 0)).to.deep.equal([c0, c1, c2, c3]);
    });

    it("gives min(count, M) owners and ignores the candidates' order", function () {
      const digests = [digestFor(1, 4), digestFor(1, 4), digestFor(1, 4)];
      expect(placeByDigests({ digests, candidates: shuffled(candidates), count: 2 })).to.deep.equal([c1, c2]);
      // M = 2 (sorted: c1, c3): 2^62 lies in c1's half, the second digest walks on to c3.
      expect(placeByDigests({ digests, candidates: [c3, c1] })).to.deep.equal([c1, c3]);
      expect(() => placeByDigests({ digests, candidates, count: 4 })).to.throw(InvalidPlacementParameterError, /count/);
      expect(() => placeByDigests({ digests, candidates, count: 0 })).to.throw(InvalidPlacementParameterError, /count/);
      expect(() => placeByDigests({ digests: [], candidates })).to.throw(InvalidPlacementParameterError, /digests/);
      expect(() => placeByDigests({ digests, candidates: [c0, c0] })).to.throw(DuplicateMemberError, /candidates/);
      expect(() => placeByDigests({ digests, candidates: [] })).to.throw(InvalidPlacementParameterError, /candidates/);
    });
  });

  describe("placeChunk", function () {
    it("is deterministic and gives min(3, M) distinct candidates for M = 1..8", function () {
      for (let m = 1; m <= 8; m++) {
        const candidates = ascending(randomAddresses(m));
        for (let trial = 0; trial < 50; trial++) {
          const ciphertext = Uint8Array.from(randomBytes(48));
          const owners = placeChunk({ ciphertext, candidates });
          expect(owners).to.have.length(Math.min(3, m));
          expect(new Set(owners).size).to.equal(owners.length);
          for (const owner of owners) expect(candidates).to.include(owner);
          expect(placeChunk({ ciphertext, candidates: shuffled(candidates) })).to.deep.equal(owners);
        }
      }
    });

    it("uses the three digests in order", function () {
      const candidates = ascending(randomAddresses(8));
      const ciphertext = Uint8Array.from(randomBytes(77));
      expect(placeChunk({ ciphertext, candidates })).to.deep.equal(placeByDigests({ digests: chunkDigests(ciphertext), candidates }));
    });

    it("balances first owners and all owners over 30 000 chunks on 6 candidates (±5 %, χ² p < 0.001)", function () {
      this.timeout(60_000);
      const candidates = ascending(randomAddresses(6));
      const first = new Array<number>(6).fill(0);
      const all = new Array<number>(6).fill(0);
      const position = new Map(candidates.map((c, i) => [c, i]));
      for (let chunk = 0; chunk < 30_000; chunk++) {
        const owners = placeChunk({ ciphertext: Uint8Array.from(randomBytes(32)), candidates });
        first[position.get(owners[0] as string) as number]! += 1;
        for (const owner of owners) all[position.get(owner) as number]! += 1;
      }
      assertBalanced(first, "first owners");
      assertBalanced(all, "all owners");
    });

    it("the balance check does fail for a skewed rule", function () {
      // Ranges of 7 members folded onto 6: the last member gets 2/7 instead of 1/6.
      const counts = new Array<number>(6).fill(0);
      for (let chunk = 0; chunk < 30_000; chunk++) {
        counts[Math.min(5, rangeIndex(Uint8Array.from(randomBytes(32)), 7))]! += 1;
      }
      expect(() => assertBalanced(counts, "skewed")).to.throw();
    });
  });

  describe("placeShareHolders", function () {
    const fileId = `0x${randomBytes(32).toString("hex")}`;
    const candidates = ascending(randomAddresses(7));

    it("gives n distinct holders, deterministic and independent of candidate order", function () {
      for (let n = 1; n <= 7; n++) {
        const holders = placeShareHolders({ fileId, candidates, shares: n });
        expect(holders).to.have.length(n);
        expect(new Set(holders).size).to.equal(n);
        expect(placeShareHolders({ fileId, candidates: shuffled(candidates), shares: n })).to.deep.equal(holders);
        // share i's holder does not change when more shares are added
        expect(placeShareHolders({ fileId, candidates, shares: 7 }).slice(0, n)).to.deep.equal(holders);
      }
    });

    it("share i's digest is SHA3-256(label ‖ fileId ‖ uint16 BE i)", function () {
      const digests = [1, 2, 3].map((i) =>
        createHash("sha3-256")
          .update("sealedchain/torrent/share-holder/v1")
          .update(Buffer.from(fileId.slice(2), "hex"))
          .update(Buffer.from([i >> 8, i & 0xff]))
          .digest(),
      );
      expect(placeShareHolders({ fileId, candidates, shares: 3 })).to.deep.equal(
        placeByDigests({ digests: digests.map((d) => new Uint8Array(d)), candidates }),
      );
    });

    it("differs between files", function () {
      const other = `0x${randomBytes(32).toString("hex")}`;
      const a = placeShareHolders({ fileId, candidates, shares: 5 });
      const b = placeShareHolders({ fileId: other, candidates, shares: 5 });
      const c = placeShareHolders({ fileId: `0x${randomBytes(32).toString("hex")}`, candidates, shares: 5 });
      expect(a.join() === b.join() && b.join() === c.join()).to.equal(false);
    });

    it("refuses more shares than candidates (naming both), bad counts and bad file ids", function () {
      expect(() => placeShareHolders({ fileId, candidates, shares: 8 })).to.throw(NotEnoughCandidatesError, /8 shares on 7 candidates/);
      expect(() => placeShareHolders({ fileId, candidates, shares: 0 })).to.throw(InvalidPlacementParameterError, /shares/);
      expect(() => placeShareHolders({ fileId, candidates, shares: 256 })).to.throw(InvalidPlacementParameterError, /shares/);
      expect(() => placeShareHolders({ fileId: "0x12", candidates, shares: 2 })).to.throw(InvalidPlacementParameterError, /fileId/);
    });
  });
});
