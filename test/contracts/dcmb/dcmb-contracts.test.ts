import { expect } from "chai";
import { ZeroHash, id, keccak256, parseEther, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

import { deployDcmb } from "../../helpers/dcmb.js";
import { grantRoleByBallot, passProposal } from "../../helpers/consortium.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const ROOT = id("batch root");
const EXPIRED = 1;
const OVERFLOW = 2;
const MODULE = id("sealedchain.dcmb");
const SOURCE = id("source tree");
const ARTIFACT = id("artifact bytes");
const PROPOSED = 1n;
const CERTIFIED = 2n;
const REVOKED = 3n;
const SUBJECT_TYPES = ["string", "uint256", "bytes32"];

async function dcmbFixture() {
  const f = await deployDcmb(connection);
  const [sender, receiver, other] = f.members as [(typeof f.members)[number], (typeof f.members)[number], (typeof f.members)[number]];
  return { ...f, sender, receiver, other, outsider: f.outsiders[0]! };
}

/** Members 3, 4 and 5 receive VALIDATOR by MEMBER ballots: quorum 2 of 3 validators. */
async function validatorsFixture() {
  const f = await dcmbFixture();
  const validators = f.members.slice(3, 6);
  for (const v of validators) await grantRoleByBallot(f.registry, f.ballot, "VALIDATOR", v.address, f.members.slice(0, 4));
  return { ...f, validators, proposer: f.members[0]! };
}

/** Version 1 (ARTIFACT) is proposed by member 0. */
async function proposedFixture() {
  const f = await validatorsFixture();
  await f.certification.connect(f.proposer).proposeModule(MODULE, "1.0.0", SOURCE, ARTIFACT, "bafkproposerlog");
  const proposalId = (await f.certification.moduleVersion(1n)).certificationProposalId;
  return { ...f, proposalId };
}

async function certifiedFixture() {
  const f = await proposedFixture();
  for (const [i, v] of f.validators.slice(0, 2).entries()) await f.ballot.connect(v).castVoteWithNote(f.proposalId, true, `bafkvalidatorlog${i}`);
  await f.ballot.connect(f.other).execute(f.proposalId);
  return f;
}

describe("DCMB contracts", function () {
  describe("DcmbAuditTrail", function () {
    it("records, acknowledges and fails deliveries of sequential batches", async function () {
      const { auditTrail, sender, receiver } = await networkHelpers.loadFixture(dcmbFixture);
      expect(await auditTrail.lastBatchId(sender.address, receiver.address)).to.equal(0n);
      await expect(auditTrail.connect(sender).recordBatch(receiver.address, 1n, ROOT, 10, 1_000n, 1_060n))
        .to.emit(auditTrail, "BatchRecorded")
        .withArgs(sender.address, receiver.address, 1n, ROOT, 10, 1_000n, 1_060n);
      const recordedAt = BigInt(await time.latest());
      await auditTrail.connect(sender).recordBatch(receiver.address, 2n, id("root 2"), 5, 1_060n, 1_120n);
      expect(await auditTrail.lastBatchId(sender.address, receiver.address)).to.equal(2n);
      expect(await auditTrail.lastBatchId(receiver.address, sender.address)).to.equal(0n);

      await expect(auditTrail.connect(sender).recordFailedDelivery(receiver.address, 1n, 2, EXPIRED))
        .to.emit(auditTrail, "DeliveryFailed")
        .withArgs(sender.address, receiver.address, 1n, 2, EXPIRED);
      await auditTrail.connect(sender).recordFailedDelivery(receiver.address, 1n, 1, OVERFLOW);
      await expect(auditTrail.connect(receiver).acknowledgeBatch(sender.address, 1n, 7))
        .to.emit(auditTrail, "BatchAcknowledged")
        .withArgs(sender.address, receiver.address, 1n, 7);

      const b = await auditTrail.batch(sender.address, receiver.address, 1n);
      expect(b.root).to.equal(ROOT);
      expect(b.messageCount).to.equal(10n);
      expect([b.intervalStart, b.intervalEnd]).to.deep.equal([1_000n, 1_060n]);
      expect(b.recordedAt).to.equal(recordedAt);
      expect(b.acknowledgedAt).to.equal(BigInt(await time.latest()));
      expect(b.failedCount).to.equal(3n);
      expect((await auditTrail.batch(sender.address, receiver.address, 2n)).acknowledgedAt).to.equal(0n);
    });

    it("records a message with its public salt (Algorithm 1)", async function () {
      const { auditTrail, sender, receiver } = await networkHelpers.loadFixture(dcmbFixture);
      const salt = "0x0102030405060708";
      const hash = id("argon2id output");
      await expect(auditTrail.connect(sender).recordMessage(receiver.address, hash, salt))
        .to.emit(auditTrail, "MessageRecorded")
        .withArgs(sender.address, receiver.address, hash, salt);
    });

    it("reverts recordBatch on bad channels, ids, counts, roots and intervals", async function () {
      const { auditTrail, sender, receiver, outsider } = await networkHelpers.loadFixture(dcmbFixture);
      const s = auditTrail.connect(sender);
      await expect(auditTrail.connect(outsider).recordBatch(receiver.address, 1n, ROOT, 1, 0n, 1n))
        .to.be.revertedWithCustomError(auditTrail, "DcmbNotMember")
        .withArgs(outsider.address);
      await expect(s.recordBatch(outsider.address, 1n, ROOT, 1, 0n, 1n))
        .to.be.revertedWithCustomError(auditTrail, "DcmbNotMember")
        .withArgs(outsider.address);
      await expect(s.recordBatch(sender.address, 1n, ROOT, 1, 0n, 1n)).to.be.revertedWithCustomError(auditTrail, "DcmbSelfChannel");
      await expect(s.recordBatch(receiver.address, 2n, ROOT, 1, 0n, 1n))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnexpectedBatchId")
        .withArgs(1n, 2n);
      await expect(s.recordBatch(receiver.address, 0n, ROOT, 1, 0n, 1n))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnexpectedBatchId")
        .withArgs(1n, 0n);
      await expect(s.recordBatch(receiver.address, 1n, ROOT, 0, 0n, 1n)).to.be.revertedWithCustomError(auditTrail, "DcmbEmptyBatch");
      await expect(s.recordBatch(receiver.address, 1n, ZeroHash, 1, 0n, 1n)).to.be.revertedWithCustomError(auditTrail, "DcmbZeroRoot");
      await expect(s.recordBatch(receiver.address, 1n, ROOT, 1, 5n, 5n))
        .to.be.revertedWithCustomError(auditTrail, "DcmbInvalidInterval")
        .withArgs(5n, 5n);
      await expect(s.recordBatch(receiver.address, 1n, ROOT, 1, 6n, 5n))
        .to.be.revertedWithCustomError(auditTrail, "DcmbInvalidInterval")
        .withArgs(6n, 5n);
      await s.recordBatch(receiver.address, 1n, ROOT, 1, 0n, 1n);
      await expect(s.recordBatch(receiver.address, 1n, ROOT, 1, 0n, 1n))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnexpectedBatchId")
        .withArgs(2n, 1n);
    });

    it("reverts acknowledgeBatch for unknown batches, other callers, too many and twice", async function () {
      const { auditTrail, sender, receiver, other, outsider } = await networkHelpers.loadFixture(dcmbFixture);
      await auditTrail.connect(sender).recordBatch(receiver.address, 1n, ROOT, 4, 0n, 1n);
      await expect(auditTrail.connect(receiver).acknowledgeBatch(sender.address, 2n, 1))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnknownBatch")
        .withArgs(sender.address, receiver.address, 2n);
      await expect(auditTrail.connect(receiver).acknowledgeBatch(sender.address, 0n, 1))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnknownBatch")
        .withArgs(sender.address, receiver.address, 0n);
      // Someone other than the receiver looks on its own channel, where there is no batch.
      await expect(auditTrail.connect(other).acknowledgeBatch(sender.address, 1n, 1))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnknownBatch")
        .withArgs(sender.address, other.address, 1n);
      await expect(auditTrail.connect(outsider).acknowledgeBatch(sender.address, 1n, 1))
        .to.be.revertedWithCustomError(auditTrail, "DcmbNotMember")
        .withArgs(outsider.address);
      await expect(auditTrail.connect(receiver).acknowledgeBatch(sender.address, 1n, 5))
        .to.be.revertedWithCustomError(auditTrail, "DcmbInvalidCount")
        .withArgs(5, 4);
      await auditTrail.connect(receiver).acknowledgeBatch(sender.address, 1n, 4);
      await expect(auditTrail.connect(receiver).acknowledgeBatch(sender.address, 1n, 4))
        .to.be.revertedWithCustomError(auditTrail, "DcmbAlreadyAcknowledged")
        .withArgs(1n);
    });

    it("reverts recordFailedDelivery for unknown batches, bad reasons and counts", async function () {
      const { auditTrail, sender, receiver } = await networkHelpers.loadFixture(dcmbFixture);
      const s = auditTrail.connect(sender);
      await expect(s.recordFailedDelivery(receiver.address, 1n, 1, EXPIRED))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnknownBatch")
        .withArgs(sender.address, receiver.address, 1n);
      await s.recordBatch(receiver.address, 1n, ROOT, 4, 0n, 1n);
      // The receiver cannot record failures of its sender's batch.
      await expect(auditTrail.connect(receiver).recordFailedDelivery(sender.address, 1n, 1, EXPIRED))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnknownBatch")
        .withArgs(receiver.address, sender.address, 1n);
      await expect(s.recordFailedDelivery(receiver.address, 1n, 1, 0)).to.be.revertedWithCustomError(auditTrail, "DcmbInvalidReason");
      await expect(s.recordFailedDelivery(receiver.address, 1n, 0, EXPIRED))
        .to.be.revertedWithCustomError(auditTrail, "DcmbInvalidCount")
        .withArgs(0, 4);
      await s.recordFailedDelivery(receiver.address, 1n, 3, OVERFLOW);
      await expect(s.recordFailedDelivery(receiver.address, 1n, 2, EXPIRED))
        .to.be.revertedWithCustomError(auditTrail, "DcmbInvalidCount")
        .withArgs(2, 4);
      await s.recordFailedDelivery(receiver.address, 1n, 1, EXPIRED);
      expect((await auditTrail.batch(sender.address, receiver.address, 1n)).failedCount).to.equal(4n);
      await expect(auditTrail.batch(sender.address, receiver.address, 2n))
        .to.be.revertedWithCustomError(auditTrail, "DcmbUnknownBatch")
        .withArgs(sender.address, receiver.address, 2n);
    });

    it("reverts recordMessage for bad salts, self channels and non-members", async function () {
      const { auditTrail, sender, receiver, outsider } = await networkHelpers.loadFixture(dcmbFixture);
      const h = id("h");
      await expect(auditTrail.connect(sender).recordMessage(receiver.address, h, "0x01020304050607"))
        .to.be.revertedWithCustomError(auditTrail, "DcmbInvalidSalt")
        .withArgs(7n);
      await expect(auditTrail.connect(sender).recordMessage(receiver.address, h, "0x" + "ab".repeat(65)))
        .to.be.revertedWithCustomError(auditTrail, "DcmbInvalidSalt")
        .withArgs(65n);
      await auditTrail.connect(sender).recordMessage(receiver.address, h, "0x" + "ab".repeat(64));
      await expect(auditTrail.connect(sender).recordMessage(sender.address, h, "0x" + "ab".repeat(8)))
        .to.be.revertedWithCustomError(auditTrail, "DcmbSelfChannel");
      await expect(auditTrail.connect(outsider).recordMessage(receiver.address, h, "0x" + "ab".repeat(8)))
        .to.be.revertedWithCustomError(auditTrail, "DcmbNotMember")
        .withArgs(outsider.address);
    });
  });

  describe("HashedConditionNotifier", function () {
    const LABEL_HASH = keccak256(toUtf8Bytes("temperature:critical" + "salt"));

    it("registers, notifies on matching posts only, and revokes", async function () {
      const { notifier, sender, receiver, other } = await networkHelpers.loadFixture(dcmbFixture);
      await expect(notifier.connect(receiver).registerCondition(sender.address, LABEL_HASH, 5))
        .to.emit(notifier, "ConditionRegistered")
        .withArgs(1n, receiver.address, sender.address, LABEL_HASH, 5);
      const registeredAt = BigInt(await time.latest());
      expect(await notifier.conditionCount()).to.equal(1n);
      expect(await notifier.conditionIdOf(receiver.address, sender.address, LABEL_HASH)).to.equal(1n);

      expect(await notifier.connect(sender).post.staticCall(receiver.address, LABEL_HASH)).to.equal(true);
      await expect(notifier.connect(sender).post(receiver.address, LABEL_HASH))
        .to.emit(notifier, "Notified")
        .withArgs(1n, receiver.address, sender.address, 5, LABEL_HASH);
      const notifiedAt = BigInt(await time.latest());

      // Unmatched posts: other hash, other sender, other receiver.
      expect(await notifier.connect(sender).post.staticCall(receiver.address, id("normal"))).to.equal(false);
      await expect(notifier.connect(sender).post(receiver.address, id("normal"))).not.to.emit(notifier, "Notified");
      await expect(notifier.connect(other).post(receiver.address, LABEL_HASH)).not.to.emit(notifier, "Notified");
      await expect(notifier.connect(sender).post(other.address, LABEL_HASH)).not.to.emit(notifier, "Notified");

      let c = await notifier.condition(1n);
      expect(c.receiver).to.equal(receiver.address);
      expect(c.sender).to.equal(sender.address);
      expect(c.conditionHash).to.equal(LABEL_HASH);
      expect(c.severity).to.equal(5n);
      expect(c.active).to.equal(true);
      expect(c.registeredAt).to.equal(registeredAt);
      expect(c.lastNotifiedAt).to.equal(notifiedAt);
      expect(c.notificationCount).to.equal(1n);

      await expect(notifier.connect(receiver).revokeCondition(1n)).to.emit(notifier, "ConditionRevoked").withArgs(1n, receiver.address);
      expect(await notifier.conditionIdOf(receiver.address, sender.address, LABEL_HASH)).to.equal(0n);
      await expect(notifier.connect(sender).post(receiver.address, LABEL_HASH)).not.to.emit(notifier, "Notified");
      c = await notifier.condition(1n);
      expect(c.active).to.equal(false);
      expect(c.notificationCount).to.equal(1n);

      // The same triple can be registered again once revoked.
      await notifier.connect(receiver).registerCondition(sender.address, LABEL_HASH, 2);
      expect(await notifier.conditionIdOf(receiver.address, sender.address, LABEL_HASH)).to.equal(2n);
    });

    it("reverts every invalid registration, revocation and post", async function () {
      const { notifier, sender, receiver, other, outsider } = await networkHelpers.loadFixture(dcmbFixture);
      await expect(notifier.connect(outsider).registerCondition(sender.address, LABEL_HASH, 1))
        .to.be.revertedWithCustomError(notifier, "NotifierNotMember")
        .withArgs(outsider.address);
      await expect(notifier.connect(receiver).registerCondition(outsider.address, LABEL_HASH, 1))
        .to.be.revertedWithCustomError(notifier, "NotifierNotMember")
        .withArgs(outsider.address);
      for (const severity of [0, 6]) {
        await expect(notifier.connect(receiver).registerCondition(sender.address, LABEL_HASH, severity))
          .to.be.revertedWithCustomError(notifier, "NotifierInvalidSeverity")
          .withArgs(severity);
      }
      await expect(notifier.connect(receiver).registerCondition(sender.address, ZeroHash, 1)).to.be.revertedWithCustomError(
        notifier,
        "NotifierZeroHash",
      );
      await notifier.connect(receiver).registerCondition(sender.address, LABEL_HASH, 1);
      await expect(notifier.connect(receiver).registerCondition(sender.address, LABEL_HASH, 3))
        .to.be.revertedWithCustomError(notifier, "NotifierDuplicateCondition")
        .withArgs(receiver.address, sender.address, LABEL_HASH);
      await expect(notifier.connect(outsider).post(receiver.address, LABEL_HASH))
        .to.be.revertedWithCustomError(notifier, "NotifierNotMember")
        .withArgs(outsider.address);

      for (const unknown of [0n, 2n]) {
        await expect(notifier.connect(receiver).revokeCondition(unknown))
          .to.be.revertedWithCustomError(notifier, "NotifierUnknownCondition")
          .withArgs(unknown);
        await expect(notifier.condition(unknown)).to.be.revertedWithCustomError(notifier, "NotifierUnknownCondition").withArgs(unknown);
      }
      for (const caller of [sender, other]) {
        await expect(notifier.connect(caller).revokeCondition(1n))
          .to.be.revertedWithCustomError(notifier, "NotifierNotReceiver")
          .withArgs(1n, caller.address);
      }
      await notifier.connect(receiver).revokeCondition(1n);
      await expect(notifier.connect(receiver).revokeCondition(1n))
        .to.be.revertedWithCustomError(notifier, "NotifierAlreadyRevoked")
        .withArgs(1n);
    });
  });

  describe("ModuleCertification", function () {
    it("is wired to the registry and the ballot and refuses invalid settings", async function () {
      const { certification, registry, ballot, settings } = await networkHelpers.loadFixture(dcmbFixture);
      expect(await certification.registry()).to.equal(await registry.getAddress());
      expect(await certification.ballot()).to.equal(await ballot.getAddress());
      const s = await certification.settings();
      expect([s.quorumBps, s.votingPeriod, s.executionWindow]).to.deep.equal(
        [settings.quorumBps, settings.votingPeriod, settings.executionWindow].map(BigInt),
      );
      expect(await certification.versionCount()).to.equal(0n);

      const good = { quorumBps: 5_000, votingPeriod: 60, executionWindow: 60 };
      const factory = await ethers.getContractFactory("ModuleCertification");
      for (const bad of [
        { ...good, quorumBps: 0 },
        { ...good, quorumBps: 10_001 },
        { ...good, votingPeriod: 0 },
        { ...good, executionWindow: 0 },
        { ...good, votingPeriod: 366 * 86_400 },
        { ...good, executionWindow: 366 * 86_400 },
      ]) {
        await expect(factory.deploy(registry, ballot, bad)).to.be.revertedWithCustomError(factory, "CertInvalidSettings");
      }
      await factory.deploy(registry, ballot, good);
    });

    it("certifies a version by VALIDATOR votes with log CIDs as notes", async function () {
      const f = await networkHelpers.loadFixture(validatorsFixture);
      const { certification, ballot, proposer, validators } = f;
      const [versionId, proposalId] = await certification.connect(proposer).proposeModule.staticCall(
        MODULE,
        "1.0.0",
        SOURCE,
        ARTIFACT,
        "bafkproposerlog",
      );
      expect(versionId).to.equal(1n);
      await expect(certification.connect(proposer).proposeModule(MODULE, "1.0.0", SOURCE, ARTIFACT, "bafkproposerlog"))
        .to.emit(certification, "ModuleProposed")
        .withArgs(1n, MODULE, ARTIFACT, "1.0.0", SOURCE, "bafkproposerlog", proposer.address, proposalId);

      const p = await ballot.proposal(proposalId);
      expect(p.proposer).to.equal(await certification.getAddress());
      expect(p.voterRole).to.equal(id("VALIDATOR"));
      expect(p.subject).to.equal(keccak256(ethers.AbiCoder.defaultAbiCoder().encode(SUBJECT_TYPES, ["SealedChain.dcmb.certify", 1n, ARTIFACT])));
      expect(p.eligibleVoters).to.equal(3n);
      expect(p.quorumVotes).to.equal(2n);

      let v = await certification.moduleVersion(1n);
      expect(v.status).to.equal(PROPOSED);
      expect(v.moduleId).to.equal(MODULE);
      expect(v.version).to.equal("1.0.0");
      expect(v.sourceHash).to.equal(SOURCE);
      expect(v.artifactHash).to.equal(ARTIFACT);
      expect(v.validationLogCid).to.equal("bafkproposerlog");
      expect(v.proposer).to.equal(proposer.address);
      expect(v.certificationProposalId).to.equal(proposalId);
      expect(v.revocationProposalId).to.equal(0n);
      expect(await certification.versionOfArtifact(ARTIFACT)).to.equal(1n);
      expect(await certification.isCertified(ARTIFACT)).to.equal(false);

      // A plain member is not a VALIDATOR.
      await expect(ballot.connect(proposer).castVote(proposalId, true)).to.be.revertedWithCustomError(ballot, "BallotNotEligible");
      for (const [i, validator] of validators.slice(0, 2).entries()) {
        await expect(ballot.connect(validator).castVoteWithNote(proposalId, true, `bafkvalidatorlog${i}`))
          .to.emit(ballot, "VoteCast")
          .withArgs(proposalId, validator.address, true, `bafkvalidatorlog${i}`);
      }
      await expect(ballot.connect(proposer).execute(proposalId))
        .to.emit(certification, "ModuleCertified")
        .withArgs(1n, MODULE, ARTIFACT);
      v = await certification.moduleVersion(1n);
      expect(v.status).to.equal(CERTIFIED);
      expect(v.certifiedAt).to.equal(BigInt(await time.latest()));
      expect(await certification.isCertified(ARTIFACT)).to.equal(true);
      expect(await certification.isCertified(id("other artifact"))).to.equal(false);
    });

    it("lets a defeated or expired proposal be proposed again, not a pending or certified one", async function () {
      const f = await networkHelpers.loadFixture(proposedFixture);
      const { certification, ballot, proposer, validators, proposalId, settings } = f;
      await expect(certification.connect(proposer).proposeModule(MODULE, "1.0.0", SOURCE, ARTIFACT, "bafklog"))
        .to.be.revertedWithCustomError(certification, "CertArtifactPending")
        .withArgs(ARTIFACT, 1n);
      // Two of three validators against: defeated at once.
      await ballot.connect(validators[0]!).castVoteWithNote(proposalId, false, "bafkfail0");
      await ballot.connect(validators[1]!).castVoteWithNote(proposalId, false, "bafkfail1");
      expect(await ballot.state(proposalId)).to.equal(3n); // Defeated
      expect(await certification.isCertified(ARTIFACT)).to.equal(false);

      await certification.connect(proposer).proposeModule(MODULE, "1.0.1", SOURCE, ARTIFACT, "bafklog2");
      expect(await certification.versionOfArtifact(ARTIFACT)).to.equal(2n);
      expect((await certification.moduleVersion(1n)).status).to.equal(PROPOSED);
      const second = (await certification.moduleVersion(2n)).certificationProposalId;
      // Succeeded but not executed: still pending.
      await ballot.connect(validators[0]!).castVote(second, true);
      await ballot.connect(validators[1]!).castVote(second, true);
      expect(await ballot.state(second)).to.equal(2n); // Succeeded
      await expect(certification.connect(proposer).proposeModule(MODULE, "1.0.2", SOURCE, ARTIFACT, "bafklog3"))
        .to.be.revertedWithCustomError(certification, "CertArtifactPending")
        .withArgs(ARTIFACT, 2n);
      // Let the success expire: it can be proposed again.
      await time.increase(settings.votingPeriod + settings.executionWindow + 1);
      expect(await ballot.state(second)).to.equal(5n); // Expired
      await certification.connect(proposer).proposeModule(MODULE, "1.0.2", SOURCE, ARTIFACT, "bafklog3");
      const third = (await certification.moduleVersion(3n)).certificationProposalId;
      await passProposal(ballot, third, validators.slice(0, 2));
      expect(await certification.isCertified(ARTIFACT)).to.equal(true);
      await expect(certification.connect(proposer).proposeModule(MODULE, "1.0.3", SOURCE, ARTIFACT, "bafklog4"))
        .to.be.revertedWithCustomError(certification, "CertArtifactPending")
        .withArgs(ARTIFACT, 3n);
    });

    it("revokes a certified version by a VALIDATOR ballot", async function () {
      const f = await networkHelpers.loadFixture(certifiedFixture);
      const { certification, ballot, validators, other } = f;
      const proposalId = await certification.connect(other).proposeRevocation.staticCall(1n, "backdoor found");
      await expect(certification.connect(other).proposeRevocation(1n, "backdoor found"))
        .to.emit(certification, "RevocationProposed")
        .withArgs(1n, proposalId, other.address, "backdoor found");
      expect((await certification.moduleVersion(1n)).revocationProposalId).to.equal(proposalId);
      const p = await ballot.proposal(proposalId);
      expect(p.voterRole).to.equal(id("VALIDATOR"));
      await expect(certification.connect(other).proposeRevocation(1n, "again"))
        .to.be.revertedWithCustomError(certification, "CertRevocationPending")
        .withArgs(1n, proposalId);
      expect(await certification.isCertified(ARTIFACT)).to.equal(true);

      for (const v of validators.slice(0, 2)) await ballot.connect(v).castVoteWithNote(proposalId, true, "bafkrevocationlog");
      await expect(ballot.connect(other).execute(proposalId)).to.emit(certification, "ModuleRevoked").withArgs(1n, MODULE, ARTIFACT);
      const v = await certification.moduleVersion(1n);
      expect(v.status).to.equal(REVOKED);
      expect(v.revokedAt).to.equal(BigInt(await time.latest()));
      expect(await certification.isCertified(ARTIFACT)).to.equal(false);
      await expect(certification.connect(other).proposeRevocation(1n, "again"))
        .to.be.revertedWithCustomError(certification, "CertUnexpectedStatus")
        .withArgs(1n, REVOKED, CERTIFIED);
      // A revoked artifact may be proposed again.
      await certification.connect(other).proposeModule(MODULE, "1.0.0-fixed", SOURCE, ARTIFACT, "bafklog");
      expect(await certification.versionOfArtifact(ARTIFACT)).to.equal(2n);
    });

    it("allows a new revocation vote after a defeated one", async function () {
      const f = await networkHelpers.loadFixture(certifiedFixture);
      const { certification, ballot, validators, other } = f;
      await certification.connect(other).proposeRevocation(1n, "suspicion");
      const first = (await certification.moduleVersion(1n)).revocationProposalId;
      for (const v of validators.slice(0, 2)) await ballot.connect(v).castVote(first, false);
      await certification.connect(other).proposeRevocation(1n, "new evidence");
      expect((await certification.moduleVersion(1n)).revocationProposalId).to.not.equal(first);
      expect(await certification.isCertified(ARTIFACT)).to.equal(true);
    });

    it("reverts every invalid proposal and hook call", async function () {
      const f = await networkHelpers.loadFixture(proposedFixture);
      const { certification, ballot, proposer, outsider } = f;
      const c = certification.connect(proposer);
      await expect(certification.connect(outsider).proposeModule(MODULE, "1", SOURCE, id("a2"), "cid"))
        .to.be.revertedWithCustomError(certification, "CertNotMember")
        .withArgs(outsider.address);
      await expect(certification.connect(outsider).proposeRevocation(1n, "x"))
        .to.be.revertedWithCustomError(certification, "CertNotMember")
        .withArgs(outsider.address);
      for (const [moduleId, source, artifact] of [
        [ZeroHash, SOURCE, id("a2")],
        [MODULE, ZeroHash, id("a2")],
        [MODULE, SOURCE, ZeroHash],
      ] as const) {
        await expect(c.proposeModule(moduleId, "1", source, artifact, "cid")).to.be.revertedWithCustomError(certification, "CertZeroHash");
      }
      await expect(c.proposeModule(MODULE, "", SOURCE, id("a2"), "cid"))
        .to.be.revertedWithCustomError(certification, "CertEmptyField")
        .withArgs("version");
      await expect(c.proposeModule(MODULE, "1", SOURCE, id("a2"), ""))
        .to.be.revertedWithCustomError(certification, "CertEmptyField")
        .withArgs("validationLogCid");
      for (const unknown of [0n, 2n]) {
        await expect(c.proposeRevocation(unknown, "x")).to.be.revertedWithCustomError(certification, "CertUnknownVersion").withArgs(unknown);
        await expect(certification.moduleVersion(unknown)).to.be.revertedWithCustomError(certification, "CertUnknownVersion").withArgs(unknown);
      }
      await expect(c.proposeRevocation(1n, "x"))
        .to.be.revertedWithCustomError(certification, "CertUnexpectedStatus")
        .withArgs(1n, PROPOSED, CERTIFIED);

      await expect(certification.connect(proposer).onBallotExecuted(f.proposalId))
        .to.be.revertedWithCustomError(certification, "CertOnlyBallot")
        .withArgs(proposer.address);
      const ballotAddress = await ballot.getAddress();
      await networkHelpers.impersonateAccount(ballotAddress);
      await networkHelpers.setBalance(ballotAddress, parseEther("1"));
      const asBallot = await ethers.getSigner(ballotAddress);
      await expect(certification.connect(asBallot).onBallotExecuted(999n))
        .to.be.revertedWithCustomError(certification, "CertUnknownProposal")
        .withArgs(999n);
      await networkHelpers.stopImpersonatingAccount(ballotAddress);
    });
  });
});
