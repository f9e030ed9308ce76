import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { expect } from "chai";
import { ZeroAddress, ZeroHash, id, keccak256, toUtf8Bytes } from "ethers";
import { network } from "hardhat";

import { grantRoleByBallot, passProposal } from "../../helpers/consortium.js";
import { deployTorrent, placementOf } from "../../helpers/torrent.js";

const connection = await network.create();
const { ethers, networkHelpers } = connection;
const { time } = networkHelpers;

const FILE = id("file-1");
const CHUNKS = 40;
const LEAF_TYPES = ["bytes32", "uint256", "address", "bytes32"];

async function torrentFixture() {
  const f = await deployTorrent(connection);
  const [owner, ...others] = f.members as [(typeof f.members)[number], ...typeof f.members];
  const auditor = others[4]!;
  return { ...f, owner, others, auditor, placement: placementOf(f.members, owner.address) };
}

type Fixture = Awaited<ReturnType<typeof torrentFixture>>;

/** The owner announces FILE with every other member as chunk owner. */
async function announcedFixture() {
  const f = await torrentFixture();
  await f.ledger.connect(f.owner).announceFile(
    FILE,
    CHUNKS,
    f.placement,
    f.others.map((m) => m.address),
    f.others.map((_, i) => `bafkassign${i}`),
  );
  return f;
}

async function acknowledgedFixture() {
  const f = await announcedFixture();
  for (const [i, m] of f.others.entries()) await f.ledger.connect(m).acknowledgeChunks(FILE, 8, `bafkreceipts${i}`);
  return f;
}

/** Shares of FILE for the five other members, their tree, and a registration (k = 3). */
function sharesOf(f: Fixture) {
  const holders = f.others.map((m) => m.address);
  const shareHashes = holders.map((_, i) => keccak256(toUtf8Bytes(`share ${i + 1}`)));
  const tree = StandardMerkleTree.of(
    holders.map((holder, i) => [FILE, i + 1, holder, shareHashes[i]!]),
    LEAF_TYPES,
  );
  const registration = {
    fileHash: id("plaintext"),
    masterTableHash: id("master table bytes"),
    masterTableCid: "bafkmaster",
    keyCommitment: id("key commitment"),
    shareRoot: tree.root,
    threshold: 3,
    holders,
    shareCids: holders.map((_, i) => `bafkshare${i + 1}`),
  };
  return { holders, shareHashes, tree, registration };
}

async function registeredFixture() {
  const f = await acknowledgedFixture();
  const shares = sharesOf(f);
  await f.ledger.connect(f.owner).registerFile(FILE, shares.registration);
  return { ...f, ...shares };
}

/** The auditor receives AUDITOR by ballot and asks for an audit of FILE (audit 1). */
async function auditRequestedFixture() {
  const f = await registeredFixture();
  await grantRoleByBallot(f.registry, f.ballot, "AUDITOR", f.auditor.address, f.members.slice(0, 4));
  await f.ledger.connect(f.auditor).requestAudit(FILE, "dispute over lot 42");
  const proposalId = (await f.ledger.audit(1n)).proposalId;
  return { ...f, proposalId };
}

async function auditApprovedFixture() {
  const f = await auditRequestedFixture();
  await passProposal(f.ballot, f.proposalId, f.members.slice(0, 4));
  return f;
}

describe("TorrentLedger", function () {
  it("is wired to the registry and the ballot with the given settings", async function () {
    const { ledger, registry, ballot, settings } = await networkHelpers.loadFixture(torrentFixture);
    expect(await ledger.registry()).to.equal(await registry.getAddress());
    expect(await ledger.ballot()).to.equal(await ballot.getAddress());
    const s = await ledger.settings();
    expect(s.quorumBps).to.equal(BigInt(settings.quorumBps));
    expect(s.releasePeriod).to.equal(BigInt(settings.releasePeriod));
    expect(s.unstakeDelay).to.equal(BigInt(settings.unstakeDelay));
    expect(await ledger.auditCount()).to.equal(0n);
  });

  it("refuses invalid settings", async function () {
    const { registry, ballot } = await networkHelpers.loadFixture(torrentFixture);
    const good = { quorumBps: 5_000, votingPeriod: 60, executionWindow: 60, releasePeriod: 60, unstakeDelay: 60 };
    const bad = [
      { ...good, quorumBps: 0 },
      { ...good, quorumBps: 10_001 },
      { ...good, votingPeriod: 0 },
      { ...good, executionWindow: 0 },
      { ...good, releasePeriod: 0 },
      { ...good, unstakeDelay: 0 },
      { ...good, releasePeriod: 366 * 86_400 },
    ];
    const factory = await ethers.getContractFactory("TorrentLedger");
    for (const settings of bad) {
      await expect(factory.deploy(registry, ballot, settings)).to.be.revertedWithCustomError(factory, "TorrentInvalidSettings");
    }
    await factory.deploy(registry, ballot, good);
  });

  describe("happy path", function () {
    it("announces, acknowledges, registers, audits and releases with real StandardMerkleTree proofs", async function () {
      const f = await networkHelpers.loadFixture(torrentFixture);
      const { ledger, ballot, owner, others, placement } = f;

      // 1. Announce.
      const tx = ledger.connect(owner).announceFile(
        FILE,
        CHUNKS,
        placement,
        others.map((m) => m.address),
        others.map((_, i) => `bafkassign${i}`),
      );
      await expect(tx).to.emit(ledger, "FileAnnounced").withArgs(FILE, owner.address, CHUNKS, placement);
      for (const [i, m] of others.entries()) {
        await expect(tx).to.emit(ledger, "ChunksAssigned").withArgs(FILE, m.address, `bafkassign${i}`);
      }
      let record = await ledger.file(FILE);
      expect(record.owner).to.equal(owner.address);
      expect(record.status).to.equal(1n);
      expect(record.chunkCount).to.equal(BigInt(CHUNKS));
      expect(record.announcedAt).to.equal(BigInt(await time.latest()));
      expect(await ledger.chunkOwners(FILE)).to.deep.equal(others.map((m) => m.address));

      // 2. Acknowledge.
      for (const [i, m] of others.entries()) {
        expect(await ledger.isAcknowledged(FILE, m.address)).to.equal(false);
        await expect(ledger.connect(m).acknowledgeChunks(FILE, 8, `bafkreceipts${i}`))
          .to.emit(ledger, "ChunksAcknowledged")
          .withArgs(FILE, m.address, 8, `bafkreceipts${i}`);
        expect(await ledger.isAcknowledged(FILE, m.address)).to.equal(true);
      }

      // 3. Register.
      const { holders, shareHashes, tree, registration } = sharesOf(f);
      const register = ledger.connect(owner).registerFile(FILE, registration);
      await expect(register)
        .to.emit(ledger, "FileRegistered")
        .withArgs(
          FILE,
          owner.address,
          registration.fileHash,
          registration.masterTableCid,
          registration.masterTableHash,
          registration.keyCommitment,
          tree.root,
          3,
          5,
        );
      for (const [i, holder] of holders.entries()) {
        await expect(register).to.emit(ledger, "ShareAssigned").withArgs(FILE, i + 1, holder, `bafkshare${i + 1}`);
      }
      record = await ledger.file(FILE);
      expect(record.status).to.equal(2n);
      expect(record.shareRoot).to.equal(tree.root);
      expect(record.threshold).to.equal(3n);
      expect(record.shareCount).to.equal(5n);
      expect(record.masterTableCid).to.equal("bafkmaster");
      expect(record.registeredAt).to.equal(BigInt(await time.latest()));
      expect(await ledger.holders(FILE)).to.deep.equal(holders);
      for (const [i, holder] of holders.entries()) {
        expect(await ledger.verifyShare(FILE, i + 1, holder, shareHashes[i]!, tree.getProof(i))).to.equal(true);
        expect(await ledger.verifyShare(FILE, i + 1, holder, id("other"), tree.getProof(i))).to.equal(false);
      }

      // 4. Audit: AUDITOR by ballot, request, vote, execute.
      const auditor = f.auditor;
      await expect(ledger.connect(auditor).requestAudit(FILE, "why"))
        .to.be.revertedWithCustomError(ledger, "TorrentNotAuditor")
        .withArgs(auditor.address);
      await grantRoleByBallot(f.registry, ballot, "AUDITOR", auditor.address, f.members.slice(0, 4));
      const proposalId = (await ballot.proposalCount()) + 1n;
      await expect(ledger.connect(auditor).requestAudit(FILE, "dispute over lot 42"))
        .to.emit(ledger, "AuditRequested")
        .withArgs(1, FILE, auditor.address, proposalId, "dispute over lot 42");
      const proposal = await ballot.proposal(proposalId);
      expect(proposal.proposer).to.equal(await ledger.getAddress());
      expect(proposal.voterRole).to.equal(id("MEMBER"));
      expect(proposal.eligibleVoters).to.equal(6n);
      expect(proposal.subject).to.equal(
        keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["string", "uint256", "bytes32"], ["SealedChain.torrent.audit", 1, FILE])),
      );
      expect(await ledger.auditCount()).to.equal(1n);
      for (const voter of f.members.slice(0, 4)) await ballot.connect(voter).castVote(proposalId, true);
      const execute = ballot.execute(proposalId);
      const approvedAt = BigInt(await time.latest()) + 1n;
      const deadline = approvedAt + BigInt(f.settings.releasePeriod);
      await expect(execute).to.emit(ledger, "AuditApproved").withArgs(1, FILE, auditor.address, deadline);
      let audit = await ledger.audit(1n);
      expect(audit.approvedAt).to.equal(approvedAt);
      expect(audit.releaseDeadline).to.equal(deadline);

      // 5. Releases: holders 1..3 with their proofs; a bad proof and a stolen proof fail.
      await expect(
        ledger.connect(others[0]!).releaseShare(1n, 1, shareHashes[0]!, tree.getProof(1), "bafkreleased1"),
      )
        .to.be.revertedWithCustomError(ledger, "TorrentInvalidShareProof")
        .withArgs(FILE, 1, others[0]!.address);
      await expect(ledger.connect(others[1]!).releaseShare(1n, 1, shareHashes[0]!, tree.getProof(0), "bafkreleased1"))
        .to.be.revertedWithCustomError(ledger, "TorrentInvalidShareProof")
        .withArgs(FILE, 1, others[1]!.address);
      for (let i = 0; i < 3; i++) {
        await expect(ledger.connect(others[i]!).releaseShare(1n, i + 1, shareHashes[i]!, tree.getProof(i), `bafkreleased${i + 1}`))
          .to.emit(ledger, "ShareReleased")
          .withArgs(1, FILE, i + 1, others[i]!.address, shareHashes[i]!, `bafkreleased${i + 1}`);
        expect(await ledger.isShareReleased(1n, i + 1)).to.equal(true);
      }
      expect(await ledger.isShareReleased(1n, 4)).to.equal(false);
      expect((await ledger.audit(1n)).releasedCount).to.equal(3n);

      // 6. The auditor reports a chunk owner that did not serve.
      await expect(ledger.connect(auditor).reportUnservedChunk(1n, 7, others[3]!.address, "bafkevidence"))
        .to.emit(ledger, "ChunkNotServed")
        .withArgs(1, FILE, 7, others[3]!.address, "bafkevidence");

      // 7. After the deadline: no more releases; the missing ones are recorded once.
      await expect(ledger.recordMissedReleases(1n))
        .to.be.revertedWithCustomError(ledger, "TorrentReleaseStillOpen")
        .withArgs(1, deadline);
      await time.increaseTo(deadline + 1n);
      await expect(ledger.connect(others[3]!).releaseShare(1n, 4, shareHashes[3]!, tree.getProof(3), "bafklate"))
        .to.be.revertedWithCustomError(ledger, "TorrentReleaseClosed")
        .withArgs(1, deadline);
      const missed = ledger.connect(f.outsiders[0]!).recordMissedReleases(1n);
      await expect(missed).to.emit(ledger, "ShareReleaseMissed").withArgs(1, FILE, 4, holders[3]!);
      await expect(missed).to.emit(ledger, "ShareReleaseMissed").withArgs(1, FILE, 5, holders[4]!);
      const receipt = await (await missed).wait();
      expect(receipt!.logs.length).to.equal(2);
      audit = await ledger.audit(1n);
      expect(audit.missedReleasesRecorded).to.equal(true);
      await expect(ledger.recordMissedReleases(1n))
        .to.be.revertedWithCustomError(ledger, "TorrentMissedReleasesAlreadyRecorded")
        .withArgs(1);
    });
  });

  describe("announceFile", function () {
    it("rejects a caller that is not a member", async function () {
      const { ledger, outsiders, members } = await networkHelpers.loadFixture(torrentFixture);
      const placement = placementOf(members, outsiders[0]!.address);
      await expect(ledger.connect(outsiders[0]!).announceFile(FILE, 1, placement, [members[1]!.address], ["bafk"]))
        .to.be.revertedWithCustomError(ledger, "TorrentNotMember")
        .withArgs(outsiders[0]!.address);
    });

    it("rejects a file id announced before", async function () {
      const { ledger, owner, placement, others } = await networkHelpers.loadFixture(announcedFixture);
      await expect(ledger.connect(owner).announceFile(FILE, 1, placement, [others[0]!.address], ["bafk"]))
        .to.be.revertedWithCustomError(ledger, "TorrentFileExists")
        .withArgs(FILE);
    });

    it("rejects chunk counts of 0 and above 100 000", async function () {
      const { ledger, owner, placement, others } = await networkHelpers.loadFixture(torrentFixture);
      for (const count of [0, 100_001]) {
        await expect(ledger.connect(owner).announceFile(FILE, count, placement, [others[0]!.address], ["bafk"]))
          .to.be.revertedWithCustomError(ledger, "TorrentInvalidChunkCount")
          .withArgs(count);
      }
      await ledger.connect(owner).announceFile(FILE, 100_000, placement, [others[0]!.address], ["bafk"]);
    });

    it("rejects placement lists that are not every other member in ascending order", async function () {
      const { ledger, owner, placement, outsiders, others } = await networkHelpers.loadFixture(torrentFixture);
      const wrong = [
        [...placement].reverse(),
        placement.slice(1),
        [...placement, outsiders[0]!.address],
        [owner.address, ...placement.slice(1)].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)),
        [placement[0]!, placement[0]!, ...placement.slice(2)],
        [...placement.slice(0, 4), outsiders[0]!.address].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1)),
      ];
      for (const list of wrong) {
        await expect(
          ledger.connect(owner).announceFile(FILE, 4, list, [others[0]!.address], ["bafk"]),
        ).to.be.revertedWithCustomError(ledger, "TorrentInvalidPlacementMembers");
      }
    });

    it("rejects mismatched, empty, duplicate, owner or non-member chunk owners and empty CIDs", async function () {
      const { ledger, owner, placement, outsiders, others } = await networkHelpers.loadFixture(torrentFixture);
      const a = others[0]!.address;
      await expect(ledger.connect(owner).announceFile(FILE, 4, placement, [a], ["x", "y"]))
        .to.be.revertedWithCustomError(ledger, "TorrentLengthMismatch")
        .withArgs(1, 2);
      await expect(ledger.connect(owner).announceFile(FILE, 4, placement, [], []))
        .to.be.revertedWithCustomError(ledger, "TorrentInvalidAssignment")
        .withArgs(ZeroAddress);
      for (const bad of [owner.address, outsiders[0]!.address]) {
        await expect(ledger.connect(owner).announceFile(FILE, 4, placement, [a, bad], ["x", "y"]))
          .to.be.revertedWithCustomError(ledger, "TorrentInvalidAssignment")
          .withArgs(bad);
      }
      await expect(ledger.connect(owner).announceFile(FILE, 4, placement, [a, a], ["x", "y"]))
        .to.be.revertedWithCustomError(ledger, "TorrentInvalidAssignment")
        .withArgs(a);
      await expect(
        ledger.connect(owner).announceFile(FILE, 4, placement, [a], [""]),
      ).to.be.revertedWithCustomError(ledger, "TorrentEmptyCid");
    });
  });

  describe("acknowledgeChunks", function () {
    it("rejects unknown files, non-assigned callers, repeats, empty CIDs and bad counts", async function () {
      const { ledger, owner, others } = await networkHelpers.loadFixture(announcedFixture);
      await expect(ledger.connect(others[0]!).acknowledgeChunks(id("unknown"), 1, "bafk"))
        .to.be.revertedWithCustomError(ledger, "TorrentUnknownFile")
        .withArgs(id("unknown"));
      await expect(ledger.connect(owner).acknowledgeChunks(FILE, 1, "bafk"))
        .to.be.revertedWithCustomError(ledger, "TorrentNotChunkOwner")
        .withArgs(FILE, owner.address);
      await expect(ledger.connect(others[0]!).acknowledgeChunks(FILE, 1, "")).to.be.revertedWithCustomError(
        ledger,
        "TorrentEmptyCid",
      );
      for (const count of [0, CHUNKS + 1]) {
        await expect(ledger.connect(others[0]!).acknowledgeChunks(FILE, count, "bafk"))
          .to.be.revertedWithCustomError(ledger, "TorrentInvalidChunkCount")
          .withArgs(count);
      }
      await ledger.connect(others[0]!).acknowledgeChunks(FILE, CHUNKS, "bafk");
      await expect(ledger.connect(others[0]!).acknowledgeChunks(FILE, 1, "bafk"))
        .to.be.revertedWithCustomError(ledger, "TorrentAlreadyAcknowledged")
        .withArgs(FILE, others[0]!.address);
    });

    it("rejects acknowledgements once the file is registered", async function () {
      const { ledger, others } = await networkHelpers.loadFixture(registeredFixture);
      await expect(ledger.connect(others[0]!).acknowledgeChunks(FILE, 1, "bafk"))
        .to.be.revertedWithCustomError(ledger, "TorrentUnexpectedFileStatus")
        .withArgs(FILE, 2, 1);
    });
  });

  describe("registerFile", function () {
    it("rejects anyone but the owner and a missing acknowledgement", async function () {
      const f = await networkHelpers.loadFixture(announcedFixture);
      const { registration } = sharesOf(f);
      await expect(f.ledger.connect(f.others[0]!).registerFile(FILE, registration))
        .to.be.revertedWithCustomError(f.ledger, "TorrentNotFileOwner")
        .withArgs(FILE, f.others[0]!.address);
      for (const m of f.others.slice(0, 2)) await f.ledger.connect(m).acknowledgeChunks(FILE, 1, "bafk");
      await expect(f.ledger.connect(f.owner).registerFile(FILE, registration))
        .to.be.revertedWithCustomError(f.ledger, "TorrentMissingAcknowledgement")
        .withArgs(FILE, f.others[2]!.address);
    });

    it("rejects zero hashes, empty CIDs, mismatched lengths, bad thresholds and bad holders", async function () {
      const f = await networkHelpers.loadFixture(acknowledgedFixture);
      const { registration: r } = sharesOf(f);
      const register = (over: Partial<typeof r>) => f.ledger.connect(f.owner).registerFile(FILE, { ...r, ...over });
      for (const field of ["fileHash", "masterTableHash", "keyCommitment", "shareRoot"] as const) {
        await expect(register({ [field]: ZeroHash })).to.be.revertedWithCustomError(f.ledger, "TorrentZeroHash");
      }
      await expect(register({ masterTableCid: "" })).to.be.revertedWithCustomError(f.ledger, "TorrentEmptyCid");
      await expect(register({ shareCids: [...r.shareCids.slice(0, 4), ""] })).to.be.revertedWithCustomError(
        f.ledger,
        "TorrentEmptyCid",
      );
      await expect(register({ shareCids: r.shareCids.slice(1) }))
        .to.be.revertedWithCustomError(f.ledger, "TorrentLengthMismatch")
        .withArgs(5, 4);
      for (const threshold of [0, 6]) {
        await expect(register({ threshold }))
          .to.be.revertedWithCustomError(f.ledger, "TorrentInvalidThreshold")
          .withArgs(threshold, 5);
      }
      await expect(register({ holders: [], shareCids: [], threshold: 1 }))
        .to.be.revertedWithCustomError(f.ledger, "TorrentInvalidThreshold")
        .withArgs(1, 0);
      for (const bad of [f.owner.address, f.outsiders[0]!.address, r.holders[0]!]) {
        await expect(register({ holders: [...r.holders.slice(0, 4), bad] }))
          .to.be.revertedWithCustomError(f.ledger, "TorrentInvalidHolder")
          .withArgs(bad);
      }
    });

    it("rejects a second registration", async function () {
      const f = await networkHelpers.loadFixture(registeredFixture);
      await expect(f.ledger.connect(f.owner).registerFile(FILE, f.registration))
        .to.be.revertedWithCustomError(f.ledger, "TorrentUnexpectedFileStatus")
        .withArgs(FILE, 2, 1);
    });

    it("verifyShare is false for unknown and unregistered files", async function () {
      const f = await networkHelpers.loadFixture(announcedFixture);
      expect(await f.ledger.verifyShare(FILE, 1, f.others[0]!.address, ZeroHash, [])).to.equal(false);
      expect(await f.ledger.verifyShare(id("unknown"), 1, f.others[0]!.address, ZeroHash, [])).to.equal(false);
      await expect(f.ledger.file(id("unknown"))).to.be.revertedWithCustomError(f.ledger, "TorrentUnknownFile");
    });
  });

  describe("acknowledgeShare", function () {
    it("records each holder's confirmation of a share that verifies under the root, once", async function () {
      const f = await networkHelpers.loadFixture(registeredFixture);
      for (const [i, m] of f.others.entries()) {
        expect(await f.ledger.isShareAcknowledged(FILE, i + 1)).to.equal(false);
        await expect(f.ledger.connect(m).acknowledgeShare(FILE, i + 1, f.shareHashes[i]!, f.tree.getProof(i)))
          .to.emit(f.ledger, "ShareAcknowledged")
          .withArgs(FILE, i + 1, m.address);
        expect(await f.ledger.isShareAcknowledged(FILE, i + 1)).to.equal(true);
      }
      await expect(f.ledger.connect(f.others[0]!).acknowledgeShare(FILE, 1, f.shareHashes[0]!, f.tree.getProof(0)))
        .to.be.revertedWithCustomError(f.ledger, "TorrentShareAlreadyAcknowledged")
        .withArgs(FILE, 1);
    });

    it("refuses a wrong share hash, another holder's proof, a bad index and an unregistered file", async function () {
      const f = await networkHelpers.loadFixture(registeredFixture);
      const holder = f.others[0]!;
      await expect(f.ledger.connect(holder).acknowledgeShare(FILE, 1, id("not the share"), f.tree.getProof(0)))
        .to.be.revertedWithCustomError(f.ledger, "TorrentInvalidShareProof")
        .withArgs(FILE, 1, holder.address);
      await expect(f.ledger.connect(f.others[1]!).acknowledgeShare(FILE, 1, f.shareHashes[0]!, f.tree.getProof(0)))
        .to.be.revertedWithCustomError(f.ledger, "TorrentInvalidShareProof")
        .withArgs(FILE, 1, f.others[1]!.address);
      for (const index of [0, 6]) {
        await expect(f.ledger.connect(holder).acknowledgeShare(FILE, index, f.shareHashes[0]!, f.tree.getProof(0)))
          .to.be.revertedWithCustomError(f.ledger, "TorrentInvalidShareIndex")
          .withArgs(index, 5);
      }
      await expect(f.ledger.connect(holder).acknowledgeShare(id("unknown"), 1, f.shareHashes[0]!, f.tree.getProof(0))).to.be.revertedWithCustomError(
        f.ledger,
        "TorrentUnknownFile",
      );
      const announced = await networkHelpers.loadFixture(acknowledgedFixture);
      await expect(announced.ledger.connect(announced.others[0]!).acknowledgeShare(FILE, 1, ZeroHash, []))
        .to.be.revertedWithCustomError(announced.ledger, "TorrentUnexpectedFileStatus")
        .withArgs(FILE, 1, 2);
    });
  });

  describe("audits", function () {
    it("requestAudit needs a registered file", async function () {
      const f = await networkHelpers.loadFixture(announcedFixture);
      await grantRoleByBallot(f.registry, f.ballot, "AUDITOR", f.auditor.address, f.members.slice(0, 4));
      await expect(f.ledger.connect(f.auditor).requestAudit(FILE, "r"))
        .to.be.revertedWithCustomError(f.ledger, "TorrentUnexpectedFileStatus")
        .withArgs(FILE, 1, 2);
      await expect(f.ledger.connect(f.auditor).requestAudit(id("unknown"), "r")).to.be.revertedWithCustomError(
        f.ledger,
        "TorrentUnknownFile",
      );
    });

    it("nothing happens before approval, and unknown audits are refused", async function () {
      const f = await networkHelpers.loadFixture(auditRequestedFixture);
      const proof = f.tree.getProof(0);
      await expect(f.ledger.connect(f.others[0]!).releaseShare(1n, 1, f.shareHashes[0]!, proof, "bafk"))
        .to.be.revertedWithCustomError(f.ledger, "TorrentAuditNotApproved")
        .withArgs(1);
      await expect(f.ledger.recordMissedReleases(1n))
        .to.be.revertedWithCustomError(f.ledger, "TorrentAuditNotApproved")
        .withArgs(1);
      await expect(f.ledger.connect(f.auditor).reportUnservedChunk(1n, 0, f.others[0]!.address, "e"))
        .to.be.revertedWithCustomError(f.ledger, "TorrentAuditNotApproved")
        .withArgs(1);
      for (const call of [
        () => f.ledger.connect(f.others[0]!).releaseShare(2n, 1, f.shareHashes[0]!, proof, "bafk"),
        () => f.ledger.recordMissedReleases(2n),
        () => f.ledger.connect(f.auditor).reportUnservedChunk(2n, 0, f.others[0]!.address, "e"),
        () => f.ledger.audit(2n),
      ]) {
        await expect(call()).to.be.revertedWithCustomError(f.ledger, "TorrentUnknownAudit").withArgs(2);
      }
      const audit = await f.ledger.audit(1n);
      expect(audit.approvedAt).to.equal(0n);
      expect(audit.auditor).to.equal(f.auditor.address);
    });

    it("releaseShare rejects bad indexes, repeats and empty CIDs", async function () {
      const f = await networkHelpers.loadFixture(auditApprovedFixture);
      const holder = f.others[0]!;
      for (const index of [0, 6]) {
        await expect(f.ledger.connect(holder).releaseShare(1n, index, f.shareHashes[0]!, f.tree.getProof(0), "bafk"))
          .to.be.revertedWithCustomError(f.ledger, "TorrentInvalidShareIndex")
          .withArgs(index, 5);
      }
      await expect(
        f.ledger.connect(holder).releaseShare(1n, 1, f.shareHashes[0]!, f.tree.getProof(0), ""),
      ).to.be.revertedWithCustomError(f.ledger, "TorrentEmptyCid");
      await f.ledger.connect(holder).releaseShare(1n, 1, f.shareHashes[0]!, f.tree.getProof(0), "bafk");
      await expect(f.ledger.connect(holder).releaseShare(1n, 1, f.shareHashes[0]!, f.tree.getProof(0), "bafk"))
        .to.be.revertedWithCustomError(f.ledger, "TorrentShareAlreadyReleased")
        .withArgs(1, 1);
    });

    it("reportUnservedChunk is for the audit's auditor, a valid chunk index and an assigned owner", async function () {
      const f = await networkHelpers.loadFixture(auditApprovedFixture);
      await expect(f.ledger.connect(f.others[0]!).reportUnservedChunk(1n, 0, f.others[1]!.address, "e"))
        .to.be.revertedWithCustomError(f.ledger, "TorrentNotAuditAuditor")
        .withArgs(1, f.others[0]!.address);
      await expect(f.ledger.connect(f.auditor).reportUnservedChunk(1n, CHUNKS, f.others[1]!.address, "e"))
        .to.be.revertedWithCustomError(f.ledger, "TorrentInvalidChunkIndex")
        .withArgs(CHUNKS, CHUNKS);
      await expect(f.ledger.connect(f.auditor).reportUnservedChunk(1n, 0, f.owner.address, "e"))
        .to.be.revertedWithCustomError(f.ledger, "TorrentNotChunkOwner")
        .withArgs(FILE, f.owner.address);
    });

    it("onBallotExecuted is only for the ballot and only for the ledger's proposals", async function () {
      const f = await networkHelpers.loadFixture(auditRequestedFixture);
      await expect(f.ledger.connect(f.owner).onBallotExecuted(f.proposalId))
        .to.be.revertedWithCustomError(f.ledger, "TorrentOnlyBallot")
        .withArgs(f.owner.address);
      const ballotAddress = await f.ballot.getAddress();
      await networkHelpers.impersonateAccount(ballotAddress);
      await networkHelpers.setBalance(ballotAddress, 10n ** 18n);
      const asBallot = await ethers.getSigner(ballotAddress);
      await expect(f.ledger.connect(asBallot).onBallotExecuted(999n))
        .to.be.revertedWithCustomError(f.ledger, "TorrentUnknownProposal")
        .withArgs(999);
      await networkHelpers.stopImpersonatingAccount(ballotAddress);
      await expect(f.ledger.penalty(999n)).to.be.revertedWithCustomError(f.ledger, "TorrentUnknownProposal");
    });
  });

  describe("deposits and penalties", function () {
    const ONE = 10n ** 18n;

    it("stake, request, wait, withdraw with balances", async function () {
      const { ledger, members, settings } = await networkHelpers.loadFixture(torrentFixture);
      const m = members[1]!;
      await expect(ledger.connect(m).stake({ value: ONE })).to.emit(ledger, "Staked").withArgs(m.address, ONE, ONE);
      await expect(ledger.connect(m).stake({ value: ONE })).to.changeEtherBalances(ethers, [m, ledger], [-ONE, ONE]);
      expect(await ledger.deposit(m.address)).to.equal(2n * ONE);

      await expect(ledger.connect(m).withdrawStake())
        .to.be.revertedWithCustomError(ledger, "TorrentNoUnstakeRequested")
        .withArgs(m.address);
      await ledger.connect(m).requestUnstake(ONE / 2n);
      // A new request replaces the previous one.
      const request = ledger.connect(m).requestUnstake(ONE);
      const availableAt = BigInt(await time.latest()) + 1n + BigInt(settings.unstakeDelay);
      await expect(request).to.emit(ledger, "UnstakeRequested").withArgs(m.address, ONE, availableAt);
      expect(await ledger.pendingUnstake(m.address)).to.deep.equal([ONE, availableAt]);
      await expect(ledger.connect(m).withdrawStake())
        .to.be.revertedWithCustomError(ledger, "TorrentUnstakeNotDue")
        .withArgs(m.address, availableAt);
      await time.increaseTo(availableAt);
      const withdraw = ledger.connect(m).withdrawStake();
      await expect(withdraw).to.emit(ledger, "StakeWithdrawn").withArgs(m.address, ONE, ONE);
      await expect(withdraw).to.changeEtherBalances(ethers, [m, ledger], [ONE, -ONE]);
      expect(await ledger.pendingUnstake(m.address)).to.deep.equal([0n, 0n]);
      expect(await ledger.deposit(m.address)).to.equal(ONE);
    });

    it("rejects zero amounts, outsiders and withdrawals beyond the deposit", async function () {
      const { ledger, members, outsiders } = await networkHelpers.loadFixture(torrentFixture);
      await expect(ledger.connect(members[1]!).stake()).to.be.revertedWithCustomError(ledger, "TorrentZeroAmount");
      await expect(ledger.connect(outsiders[0]!).stake({ value: ONE }))
        .to.be.revertedWithCustomError(ledger, "TorrentNotMember")
        .withArgs(outsiders[0]!.address);
      await ledger.connect(members[1]!).stake({ value: ONE });
      await expect(ledger.connect(members[1]!).requestUnstake(0)).to.be.revertedWithCustomError(ledger, "TorrentZeroAmount");
      await expect(ledger.connect(members[1]!).requestUnstake(ONE + 1n))
        .to.be.revertedWithCustomError(ledger, "TorrentInsufficientDeposit")
        .withArgs(members[1]!.address, ONE, ONE + 1n);
      await expect(ledger.connect(members[1]!).withdrawCredit())
        .to.be.revertedWithCustomError(ledger, "TorrentNothingToWithdraw")
        .withArgs(members[1]!.address);
    });

    it("a penalty voted by the members moves deposit to credit; the stake is locked meanwhile", async function () {
      const { ledger, ballot, members, outsiders, settings } = await networkHelpers.loadFixture(torrentFixture);
      const [proposer, offender, beneficiary] = members as [typeof members[0], typeof members[0], typeof members[0]];
      await ledger.connect(offender).stake({ value: 2n * ONE });
      await ledger.connect(offender).requestUnstake(2n * ONE);

      await expect(ledger.connect(outsiders[0]!).proposePenalty(offender.address, ONE, beneficiary.address, "r"))
        .to.be.revertedWithCustomError(ledger, "TorrentNotMember")
        .withArgs(outsiders[0]!.address);
      await expect(ledger.connect(proposer).proposePenalty(outsiders[1]!.address, ONE, beneficiary.address, "r"))
        .to.be.revertedWithCustomError(ledger, "TorrentNotMember")
        .withArgs(outsiders[1]!.address);
      await expect(
        ledger.connect(proposer).proposePenalty(offender.address, 0, beneficiary.address, "r"),
      ).to.be.revertedWithCustomError(ledger, "TorrentZeroAmount");
      await expect(
        ledger.connect(proposer).proposePenalty(offender.address, ONE, ZeroAddress, "r"),
      ).to.be.revertedWithCustomError(ledger, "TorrentZeroBeneficiary");

      // Wait until the notice has almost passed, then propose: the lock outlasts the notice.
      await time.increase(settings.unstakeDelay - 60);
      const proposalId = (await ballot.proposalCount()) + 1n;
      // Asks for more than the deposit: only the deposit can be taken.
      const amount = 3n * ONE;
      await expect(ledger.connect(proposer).proposePenalty(offender.address, amount, beneficiary.address, "did not serve"))
        .to.emit(ledger, "PenaltyProposed")
        .withArgs(proposalId, offender.address, beneficiary.address, amount, "did not serve");
      const proposal = await ballot.proposal(proposalId);
      expect(proposal.subject).to.equal(
        keccak256(
          ethers.AbiCoder.defaultAbiCoder().encode(
            ["string", "address", "uint256", "address", "bytes32"],
            ["SealedChain.torrent.penalty", offender.address, amount, beneficiary.address, id("did not serve")],
          ),
        ),
      );
      expect(await ledger.stakeLockedUntil(offender.address)).to.equal(proposal.executeBy);
      const p = await ledger.penalty(proposalId);
      expect([p.offender, p.beneficiary, p.amount, p.executed]).to.deep.equal([offender.address, beneficiary.address, amount, false]);

      await time.increase(120);
      await expect(ledger.connect(offender).withdrawStake())
        .to.be.revertedWithCustomError(ledger, "TorrentStakeLocked")
        .withArgs(offender.address, proposal.executeBy);

      for (const voter of members.slice(0, 4)) await ballot.connect(voter).castVote(proposalId, true);
      await expect(ballot.execute(proposalId))
        .to.emit(ledger, "PenaltyApplied")
        .withArgs(proposalId, offender.address, beneficiary.address, 2n * ONE);
      expect(await ledger.deposit(offender.address)).to.equal(0n);
      expect(await ledger.credit(beneficiary.address)).to.equal(2n * ONE);
      expect((await ledger.penalty(proposalId)).executed).to.equal(true);
      expect(await ethers.provider.getBalance(ledger)).to.equal(2n * ONE);

      const withdraw = ledger.connect(beneficiary).withdrawCredit();
      await expect(withdraw).to.emit(ledger, "CreditWithdrawn").withArgs(beneficiary.address, 2n * ONE);
      await expect(withdraw).to.changeEtherBalances(ethers, [beneficiary, ledger], [2n * ONE, -2n * ONE]);
      expect(await ledger.credit(beneficiary.address)).to.equal(0n);

      // Slashed to nothing: the request has nothing left to pay once the lock ends.
      await time.increaseTo(proposal.executeBy + 1n);
      await expect(ledger.connect(offender).withdrawStake())
        .to.be.revertedWithCustomError(ledger, "TorrentNothingToWithdraw")
        .withArgs(offender.address);
    });

    it("credits a contract beneficiary: a rejected payment reverts, reentry is refused", async function () {
      const { ledger, ballot, members } = await networkHelpers.loadFixture(torrentFixture);
      const payee = await ethers.deployContract("TorrentPayee", [await ledger.getAddress()]);
      const offender = members[1]!;
      await ledger.connect(offender).stake({ value: ONE });
      const proposalId = (await ballot.proposalCount()) + 1n;
      await ledger.connect(members[0]!).proposePenalty(offender.address, ONE / 2n, await payee.getAddress(), "r");
      await passProposal(ballot, proposalId, members.slice(0, 4));
      expect(await ledger.credit(await payee.getAddress())).to.equal(ONE / 2n);

      await payee.setRejectPayments(true);
      await expect(payee.withdrawCredit())
        .to.be.revertedWithCustomError(ledger, "TorrentTransferFailed")
        .withArgs(await payee.getAddress(), ONE / 2n);
      await payee.setRejectPayments(false);
      await payee.withdrawCredit();
      expect(await payee.reentrySucceeded()).to.equal(false);
      expect(await ethers.provider.getBalance(payee)).to.equal(ONE / 2n);
      expect(await ethers.provider.getBalance(ledger)).to.equal(ONE / 2n);
    });
  });
});
