import type { NetworkConnection } from "hardhat/types/network";

import { expect } from "chai";
import { id } from "ethers";
import { network } from "hardhat";

import { deployConsortium, makeProfile } from "../../helpers/consortium.js";

// IBallot.ProposalState
const PENDING = 0n;
const ACTIVE = 1n;
const SUCCEEDED = 2n;
const DEFEATED = 3n;
const EXECUTED = 4n;
const EXPIRED = 5n;

const MEMBER = id("MEMBER");
const SUBJECT = id("subject");

const connection = await network.create();
const { networkHelpers } = connection;
const { time } = networkHelpers;

function deployFive(c: NetworkConnection) {
  return deployConsortium(c, { founders: 5 });
}

describe("Ballot", () => {
  /** Opens a proposal from an EOA (no execution hook) with the registry as directory. */
  async function proposeFromEoa(overrides: Partial<Record<string, unknown>> = {}) {
    const c = await networkHelpers.loadFixture(deployFive);
    const [proposer] = c.others;
    const params = {
      subject: SUBJECT,
      directory: await c.registry.getAddress(),
      voterRole: MEMBER,
      quorumBps: 5_000,
      votingDelay: 0,
      votingPeriod: 3_600,
      executionWindow: 86_400,
      ...overrides,
    };
    return { ...c, proposer: proposer!, params };
  }

  async function openProposal(overrides: Partial<Record<string, unknown>> = {}) {
    const c = await proposeFromEoa(overrides);
    await c.ballot.connect(c.proposer).propose(c.params);
    const proposalId = await c.ballot.proposalCount();
    const p = await c.ballot.proposal(proposalId);
    return { ...c, proposalId, p };
  }

  describe("propose", () => {
    it("stores the proposal with the directory snapshot and emits ProposalCreated", async () => {
      const { ballot, registry, proposer, params } = await proposeFromEoa();
      expect(await ballot.proposalCount()).to.equal(0n);
      const now = (await time.latest()) + 10;
      await time.setNextBlockTimestamp(now);
      const tx = ballot.connect(proposer).propose(params);
      // created at `now`: voteStart = now, voteEnd = now + 3600; 5 voters, ceil(2.5) = 3
      await expect(tx)
        .to.emit(ballot, "ProposalCreated")
        .withArgs(1n, proposer.address, SUBJECT, MEMBER, BigInt(now), BigInt(now + 3_600), 5n, 3n);

      const p = await ballot.proposal(1n);
      const [, sequence] = await registry.voterSnapshot(MEMBER);
      expect(p.proposer).to.equal(proposer.address);
      expect(p.subject).to.equal(SUBJECT);
      expect(p.directory).to.equal(await registry.getAddress());
      expect(p.voterRole).to.equal(MEMBER);
      expect(p.snapshot).to.equal(sequence);
      expect([p.voteStart, p.voteEnd, p.executeBy]).to.deep.equal([
        BigInt(now),
        BigInt(now + 3_600),
        BigInt(now + 3_600 + 86_400),
      ]);
      expect(p.eligibleVoters).to.equal(5n);
      expect(p.quorumVotes).to.equal(3n);
      expect([p.forVotes, p.againstVotes, p.executed]).to.deep.equal([0n, 0n, false]);
      expect(await ballot.proposalCount()).to.equal(1n);
    });

    it("numbers proposals from 1 upwards", async () => {
      const { ballot, proposer, params } = await proposeFromEoa();
      await ballot.connect(proposer).propose(params);
      await ballot.connect(proposer).propose(params);
      expect(await ballot.proposalCount()).to.equal(2n);
      expect((await ballot.proposal(2n)).proposer).to.equal(proposer.address);
    });

    it("rounds the quorum up and keeps it at least 1", async () => {
      let c = await openProposal({ quorumBps: 1 });
      expect(c.p.quorumVotes).to.equal(1n);
      c = await openProposal({ quorumBps: 10_000 });
      expect(c.p.quorumVotes).to.equal(5n);
      c = await openProposal({ quorumBps: 4_001 }); // 5 * 0.4001 = 2.0005 -> 3
      expect(c.p.quorumVotes).to.equal(3n);
    });

    it("reverts on a quorum of 0 or above 10 000 bps", async () => {
      const { ballot, proposer, params } = await proposeFromEoa();
      for (const quorumBps of [0, 10_001]) {
        await expect(ballot.connect(proposer).propose({ ...params, quorumBps }))
          .to.be.revertedWithCustomError(ballot, "BallotInvalidQuorum")
          .withArgs(quorumBps);
      }
    });

    it("reverts on an empty voting period or execution window, or a deadline overflow", async () => {
      const { ballot, proposer, params } = await proposeFromEoa();
      const max = 2n ** 64n - 1n;
      for (const [votingPeriod, executionWindow] of [
        [0n, 10n],
        [10n, 0n],
        [max, 10n],
      ] as const) {
        await expect(ballot.connect(proposer).propose({ ...params, votingPeriod, executionWindow }))
          .to.be.revertedWithCustomError(ballot, "BallotInvalidPeriod")
          .withArgs(votingPeriod, executionWindow);
      }
    });

    it("reverts when the role has no holders", async () => {
      const { ballot, proposer, params } = await proposeFromEoa();
      await expect(ballot.connect(proposer).propose({ ...params, voterRole: id("AUDITOR") }))
        .to.be.revertedWithCustomError(ballot, "BallotNoEligibleVoters")
        .withArgs(id("AUDITOR"));
    });
  });

  describe("castVote / castVoteWithNote", () => {
    it("counts one vote and emits VoteCast", async () => {
      const { ballot, founders, proposalId } = await openProposal();
      await expect(ballot.connect(founders[0]!).castVote(proposalId, true))
        .to.emit(ballot, "VoteCast")
        .withArgs(proposalId, founders[0]!.address, true, "");
      await expect(ballot.connect(founders[1]!).castVoteWithNote(proposalId, false, "ipfs://bafy-log"))
        .to.emit(ballot, "VoteCast")
        .withArgs(proposalId, founders[1]!.address, false, "ipfs://bafy-log");
      const p = await ballot.proposal(proposalId);
      expect([p.forVotes, p.againstVotes]).to.deep.equal([1n, 1n]);
      expect(await ballot.hasVoted(proposalId, founders[0]!.address)).to.equal(true);
      expect(await ballot.hasVoted(proposalId, founders[2]!.address)).to.equal(false);
      expect(await ballot.state(proposalId)).to.equal(ACTIVE);
    });

    it("reverts on a second vote, whichever the support", async () => {
      const { ballot, founders, proposalId } = await openProposal();
      await ballot.connect(founders[0]!).castVote(proposalId, true);
      for (const support of [true, false]) {
        await expect(ballot.connect(founders[0]!).castVoteWithNote(proposalId, support, "again"))
          .to.be.revertedWithCustomError(ballot, "BallotAlreadyVoted")
          .withArgs(proposalId, founders[0]!.address);
      }
      expect((await ballot.proposal(proposalId)).forVotes).to.equal(1n);
    });

    it("reverts for an account outside the directory", async () => {
      const { ballot, others, proposalId } = await openProposal();
      await expect(ballot.connect(others[3]!).castVote(proposalId, true))
        .to.be.revertedWithCustomError(ballot, "BallotNotEligible")
        .withArgs(proposalId, others[3]!.address);
    });

    it("reverts on an unknown proposal", async () => {
      const { ballot, founders } = await openProposal();
      await expect(ballot.connect(founders[0]!).castVote(99n, true))
        .to.be.revertedWithCustomError(ballot, "BallotUnknownProposal")
        .withArgs(99n);
    });

    it("accepts a vote at voteEnd and rejects it one second later", async () => {
      const { ballot, founders, proposalId, p } = await openProposal();
      await time.setNextBlockTimestamp(p.voteEnd);
      await ballot.connect(founders[0]!).castVote(proposalId, true);
      // 1 for of quorum 3 at the deadline: Defeated afterwards
      await expect(ballot.connect(founders[1]!).castVote(proposalId, true))
        .to.be.revertedWithCustomError(ballot, "BallotUnexpectedState")
        .withArgs(proposalId, DEFEATED, ACTIVE);
    });
  });

  describe("state", () => {
    it("succeeds early once a majority of all eligible voters is for", async () => {
      const { ballot, founders, proposalId } = await openProposal();
      await ballot.connect(founders[0]!).castVote(proposalId, true);
      await ballot.connect(founders[1]!).castVote(proposalId, true);
      expect(await ballot.state(proposalId)).to.equal(ACTIVE);
      await ballot.connect(founders[2]!).castVote(proposalId, true);
      expect(await ballot.state(proposalId)).to.equal(SUCCEEDED);
      await expect(ballot.connect(founders[3]!).castVote(proposalId, false))
        .to.be.revertedWithCustomError(ballot, "BallotUnexpectedState")
        .withArgs(proposalId, SUCCEEDED, ACTIVE);
    });

    it("is defeated early once half of the eligible voters are against", async () => {
      const { ballot, founders, proposalId } = await openProposal();
      await ballot.connect(founders[0]!).castVote(proposalId, false);
      await ballot.connect(founders[1]!).castVote(proposalId, false);
      expect(await ballot.state(proposalId)).to.equal(ACTIVE); // 2 * 2 < 5
      await ballot.connect(founders[2]!).castVote(proposalId, false);
      expect(await ballot.state(proposalId)).to.equal(DEFEATED);
    });

    it("decides at voteEnd: quorum and more for than against", async () => {
      // quorum 30 % of 5 -> 2 votes; 2 for / 1 against is not an early majority
      const { ballot, founders, proposalId, p } = await openProposal({ quorumBps: 3_000 });
      await ballot.connect(founders[0]!).castVote(proposalId, true);
      await ballot.connect(founders[1]!).castVote(proposalId, true);
      await ballot.connect(founders[2]!).castVote(proposalId, false);
      await time.increaseTo(p.voteEnd);
      expect(await ballot.state(proposalId)).to.equal(ACTIVE);
      await time.increase(1);
      expect(await ballot.state(proposalId)).to.equal(SUCCEEDED);
    });

    it("is defeated at voteEnd on a tie", async () => {
      const { ballot, founders, proposalId, p } = await openProposal({ quorumBps: 3_000, votingPeriod: 100 });
      await ballot.connect(founders[0]!).castVote(proposalId, true);
      await ballot.connect(founders[1]!).castVote(proposalId, false);
      await time.increaseTo(p.voteEnd + 1n);
      expect(await ballot.state(proposalId)).to.equal(DEFEATED);
    });

    it("is defeated at voteEnd without quorum even with no opposition", async () => {
      const { ballot, founders, proposalId, p } = await openProposal();
      await ballot.connect(founders[0]!).castVote(proposalId, true);
      await ballot.connect(founders[1]!).castVote(proposalId, true);
      await time.increaseTo(p.voteEnd + 1n);
      expect(await ballot.state(proposalId)).to.equal(DEFEATED);
    });

    it("is pending until voteStart with a voting delay", async () => {
      const { ballot, founders, proposalId, p } = await openProposal({ votingDelay: 600 });
      expect(await ballot.state(proposalId)).to.equal(PENDING);
      await expect(ballot.connect(founders[0]!).castVote(proposalId, true))
        .to.be.revertedWithCustomError(ballot, "BallotUnexpectedState")
        .withArgs(proposalId, PENDING, ACTIVE);
      await time.setNextBlockTimestamp(p.voteStart);
      await ballot.connect(founders[0]!).castVote(proposalId, true);
      expect(await ballot.state(proposalId)).to.equal(ACTIVE);
    });

    it("expires when a success is not executed by executeBy", async () => {
      const { ballot, founders, proposalId, p } = await openProposal();
      for (const f of founders.slice(0, 3)) await ballot.connect(f).castVote(proposalId, true);
      await time.increaseTo(p.executeBy);
      expect(await ballot.state(proposalId)).to.equal(SUCCEEDED);
      await time.increase(1);
      expect(await ballot.state(proposalId)).to.equal(EXPIRED);
      await expect(ballot.execute(proposalId))
        .to.be.revertedWithCustomError(ballot, "BallotUnexpectedState")
        .withArgs(proposalId, EXPIRED, SUCCEEDED);
    });

    it("reverts on unknown proposals, including id 0", async () => {
      const { ballot } = await openProposal();
      for (const unknown of [0n, 2n]) {
        await expect(ballot.state(unknown))
          .to.be.revertedWithCustomError(ballot, "BallotUnknownProposal")
          .withArgs(unknown);
        await expect(ballot.proposal(unknown))
          .to.be.revertedWithCustomError(ballot, "BallotUnknownProposal")
          .withArgs(unknown);
      }
    });
  });

  describe("execute", () => {
    it("executes a success once, by anyone, and not twice", async () => {
      const { ballot, founders, others, proposalId } = await openProposal();
      for (const f of founders.slice(0, 3)) await ballot.connect(f).castVote(proposalId, true);
      await expect(ballot.connect(others[5]!).execute(proposalId))
        .to.emit(ballot, "ProposalExecuted")
        .withArgs(proposalId, others[5]!.address);
      expect(await ballot.state(proposalId)).to.equal(EXECUTED);
      expect((await ballot.proposal(proposalId)).executed).to.equal(true);
      await expect(ballot.execute(proposalId))
        .to.be.revertedWithCustomError(ballot, "BallotUnexpectedState")
        .withArgs(proposalId, EXECUTED, SUCCEEDED);
    });

    it("can execute at executeBy", async () => {
      const { ballot, founders, proposalId, p } = await openProposal();
      for (const f of founders.slice(0, 3)) await ballot.connect(f).castVote(proposalId, true);
      await time.setNextBlockTimestamp(p.executeBy);
      await expect(ballot.execute(proposalId)).to.emit(ballot, "ProposalExecuted");
    });

    it("reverts unless Succeeded", async () => {
      const { ballot, founders, proposalId } = await openProposal();
      await expect(ballot.execute(proposalId))
        .to.be.revertedWithCustomError(ballot, "BallotUnexpectedState")
        .withArgs(proposalId, ACTIVE, SUCCEEDED);
      for (const f of founders.slice(0, 3)) await ballot.connect(f).castVote(proposalId, false);
      await expect(ballot.execute(proposalId))
        .to.be.revertedWithCustomError(ballot, "BallotUnexpectedState")
        .withArgs(proposalId, DEFEATED, SUCCEEDED);
      await expect(ballot.execute(7n)).to.be.revertedWithCustomError(ballot, "BallotUnknownProposal").withArgs(7n);
    });

    it("calls the proposer's hook exactly once", async () => {
      const { ballot, registry, founders, others } = await networkHelpers.loadFixture(deployFive);
      const newcomer = others[0]!;
      await registry.connect(founders[0]!).proposeMember(newcomer.address, makeProfile("Newcomer").profile);
      const proposalId = await ballot.proposalCount();
      for (const f of founders.slice(0, 3)) await ballot.connect(f).castVote(proposalId, true);

      const receipt = await (await ballot.execute(proposalId)).wait();
      const hookEvents = receipt!.logs
        .map((log) => registry.interface.parseLog(log))
        .filter((parsed) => parsed?.name === "MembershipActionExecuted");
      expect(hookEvents).to.have.length(1);
      expect(hookEvents[0]!.args.proposalId).to.equal(proposalId);
      expect(await registry.isMember(newcomer.address)).to.equal(true);
      await expect(ballot.execute(proposalId)).to.be.revertedWithCustomError(ballot, "BallotUnexpectedState");
      expect(await registry.queryFilter(registry.filters.MembershipActionExecuted())).to.have.length(1);
    });
  });

  describe("hasVoted / proposalCount", () => {
    it("are false and 0 before any proposal", async () => {
      const { ballot, founders } = await networkHelpers.loadFixture(deployFive);
      expect(await ballot.proposalCount()).to.equal(0n);
      expect(await ballot.hasVoted(1n, founders[0]!.address)).to.equal(false);
    });
  });
});
