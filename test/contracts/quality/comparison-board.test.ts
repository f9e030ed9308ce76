import { expect } from "chai";
import { ZeroHash, id } from "ethers";
import { network } from "hardhat";

import { deployQuality, samplePairParams } from "../../helpers/quality.js";

// IComparisonBoard.RequestState
const NONE = 0n;
const OPEN = 1n;
const ANSWERED = 2n;
const REJECTED = 3n;
const EXPIRED = 4n;

const RESPONSE_PERIOD = 6 * 3_600;
const LOT = id("lot-42");
const REQUEST_CID = "bafkencryptedzvectors";
const REQUEST_HASH = id("z vectors");
const RESULT_CID = "bafkresultencryptedtoa";
const RESULT_HASH = id("result encrypted to A");
const NOTE_CID = "bafkrejectionnote";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

/** B owns LOT with pair 1; C owns another lot with pair 2. */
async function boardFixture() {
  const f = await deployQuality(connection, { responsePeriod: RESPONSE_PERIOD });
  await f.channel.connect(f.owner).registerLot(LOT, "");
  await f.channel.connect(f.owner).publishPair(LOT, samplePairParams("p1"));
  await f.channel.connect(f.member).registerLot(id("lot-c"), "");
  await f.channel.connect(f.member).publishPair(id("lot-c"), samplePairParams("p2"));
  return f;
}

/** As boardFixture, plus request 1 by A about pair 1. */
async function openFixture() {
  const f = await boardFixture();
  await f.board.connect(f.buyer).request(1n, REQUEST_CID, REQUEST_HASH);
  return f;
}

describe("ComparisonBoard", function () {
  describe("constructor", function () {
    it("stores the channel and the response period", async function () {
      const { board, channel } = await networkHelpers.loadFixture(boardFixture);
      expect(await board.channel()).to.equal(await channel.getAddress());
      expect(await board.responsePeriod()).to.equal(BigInt(RESPONSE_PERIOD));
      expect(await board.requestCount()).to.equal(0n);
      expect([await board.REJECT_MALFORMED(), await board.REJECT_PROBING(), await board.REJECT_POLICY()]).to.deep.equal(
        [1n, 2n, 3n],
      );
      expect(await board.MAX_RESPONSE_PERIOD()).to.equal(365n * 86_400n);
    });

    for (const period of [0, 365 * 86_400 + 1]) {
      it(`rejects a response period of ${period} s`, async function () {
        const { board, channel } = await networkHelpers.loadFixture(boardFixture);
        await expect(ethers.deployContract("ComparisonBoard", [channel, period]))
          .to.be.revertedWithCustomError(board, "ComparisonInvalidResponsePeriod")
          .withArgs(period);
      });
    }
  });

  describe("request", function () {
    it("opens a request answerable by the pair's lot owner", async function () {
      const { board, buyer, owner } = await networkHelpers.loadFixture(boardFixture);
      const tx = board.connect(buyer).request(1n, REQUEST_CID, REQUEST_HASH);
      const answerBy = BigInt((await time.latest()) + 1 + RESPONSE_PERIOD);
      await expect(tx).to.emit(board, "RequestOpened").withArgs(1n, 1n, buyer.address, answerBy);
      const r = await board.requestOf(1n);
      expect(r.pairId).to.equal(1n);
      expect(r.requester).to.equal(buyer.address);
      expect(r.responder).to.equal(owner.address);
      expect(r.openedAt).to.equal(answerBy - BigInt(RESPONSE_PERIOD));
      expect(r.answerBy).to.equal(answerBy);
      expect(r.closedAt).to.equal(0n);
      expect(r.status).to.equal(OPEN);
      expect(r.requestCid).to.equal(REQUEST_CID);
      expect(r.requestHash).to.equal(REQUEST_HASH);
      expect(await board.state(1n)).to.equal(OPEN);
      expect(await board.requestCount()).to.equal(1n);
    });

    it("takes the responder from the pair's lot", async function () {
      const { board, buyer, member } = await networkHelpers.loadFixture(boardFixture);
      await board.connect(buyer).request(2n, REQUEST_CID, REQUEST_HASH);
      expect((await board.requestOf(1n)).responder).to.equal(member.address);
    });

    it("rejects a caller that is not a member", async function () {
      const { board, outsiders } = await networkHelpers.loadFixture(boardFixture);
      await expect(board.connect(outsiders[0]!).request(1n, REQUEST_CID, REQUEST_HASH))
        .to.be.revertedWithCustomError(board, "ComparisonNotMember")
        .withArgs(outsiders[0]!.address);
    });

    it("rejects an unknown pair", async function () {
      const { board, buyer } = await networkHelpers.loadFixture(boardFixture);
      for (const pairId of [0n, 3n]) {
        await expect(board.connect(buyer).request(pairId, REQUEST_CID, REQUEST_HASH))
          .to.be.revertedWithCustomError(board, "ComparisonUnknownPair")
          .withArgs(pairId);
      }
    });

    for (const [name, cid, hash] of [
      ["an empty CID", "", REQUEST_HASH],
      ["a zero hash", REQUEST_CID, ZeroHash],
    ] as const) {
      it(`rejects ${name}`, async function () {
        const { board, buyer } = await networkHelpers.loadFixture(boardFixture);
        await expect(board.connect(buyer).request(1n, cid, hash))
          .to.be.revertedWithCustomError(board, "ComparisonEmptyRequest")
          .withArgs(cid, hash);
      });
    }
  });

  describe("respond", function () {
    it("answers an open request, up to and including answerBy", async function () {
      const { board, owner } = await networkHelpers.loadFixture(openFixture);
      const { answerBy } = await board.requestOf(1n);
      await time.setNextBlockTimestamp(answerBy);
      await expect(board.connect(owner).respond(1n, RESULT_CID, RESULT_HASH))
        .to.emit(board, "Answered")
        .withArgs(1n, owner.address, RESULT_CID, RESULT_HASH);
      const r = await board.requestOf(1n);
      expect(r.status).to.equal(ANSWERED);
      expect(r.closedAt).to.equal(answerBy);
      expect(r.resultCid).to.equal(RESULT_CID);
      expect(r.resultHash).to.equal(RESULT_HASH);
      expect(r.rejectReason).to.equal(0n);
      await time.increase(RESPONSE_PERIOD);
      expect(await board.state(1n)).to.equal(ANSWERED); // an answer never expires
    });

    it("rejects anyone but the lot owner", async function () {
      const { board, buyer, servicer, member } = await networkHelpers.loadFixture(openFixture);
      for (const caller of [buyer, servicer, member]) {
        await expect(board.connect(caller).respond(1n, RESULT_CID, RESULT_HASH))
          .to.be.revertedWithCustomError(board, "ComparisonNotResponder")
          .withArgs(1n, caller.address);
      }
    });

    it("rejects a request that is not Open", async function () {
      const { board, owner, buyer } = await networkHelpers.loadFixture(openFixture);
      await expect(board.connect(owner).respond(2n, RESULT_CID, RESULT_HASH))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(2n, NONE, OPEN);
      await board.connect(owner).respond(1n, RESULT_CID, RESULT_HASH);
      await expect(board.connect(owner).respond(1n, RESULT_CID, RESULT_HASH))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(1n, ANSWERED, OPEN);
      await board.connect(buyer).request(1n, REQUEST_CID, REQUEST_HASH);
      await board.connect(owner).reject(2n, 1, NOTE_CID);
      await expect(board.connect(owner).respond(2n, RESULT_CID, RESULT_HASH))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(2n, REJECTED, OPEN);
    });

    it("rejects an answer after answerBy", async function () {
      const { board, owner } = await networkHelpers.loadFixture(openFixture);
      const { answerBy } = await board.requestOf(1n);
      await time.setNextBlockTimestamp(answerBy + 1n);
      await expect(board.connect(owner).respond(1n, RESULT_CID, RESULT_HASH))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(1n, EXPIRED, OPEN);
    });

    for (const [name, cid, hash] of [
      ["an empty CID", "", RESULT_HASH],
      ["a zero hash", RESULT_CID, ZeroHash],
    ] as const) {
      it(`rejects ${name}`, async function () {
        const { board, owner } = await networkHelpers.loadFixture(openFixture);
        await expect(board.connect(owner).respond(1n, cid, hash))
          .to.be.revertedWithCustomError(board, "ComparisonEmptyResult")
          .withArgs(cid, hash);
      });
    }
  });

  describe("reject", function () {
    for (const reason of [1, 2, 3]) {
      it(`rejects an open request with reason ${reason}`, async function () {
        const { board, owner } = await networkHelpers.loadFixture(openFixture);
        await expect(board.connect(owner).reject(1n, reason, NOTE_CID))
          .to.emit(board, "Rejected")
          .withArgs(1n, owner.address, reason, NOTE_CID);
        const r = await board.requestOf(1n);
        expect(r.status).to.equal(REJECTED);
        expect(r.rejectReason).to.equal(BigInt(reason));
        expect(r.resultCid).to.equal(NOTE_CID);
        expect(r.resultHash).to.equal(ZeroHash);
        expect(r.closedAt).to.equal(BigInt(await time.latest()));
        expect(await board.state(1n)).to.equal(REJECTED);
      });
    }

    it("accepts an empty note", async function () {
      const { board, owner } = await networkHelpers.loadFixture(openFixture);
      await board.connect(owner).reject(1n, 2, "");
      expect(await board.state(1n)).to.equal(REJECTED);
    });

    for (const reason of [0, 4, 255]) {
      it(`refuses reason code ${reason}`, async function () {
        const { board, owner } = await networkHelpers.loadFixture(openFixture);
        await expect(board.connect(owner).reject(1n, reason, NOTE_CID))
          .to.be.revertedWithCustomError(board, "ComparisonInvalidRejectReason")
          .withArgs(reason);
      });
    }

    it("rejects anyone but the lot owner", async function () {
      const { board, buyer, member } = await networkHelpers.loadFixture(openFixture);
      for (const caller of [buyer, member]) {
        await expect(board.connect(caller).reject(1n, 1, NOTE_CID))
          .to.be.revertedWithCustomError(board, "ComparisonNotResponder")
          .withArgs(1n, caller.address);
      }
    });

    it("rejects a request that is answered, rejected, expired or unknown", async function () {
      const { board, owner, buyer } = await networkHelpers.loadFixture(openFixture);
      await board.connect(owner).respond(1n, RESULT_CID, RESULT_HASH);
      await expect(board.connect(owner).reject(1n, 1, NOTE_CID))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(1n, ANSWERED, OPEN);
      await board.connect(buyer).request(1n, REQUEST_CID, REQUEST_HASH);
      await board.connect(owner).reject(2n, 1, NOTE_CID);
      await expect(board.connect(owner).reject(2n, 2, NOTE_CID))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(2n, REJECTED, OPEN);
      await board.connect(buyer).request(1n, REQUEST_CID, REQUEST_HASH);
      await time.increaseTo((await board.requestOf(3n)).answerBy + 1n);
      await expect(board.connect(owner).reject(3n, 1, NOTE_CID))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(3n, EXPIRED, OPEN);
      await expect(board.connect(owner).reject(4n, 1, NOTE_CID))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(4n, NONE, OPEN);
    });
  });

  describe("state and requestOf", function () {
    it("computes None, Open and Expired from the record and the time", async function () {
      const { board } = await networkHelpers.loadFixture(openFixture);
      expect(await board.state(0n)).to.equal(NONE);
      expect(await board.state(2n)).to.equal(NONE);
      const { answerBy } = await board.requestOf(1n);
      await time.increaseTo(answerBy);
      expect(await board.state(1n)).to.equal(OPEN);
      await time.increase(1);
      expect(await board.state(1n)).to.equal(EXPIRED);
      expect((await board.requestOf(1n)).status).to.equal(OPEN); // the stored part stays Open
    });

    it("requestOf reverts for an unknown request", async function () {
      const { board } = await networkHelpers.loadFixture(openFixture);
      await expect(board.requestOf(2n))
        .to.be.revertedWithCustomError(board, "ComparisonUnexpectedState")
        .withArgs(2n, NONE, OPEN);
    });
  });
});
