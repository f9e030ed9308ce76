import { expect } from "chai";
import { ZeroAddress, ZeroHash, id } from "ethers";
import { network } from "hardhat";

import { deployQuality, samplePairParams } from "../../helpers/quality.js";

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

const LOT = id("lot-42");
const OTHER_LOT = id("lot-43");
const XOR_CID = "bafkxorencryptedtoservicer";
const XOR_HASH = id("plaintext xor bundle");

async function qualityFixture() {
  return deployQuality(connection);
}

/** B registers LOT and publishes one pair ("p1"). */
async function publishedFixture() {
  const f = await qualityFixture();
  await f.channel.connect(f.owner).registerLot(LOT, "Resin, lot 42");
  await f.channel.connect(f.owner).publishPair(LOT, samplePairParams("p1"));
  return f;
}

describe("QualityChannel", function () {
  it("is wired to the consortium registry and starts empty", async function () {
    const { channel, registry } = await networkHelpers.loadFixture(qualityFixture);
    expect(await channel.registry()).to.equal(await registry.getAddress());
    expect(await channel.pairCount()).to.equal(0n);
  });

  describe("registerLot", function () {
    it("records the caller as owner and emits LotRegistered", async function () {
      const { channel, owner } = await networkHelpers.loadFixture(qualityFixture);
      await expect(channel.connect(owner).registerLot(LOT, "Resin, lot 42"))
        .to.emit(channel, "LotRegistered")
        .withArgs(LOT, owner.address, "Resin, lot 42");
      const lot = await channel.lot(LOT);
      expect(lot.owner).to.equal(owner.address);
      expect(lot.registeredAt).to.equal(BigInt(await time.latest()));
      expect(lot.pairCount).to.equal(0n);
      expect(lot.description).to.equal("Resin, lot 42");
    });

    it("accepts an empty description", async function () {
      const { channel, owner } = await networkHelpers.loadFixture(qualityFixture);
      await channel.connect(owner).registerLot(LOT, "");
      expect((await channel.lot(LOT)).description).to.equal("");
    });

    it("rejects a caller that is not a member", async function () {
      const { channel, outsiders } = await networkHelpers.loadFixture(qualityFixture);
      await expect(channel.connect(outsiders[0]!).registerLot(LOT, "x"))
        .to.be.revertedWithCustomError(channel, "QualityNotMember")
        .withArgs(outsiders[0]!.address);
    });

    it("rejects the zero lot id", async function () {
      const { channel, owner } = await networkHelpers.loadFixture(qualityFixture);
      await expect(channel.connect(owner).registerLot(ZeroHash, "x")).to.be.revertedWithCustomError(
        channel,
        "QualityInvalidLotId",
      );
    });

    it("rejects a lot id registered before, by anyone", async function () {
      const { channel, owner, member } = await networkHelpers.loadFixture(qualityFixture);
      await channel.connect(owner).registerLot(LOT, "x");
      for (const caller of [owner, member]) {
        await expect(channel.connect(caller).registerLot(LOT, "y"))
          .to.be.revertedWithCustomError(channel, "QualityLotExists")
          .withArgs(LOT, owner.address);
      }
    });
  });

  describe("publishPair", function () {
    it("numbers pairs globally and per lot and emits PairPublished", async function () {
      const { channel, owner, member } = await networkHelpers.loadFixture(qualityFixture);
      await channel.connect(owner).registerLot(LOT, "");
      await channel.connect(member).registerLot(OTHER_LOT, "");
      const p1 = samplePairParams("p1", { bitLength: 256 });
      await expect(channel.connect(owner).publishPair(LOT, p1))
        .to.emit(channel, "PairPublished")
        .withArgs(1n, LOT, owner.address, 1n, Object.values(p1));
      await channel.connect(member).publishPair(OTHER_LOT, samplePairParams("p2", { bitLength: 1 }));
      await channel.connect(owner).publishPair(LOT, samplePairParams("p3"));

      expect(await channel.pairCount()).to.equal(3n);
      expect((await channel.lot(LOT)).pairCount).to.equal(2n);
      expect((await channel.lot(OTHER_LOT)).pairCount).to.equal(1n);
      expect(await channel.lotPair(LOT, 1n)).to.equal(1n);
      expect(await channel.lotPair(LOT, 2n)).to.equal(3n);
      expect(await channel.lotPair(OTHER_LOT, 1n)).to.equal(2n);
      expect(await channel.lotPair(LOT, 3n)).to.equal(0n);

      const stored = await channel.pair(3n);
      expect(stored.lotId).to.equal(LOT);
      expect(stored.pairIndex).to.equal(2n);
      expect(stored.publishedAt).to.equal(BigInt(await time.latest()));
      expect(stored.params.publicKeyHash).to.equal(samplePairParams("p3").publicKeyHash);
      expect(stored.params.labelT1).to.equal("p3/t+1");
      expect(await channel.pairOwner(2n)).to.equal(member.address);
      expect(await channel.pairByPublicKey(p1.publicKeyHash)).to.equal(1n);
      expect(await channel.pairByPublicKey(id("unused key"))).to.equal(0n);
    });

    it("rejects a public key hash used before, in the same lot or another one", async function () {
      const { channel, owner, member } = await networkHelpers.loadFixture(publishedFixture);
      const reused = samplePairParams("p2", { publicKeyHash: samplePairParams("p1").publicKeyHash });
      await expect(channel.connect(owner).publishPair(LOT, reused))
        .to.be.revertedWithCustomError(channel, "QualityKeyReused")
        .withArgs(reused.publicKeyHash, 1n);
      await channel.connect(member).registerLot(OTHER_LOT, "");
      await expect(channel.connect(member).publishPair(OTHER_LOT, reused))
        .to.be.revertedWithCustomError(channel, "QualityKeyReused")
        .withArgs(reused.publicKeyHash, 1n);
    });

    it("rejects an unknown lot", async function () {
      const { channel, owner } = await networkHelpers.loadFixture(qualityFixture);
      await expect(channel.connect(owner).publishPair(LOT, samplePairParams("p1")))
        .to.be.revertedWithCustomError(channel, "QualityUnknownLot")
        .withArgs(LOT);
    });

    it("rejects anyone but the lot owner", async function () {
      const { channel, servicer, outsiders } = await networkHelpers.loadFixture(publishedFixture);
      for (const caller of [servicer, outsiders[0]!]) {
        await expect(channel.connect(caller).publishPair(LOT, samplePairParams("p2")))
          .to.be.revertedWithCustomError(channel, "QualityNotLotOwner")
          .withArgs(LOT, caller.address);
      }
    });

    for (const [name, overrides] of [
      ["an empty public key CID", { publicKeyCid: "" }],
      ["a zero public key hash", { publicKeyHash: ZeroHash }],
    ] as const) {
      it(`rejects ${name}`, async function () {
        const { channel, owner } = await networkHelpers.loadFixture(publishedFixture);
        const params = samplePairParams("p2", overrides);
        await expect(channel.connect(owner).publishPair(LOT, params))
          .to.be.revertedWithCustomError(channel, "QualityInvalidPublicKey")
          .withArgs(params.publicKeyCid, params.publicKeyHash);
      });
    }

    for (const [name, overrides] of [
      ["an empty bundle CID", { bundleCid: "" }],
      ["a zero bundle hash", { bundleHash: ZeroHash }],
    ] as const) {
      it(`rejects ${name}`, async function () {
        const { channel, owner } = await networkHelpers.loadFixture(publishedFixture);
        const params = samplePairParams("p2", overrides);
        await expect(channel.connect(owner).publishPair(LOT, params))
          .to.be.revertedWithCustomError(channel, "QualityInvalidBundle")
          .withArgs(params.bundleCid, params.bundleHash);
      });
    }

    for (const bitLength of [0, 257, 65_535]) {
      it(`rejects bit length ${bitLength}`, async function () {
        const { channel, owner } = await networkHelpers.loadFixture(publishedFixture);
        await expect(channel.connect(owner).publishPair(LOT, samplePairParams("p2", { bitLength })))
          .to.be.revertedWithCustomError(channel, "QualityInvalidBitLength")
          .withArgs(bitLength);
      });
    }

    it("stops a lot owner that is no longer a member", async function () {
      const f = await networkHelpers.loadFixture(publishedFixture);
      // Remove B by a vote of the members: 3 of 5 for is an early success.
      await f.registry.connect(f.member).proposeRemoval(f.owner.address);
      const proposalId = await f.ballot.proposalCount();
      for (const voter of [f.servicer, f.arbiter, f.buyer]) await f.ballot.connect(voter).castVote(proposalId, true);
      await f.ballot.execute(proposalId);
      await expect(f.channel.connect(f.owner).publishPair(LOT, samplePairParams("p2")))
        .to.be.revertedWithCustomError(f.channel, "QualityNotMember")
        .withArgs(f.owner.address);
      await expect(f.channel.connect(f.owner).postXor(1n, f.servicer.address, XOR_CID, XOR_HASH))
        .to.be.revertedWithCustomError(f.channel, "QualityNotMember")
        .withArgs(f.owner.address);
    });
  });

  describe("postXor", function () {
    it("records the XOR reference per servicer and emits XorPosted", async function () {
      const { channel, owner, servicer } = await networkHelpers.loadFixture(publishedFixture);
      expect(await channel.hasXorPost(1n, servicer.address)).to.equal(false);
      await expect(channel.connect(owner).postXor(1n, servicer.address, XOR_CID, XOR_HASH))
        .to.emit(channel, "XorPosted")
        .withArgs(1n, LOT, servicer.address, XOR_CID, XOR_HASH);
      expect(await channel.hasXorPost(1n, servicer.address)).to.equal(true);
      const post = await channel.xorPost(1n, servicer.address);
      expect(post.encryptedXorCid).to.equal(XOR_CID);
      expect(post.xorBundleHash).to.equal(XOR_HASH);
      expect(post.postedAt).to.equal(BigInt(await time.latest()));
    });

    it("allows one post per (pair, servicer)", async function () {
      const { channel, owner, servicer } = await networkHelpers.loadFixture(publishedFixture);
      await channel.connect(owner).publishPair(LOT, samplePairParams("p2"));
      await channel.connect(owner).postXor(1n, servicer.address, XOR_CID, XOR_HASH);
      await channel.connect(owner).postXor(2n, servicer.address, XOR_CID, XOR_HASH);
      await expect(channel.connect(owner).postXor(1n, servicer.address, "bafkother", id("other")))
        .to.be.revertedWithCustomError(channel, "QualityXorAlreadyPosted")
        .withArgs(1n, servicer.address);
    });

    it("rejects an unknown pair", async function () {
      const { channel, owner, servicer } = await networkHelpers.loadFixture(publishedFixture);
      for (const pairId of [0n, 2n]) {
        await expect(channel.connect(owner).postXor(pairId, servicer.address, XOR_CID, XOR_HASH))
          .to.be.revertedWithCustomError(channel, "QualityUnknownPair")
          .withArgs(pairId);
      }
    });

    it("rejects anyone but the lot owner, the servicer included", async function () {
      const { channel, servicer, member } = await networkHelpers.loadFixture(publishedFixture);
      for (const caller of [servicer, member]) {
        await expect(channel.connect(caller).postXor(1n, servicer.address, XOR_CID, XOR_HASH))
          .to.be.revertedWithCustomError(channel, "QualityNotLotOwner")
          .withArgs(LOT, caller.address);
      }
    });

    it("rejects a servicer without the SERVICER role", async function () {
      const { channel, owner, member } = await networkHelpers.loadFixture(publishedFixture);
      for (const account of [member.address, ZeroAddress]) {
        await expect(channel.connect(owner).postXor(1n, account, XOR_CID, XOR_HASH))
          .to.be.revertedWithCustomError(channel, "QualityNotServicer")
          .withArgs(account);
      }
    });

    for (const [name, cid, hash] of [
      ["an empty CID", "", XOR_HASH],
      ["a zero commitment", XOR_CID, ZeroHash],
    ] as const) {
      it(`rejects ${name}`, async function () {
        const { channel, owner, servicer } = await networkHelpers.loadFixture(publishedFixture);
        await expect(channel.connect(owner).postXor(1n, servicer.address, cid, hash))
          .to.be.revertedWithCustomError(channel, "QualityInvalidXor")
          .withArgs(cid, hash);
      });
    }
  });

  describe("views", function () {
    it("revert for unknown lots, pairs and XOR posts", async function () {
      const { channel, servicer } = await networkHelpers.loadFixture(publishedFixture);
      await expect(channel.lot(OTHER_LOT)).to.be.revertedWithCustomError(channel, "QualityUnknownLot").withArgs(OTHER_LOT);
      await expect(channel.pair(2n)).to.be.revertedWithCustomError(channel, "QualityUnknownPair").withArgs(2n);
      await expect(channel.pairOwner(0n)).to.be.revertedWithCustomError(channel, "QualityUnknownPair").withArgs(0n);
      await expect(channel.xorPost(1n, servicer.address))
        .to.be.revertedWithCustomError(channel, "QualityUnknownXorPost")
        .withArgs(1n, servicer.address);
    });
  });
});
