import type { NetworkConnection } from "hardhat/types/network";

import type { Ballot, ConsortiumRegistry } from "../../../types/ethers-contracts/index.js";
import type { MemberProfileInput } from "../../helpers/consortium.js";

import { expect } from "chai";
import { AbiCoder, SigningKey, ZeroAddress, ZeroHash, hexlify, id, keccak256, randomBytes } from "ethers";
import { network } from "hardhat";

import { deployConsortium, makeProfile, roleId } from "../../helpers/consortium.js";

// IConsortiumRegistry.ActionKind
const ADMIT = 1n;
const REMOVE = 2n;
const GRANT_ROLE = 3n;
const REVOKE_ROLE = 4n;
// IConsortiumRegistry.DeviceStatus
const REGISTERED = 1n;
const APPROVED = 2n;
const REVOKED = 3n;
// IBallot.ProposalState
const SUCCEEDED = 2n;

const MEMBER = roleId("MEMBER");
const REGULATOR = roleId("REGULATOR");
const ARBITER = roleId("ARBITER");
const AUDITOR = roleId("AUDITOR");
const EXTRA_ROLES = (["SERVICER", "AUDITOR", "REGULATOR", "VALIDATOR", "MPC", "ARBITER"] as const).map(roleId);

const connection = await network.create();
const { ethers, networkHelpers } = connection;

/** Five founders; founder 0 is a regulator, founder 1 an arbiter and auditor. */
function deployFive(c: NetworkConnection) {
  return deployConsortium(c, { founders: 5, founderRoles: [["REGULATOR"], ["ARBITER", "AUDITOR"]] });
}

function deployOne(c: NetworkConnection) {
  return deployConsortium(c, { founders: 1 });
}

function deployTwo(c: NetworkConnection) {
  return deployConsortium(c, { founders: 2 });
}

const coder = AbiCoder.defaultAbiCoder();

function profileHash(profile: MemberProfileInput): string {
  return keccak256(
    coder.encode(
      ["tuple(string,bytes,string,string[],string)"],
      [[profile.name, profile.encryptionKey, profile.peerId, profile.multiaddrs, profile.infoServerUrl]],
    ),
  );
}

function subject(kind: bigint, account: string, role: string, hash: string): string {
  return keccak256(coder.encode(["uint8", "address", "bytes32", "bytes32"], [kind, account, role, hash]));
}

/** Casts `for` votes from `voters` and executes the last proposal. */
async function passLast(ballot: Ballot, voters: { address: string }[]) {
  const proposalId = await ballot.proposalCount();
  for (const voter of voters) {
    await ballot.connect(await ethers.getSigner(voter.address)).castVote(proposalId, true);
  }
  expect(await ballot.state(proposalId)).to.equal(SUCCEEDED);
  return { proposalId, tx: ballot.execute(proposalId) };
}

describe("ConsortiumRegistry", () => {
  describe("deployment", () => {
    it("admits the founders with their profiles and roles", async () => {
      const { registry, founders, founderProfiles, settings } = await networkHelpers.loadFixture(deployFive);
      expect([...(await registry.members())]).to.have.members(founders.map((f) => f.address));
      const m = await registry.member(founders[2]!.address);
      const expected = founderProfiles[2]!.profile;
      expect(m.active).to.equal(true);
      expect(m.joinedAt).to.be.greaterThan(0n);
      expect(m.profile.name).to.equal("Founder 2");
      expect(m.profile.encryptionKey).to.equal(expected.encryptionKey);
      expect(m.profile.peerId).to.equal(expected.peerId);
      expect([...m.profile.multiaddrs]).to.deep.equal(expected.multiaddrs);
      expect(m.profile.infoServerUrl).to.equal(expected.infoServerUrl);

      expect(await registry.hasRole(REGULATOR, founders[0]!.address)).to.equal(true);
      expect(await registry.hasRole(ARBITER, founders[1]!.address)).to.equal(true);
      expect(await registry.hasRole(AUDITOR, founders[1]!.address)).to.equal(true);
      expect(await registry.hasRole(REGULATOR, founders[1]!.address)).to.equal(false);
      expect(await registry.getRoleMemberCount(ethers.ZeroHash)).to.equal(0n); // no admin

      const s = await registry.governanceSettings();
      expect([s.quorumBps, s.votingDelay, s.votingPeriod, s.executionWindow]).to.deep.equal(
        [settings.quorumBps, settings.votingDelay, settings.votingPeriod, settings.executionWindow].map(BigInt),
      );
      const admitted = await registry.queryFilter(registry.filters.MemberAdmitted());
      expect(admitted.map((e) => [e.args.account, e.args.proposalId, e.args.name])).to.deep.equal(
        founders.map((f, i) => [f.address, 0n, `Founder ${i}`]),
      );
    });

    it("exposes the role ids, the ballot and ERC-165 support", async () => {
      const { registry, ballot } = await networkHelpers.loadFixture(deployFive);
      expect(await registry.MEMBER_ROLE()).to.equal(id("MEMBER"));
      expect(await registry.SERVICER_ROLE()).to.equal(id("SERVICER"));
      expect(await registry.AUDITOR_ROLE()).to.equal(id("AUDITOR"));
      expect(await registry.REGULATOR_ROLE()).to.equal(id("REGULATOR"));
      expect(await registry.VALIDATOR_ROLE()).to.equal(id("VALIDATOR"));
      expect(await registry.MPC_ROLE()).to.equal(id("MPC"));
      expect(await registry.ARBITER_ROLE()).to.equal(id("ARBITER"));
      expect(await registry.ballot()).to.equal(await ballot.getAddress());
      /** ERC-165 interface id: XOR of the function selectors. */
      const interfaceId = (...signatures: string[]) =>
        "0x" +
        signatures
          .map((signature) => Number.parseInt(id(signature).slice(2, 10), 16))
          .reduce((a, b) => (a ^ b) >>> 0, 0)
          .toString(16)
          .padStart(8, "0");
      expect(await registry.supportsInterface("0x01ffc9a7")).to.equal(true); // IERC165
      expect(await registry.supportsInterface(interfaceId("voterSnapshot(bytes32)", "isVoter(bytes32,address,uint256)"))).to.equal(true);
      expect(await registry.supportsInterface(interfaceId("onBallotExecuted(uint256)"))).to.equal(true);
      expect(await registry.supportsInterface("0x12345678")).to.equal(false);
    });

    it("numbers every grant in the voter directory", async () => {
      const { registry, founders } = await networkHelpers.loadFixture(deployFive);
      // founder 0: MEMBER(1), REGULATOR(2); founder 1: MEMBER(3), ARBITER(4), AUDITOR(5); then 6, 7, 8
      expect(await registry.grantSequence(MEMBER, founders[0]!.address)).to.equal(1n);
      expect(await registry.grantSequence(REGULATOR, founders[0]!.address)).to.equal(2n);
      expect(await registry.grantSequence(MEMBER, founders[4]!.address)).to.equal(8n);
      expect(await registry.voterSnapshot(MEMBER)).to.deep.equal([5n, 8n]);
      expect(await registry.voterSnapshot(ARBITER)).to.deep.equal([1n, 8n]);
      expect(await registry.isVoter(MEMBER, founders[4]!.address, 8n)).to.equal(true);
      expect(await registry.isVoter(MEMBER, founders[4]!.address, 7n)).to.equal(false);
      expect(await registry.isVoter(ARBITER, founders[0]!.address, 8n)).to.equal(false);
    });

    describe("reverts", () => {
      async function factoryAndArgs() {
        const { ballot, founders, settings } = await networkHelpers.loadFixture(deployFive);
        const factory = await ethers.getContractFactory("ConsortiumRegistry");
        const founder = (i: number, roles: string[] = []) => ({
          account: founders[i]!.address,
          profile: makeProfile(`F${i}`).profile,
          roles,
        });
        return { factory, ballot: await ballot.getAddress(), founder, settings };
      }

      it("on a zero ballot, no founders or a zero founder", async () => {
        const { factory, ballot, founder, settings } = await factoryAndArgs();
        await expect(factory.deploy(ZeroAddress, [founder(0)], settings)).to.be.revertedWithCustomError(
          factory,
          "ConsortiumZeroAddress",
        );
        await expect(factory.deploy(ballot, [], settings)).to.be.revertedWithCustomError(
          factory,
          "ConsortiumNoFounders",
        );
        await expect(
          factory.deploy(ballot, [{ ...founder(0), account: ZeroAddress }], settings),
        ).to.be.revertedWithCustomError(factory, "ConsortiumZeroAddress");
      });

      it("on a duplicate founder", async () => {
        const { factory, ballot, founder, settings } = await factoryAndArgs();
        const f = founder(0);
        await expect(factory.deploy(ballot, [f, founder(1), f], settings))
          .to.be.revertedWithCustomError(factory, "ConsortiumAlreadyMember")
          .withArgs(f.account);
      });

      it("on an empty name or a malformed encryption key", async () => {
        const { factory, ballot, founder, settings } = await factoryAndArgs();
        const f = founder(0);
        await expect(
          factory.deploy(ballot, [{ ...f, profile: { ...f.profile, name: "" } }], settings),
        ).to.be.revertedWithCustomError(factory, "ConsortiumEmptyName");
        const key = new SigningKey(hexlify(randomBytes(32)));
        const badKeys = [
          "0x",
          key.compressedPublicKey.slice(0, -2), // 32 bytes
          "0x04" + key.compressedPublicKey.slice(4), // 33 bytes, wrong prefix
          "0x02" + key.publicKey.slice(4), // 65 bytes, wrong prefix
        ];
        for (const encryptionKey of badKeys) {
          await expect(factory.deploy(ballot, [{ ...f, profile: { ...f.profile, encryptionKey } }], settings))
            .to.be.revertedWithCustomError(factory, "ConsortiumInvalidEncryptionKey")
            .withArgs(encryptionKey);
        }
        // both encodings are accepted
        await expect(factory.deploy(ballot, [{ ...f, profile: { ...f.profile, encryptionKey: key.publicKey } }], settings))
          .to.not.revert(ethers);
      });

      it("on an unknown or MEMBER extra role", async () => {
        const { factory, ballot, founder, settings } = await factoryAndArgs();
        for (const role of [id("NOPE"), MEMBER, ZeroHash]) {
          await expect(factory.deploy(ballot, [founder(0, [role])], settings))
            .to.be.revertedWithCustomError(factory, "ConsortiumUnknownRole")
            .withArgs(role);
        }
      });

      it("on invalid governance settings", async () => {
        const { factory, ballot, founder, settings } = await factoryAndArgs();
        for (const bad of [
          { quorumBps: 0 },
          { quorumBps: 10_001 },
          { votingPeriod: 0 },
          { executionWindow: 0 },
        ]) {
          await expect(factory.deploy(ballot, [founder(0)], { ...settings, ...bad })).to.be.revertedWithCustomError(
            factory,
            "ConsortiumInvalidGovernanceSettings",
          );
        }
      });
    });
  });

  describe("governed roles", () => {
    it("rejects direct grantRole, revokeRole and renounceRole, even from members", async () => {
      const { registry, founders, others } = await networkHelpers.loadFixture(deployFive);
      const f0 = registry.connect(founders[0]!);
      await expect(f0.grantRole(REGULATOR, others[0]!.address)).to.be.revertedWithCustomError(
        registry,
        "ConsortiumRolesAreGoverned",
      );
      await expect(f0.grantRole(MEMBER, others[0]!.address)).to.be.revertedWithCustomError(
        registry,
        "ConsortiumRolesAreGoverned",
      );
      await expect(f0.revokeRole(MEMBER, founders[1]!.address)).to.be.revertedWithCustomError(
        registry,
        "ConsortiumRolesAreGoverned",
      );
      await expect(f0.renounceRole(REGULATOR, founders[0]!.address)).to.be.revertedWithCustomError(
        registry,
        "ConsortiumRolesAreGoverned",
      );
      expect(await registry.hasRole(REGULATOR, founders[0]!.address)).to.equal(true);
    });

    it("accepts onBallotExecuted only from the ballot", async () => {
      const { registry, founders } = await networkHelpers.loadFixture(deployFive);
      await expect(registry.connect(founders[0]!).onBallotExecuted(1n))
        .to.be.revertedWithCustomError(registry, "ConsortiumOnlyBallot")
        .withArgs(founders[0]!.address);
    });

    it("rejects unknown and already executed actions even from the ballot", async () => {
      const { registry, ballot, founders } = await networkHelpers.loadFixture(deployFive);
      await registry.connect(founders[0]!).proposeRoleGrant(ARBITER, founders[2]!.address);
      const { proposalId, tx } = await passLast(ballot, founders.slice(0, 3));
      await tx;
      const ballotAddress = await ballot.getAddress();
      await networkHelpers.impersonateAccount(ballotAddress);
      await networkHelpers.setBalance(ballotAddress, 10n ** 18n);
      const asBallot = registry.connect(await ethers.getSigner(ballotAddress));
      await expect(asBallot.onBallotExecuted(proposalId))
        .to.be.revertedWithCustomError(registry, "ConsortiumActionAlreadyExecuted")
        .withArgs(proposalId);
      await expect(asBallot.onBallotExecuted(42n))
        .to.be.revertedWithCustomError(registry, "ConsortiumUnknownAction")
        .withArgs(42n);
    });
  });

  describe("admission", () => {
    it("admits a sixth member by vote", async () => {
      const { registry, ballot, founders, others } = await networkHelpers.loadFixture(deployFive);
      const newcomer = others[0]!;
      const { profile } = makeProfile("Newcomer GmbH");
      const hash = profileHash(profile);

      const proposing = registry.connect(founders[3]!).proposeMember(newcomer.address, profile);
      await expect(proposing)
        .to.emit(registry, "MembershipProposed")
        .withArgs(1n, ADMIT, newcomer.address, ZeroHash, founders[3]!.address);
      const p = await ballot.proposal(1n);
      expect(p.proposer).to.equal(await registry.getAddress());
      expect(p.subject).to.equal(subject(ADMIT, newcomer.address, ZeroHash, hash));
      expect(p.voterRole).to.equal(MEMBER);
      expect([p.eligibleVoters, p.quorumVotes]).to.deep.equal([5n, 3n]);

      const action = await registry.pendingAction(1n);
      expect([action.kind, action.account, action.role, action.proposer, action.executed]).to.deep.equal([
        ADMIT,
        newcomer.address,
        ZeroHash,
        founders[3]!.address,
        false,
      ]);
      expect(action.profile.name).to.equal("Newcomer GmbH");
      expect(action.profile.encryptionKey).to.equal(profile.encryptionKey);

      const { tx } = await passLast(ballot, founders.slice(0, 3));
      await expect(tx).to.emit(registry, "MemberAdmitted").withArgs(newcomer.address, 1n, "Newcomer GmbH");
      await expect(tx)
        .to.emit(registry, "RoleGranted")
        .withArgs(MEMBER, newcomer.address, await ballot.getAddress());
      await expect(tx)
        .to.emit(registry, "MembershipActionExecuted")
        .withArgs(1n, ADMIT, newcomer.address, ZeroHash);

      expect(await registry.isMember(newcomer.address)).to.equal(true);
      expect(await registry.members()).to.have.length(6);
      const m = await registry.member(newcomer.address);
      expect([m.active, m.profile.name, m.profile.peerId]).to.deep.equal([true, profile.name, profile.peerId]);
      expect((await registry.pendingAction(1n)).executed).to.equal(true);
      expect(await registry.voterSnapshot(MEMBER)).to.deep.equal([6n, 9n]);
    });

    it("does not let a late-admitted member vote on an earlier proposal", async () => {
      const { registry, ballot, founders, others } = await networkHelpers.loadFixture(deployFive);
      const newcomer = others[0]!;
      await registry.connect(founders[0]!).proposeRoleGrant(ARBITER, founders[4]!.address); // id 1
      await registry.connect(founders[0]!).proposeMember(newcomer.address, makeProfile("Late").profile); // id 2
      for (const f of founders.slice(0, 3)) await ballot.connect(f).castVote(2n, true);
      await ballot.execute(2n);

      await expect(ballot.connect(newcomer).castVote(1n, true))
        .to.be.revertedWithCustomError(ballot, "BallotNotEligible")
        .withArgs(1n, newcomer.address);
      // a proposal opened after the admission counts the newcomer: 6 voters, quorum 3
      await registry.connect(newcomer).proposeRoleGrant(AUDITOR, newcomer.address); // id 3
      expect((await ballot.proposal(3n)).eligibleVoters).to.equal(6n);
      await expect(ballot.connect(newcomer).castVote(3n, true)).to.emit(ballot, "VoteCast");
    });

    it("re-validates at execution: the second admission of the same account fails", async () => {
      const { registry, ballot, founders, others } = await networkHelpers.loadFixture(deployFive);
      const newcomer = others[0]!;
      await registry.connect(founders[0]!).proposeMember(newcomer.address, makeProfile("A").profile);
      await registry.connect(founders[1]!).proposeMember(newcomer.address, makeProfile("B").profile);
      for (const id of [1n, 2n]) {
        for (const f of founders.slice(0, 3)) await ballot.connect(f).castVote(id, true);
      }
      await ballot.execute(1n);
      await expect(ballot.execute(2n))
        .to.be.revertedWithCustomError(registry, "ConsortiumAlreadyMember")
        .withArgs(newcomer.address);
      expect(await ballot.state(2n)).to.equal(SUCCEEDED);
      expect((await registry.member(newcomer.address)).profile.name).to.equal("A");
    });

    it("rejects proposals from non-members and invalid admissions", async () => {
      const { registry, founders, others } = await networkHelpers.loadFixture(deployFive);
      const { profile } = makeProfile("X");
      await expect(registry.connect(others[0]!).proposeMember(others[1]!.address, profile))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(others[0]!.address);
      const f0 = registry.connect(founders[0]!);
      await expect(f0.proposeMember(founders[1]!.address, profile))
        .to.be.revertedWithCustomError(registry, "ConsortiumAlreadyMember")
        .withArgs(founders[1]!.address);
      await expect(f0.proposeMember(ZeroAddress, profile)).to.be.revertedWithCustomError(
        registry,
        "ConsortiumZeroAddress",
      );
      await expect(f0.proposeMember(others[1]!.address, { ...profile, name: "" })).to.be.revertedWithCustomError(
        registry,
        "ConsortiumEmptyName",
      );
      await expect(f0.proposeMember(others[1]!.address, { ...profile, encryptionKey: "0x02abcd" }))
        .to.be.revertedWithCustomError(registry, "ConsortiumInvalidEncryptionKey")
        .withArgs("0x02abcd");
    });
  });

  describe("removal", () => {
    it("removes a member and all its roles by vote", async () => {
      const { registry, ballot, founders } = await networkHelpers.loadFixture(deployFive);
      const leaving = founders[1]!; // ARBITER + AUDITOR
      await registry.connect(founders[0]!).proposeRoleGrant(REGULATOR, founders[2]!.address); // id 1, still open
      await expect(registry.connect(founders[0]!).proposeRemoval(leaving.address))
        .to.emit(registry, "MembershipProposed")
        .withArgs(2n, REMOVE, leaving.address, ZeroHash, founders[0]!.address);
      expect((await ballot.proposal(2n)).subject).to.equal(subject(REMOVE, leaving.address, ZeroHash, ZeroHash));

      for (const f of [founders[0]!, founders[2]!, founders[3]!]) await ballot.connect(f).castVote(2n, true);
      const tx = ballot.execute(2n);
      await expect(tx).to.emit(registry, "MemberRemoved").withArgs(leaving.address, 2n);
      await expect(tx).to.emit(registry, "RoleRevoked").withArgs(ARBITER, leaving.address, await ballot.getAddress());
      await expect(tx).to.emit(registry, "RoleRevoked").withArgs(AUDITOR, leaving.address, await ballot.getAddress());
      await expect(tx).to.emit(registry, "RoleRevoked").withArgs(MEMBER, leaving.address, await ballot.getAddress());

      for (const role of [MEMBER, ...EXTRA_ROLES]) {
        expect(await registry.hasRole(role, leaving.address)).to.equal(false);
        expect(await registry.grantSequence(role, leaving.address)).to.equal(0n);
      }
      expect(await registry.members()).to.not.include(leaving.address);
      expect(await registry.members()).to.have.length(4);
      const m = await registry.member(leaving.address);
      expect([m.active, m.profile.name]).to.deep.equal([false, "Founder 1"]);
      // cannot propose any more, nor vote on the proposal opened while it was a member
      await expect(registry.connect(leaving).proposeRemoval(founders[0]!.address))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(leaving.address);
      await expect(ballot.connect(leaving).castVote(1n, true))
        .to.be.revertedWithCustomError(ballot, "BallotNotEligible")
        .withArgs(1n, leaving.address);
    });

    it("rejects removing a non-member or the last member", async () => {
      const five = await networkHelpers.loadFixture(deployFive);
      await expect(five.registry.connect(five.founders[0]!).proposeRemoval(five.others[0]!.address))
        .to.be.revertedWithCustomError(five.registry, "ConsortiumNotMember")
        .withArgs(five.others[0]!.address);
      const one = await networkHelpers.loadFixture(deployOne);
      await expect(one.registry.connect(one.founders[0]!).proposeRemoval(one.founders[0]!.address))
        .to.be.revertedWithCustomError(one.registry, "ConsortiumLastMember")
        .withArgs(one.founders[0]!.address);
    });

    it("re-validates at execution: never removes the last member", async () => {
      const { registry, ballot, founders } = await networkHelpers.loadFixture(deployTwo);
      const [a, b] = [founders[0]!, founders[1]!];
      await registry.connect(a).proposeRemoval(b.address); // 1
      await registry.connect(b).proposeRemoval(a.address); // 2
      for (const id of [1n, 2n]) {
        await ballot.connect(a).castVote(id, true);
        await ballot.connect(b).castVote(id, true);
      }
      await ballot.execute(1n);
      await expect(ballot.execute(2n))
        .to.be.revertedWithCustomError(registry, "ConsortiumLastMember")
        .withArgs(a.address);
      expect([...(await registry.members())]).to.deep.equal([a.address]);
    });

    it("lets a removed member be re-admitted with a fresh grant sequence", async () => {
      const { registry, ballot, founders } = await networkHelpers.loadFixture(deployFive);
      const back = founders[4]!;
      await registry.connect(founders[0]!).proposeRemoval(back.address);
      await (await passLast(ballot, founders.slice(0, 3))).tx;
      await registry.connect(founders[0]!).proposeMember(back.address, makeProfile("Back").profile);
      await (await passLast(ballot, founders.slice(0, 3))).tx;
      expect(await registry.isMember(back.address)).to.equal(true);
      expect(await registry.grantSequence(MEMBER, back.address)).to.equal(9n);
      expect((await registry.member(back.address)).profile.name).to.equal("Back");
    });
  });

  describe("role grant and revoke", () => {
    it("grants a role to a member by vote", async () => {
      const { registry, ballot, founders } = await networkHelpers.loadFixture(deployFive);
      const target = founders[3]!;
      await expect(registry.connect(founders[0]!).proposeRoleGrant(ARBITER, target.address))
        .to.emit(registry, "MembershipProposed")
        .withArgs(1n, GRANT_ROLE, target.address, ARBITER, founders[0]!.address);
      expect((await ballot.proposal(1n)).subject).to.equal(subject(GRANT_ROLE, target.address, ARBITER, ZeroHash));
      const { tx } = await passLast(ballot, founders.slice(0, 3));
      await expect(tx).to.emit(registry, "RoleGranted").withArgs(ARBITER, target.address, await ballot.getAddress());
      await expect(tx).to.emit(registry, "MembershipActionExecuted").withArgs(1n, GRANT_ROLE, target.address, ARBITER);
      expect(await registry.hasRole(ARBITER, target.address)).to.equal(true);
      expect(await registry.grantSequence(ARBITER, target.address)).to.equal(9n);
      expect(await registry.voterSnapshot(ARBITER)).to.deep.equal([2n, 9n]);
    });

    it("revokes a role by vote", async () => {
      const { registry, ballot, founders } = await networkHelpers.loadFixture(deployFive);
      await expect(registry.connect(founders[2]!).proposeRoleRevoke(REGULATOR, founders[0]!.address))
        .to.emit(registry, "MembershipProposed")
        .withArgs(1n, REVOKE_ROLE, founders[0]!.address, REGULATOR, founders[2]!.address);
      const { tx } = await passLast(ballot, founders.slice(1, 4));
      await expect(tx)
        .to.emit(registry, "RoleRevoked")
        .withArgs(REGULATOR, founders[0]!.address, await ballot.getAddress());
      expect(await registry.hasRole(REGULATOR, founders[0]!.address)).to.equal(false);
      expect(await registry.grantSequence(REGULATOR, founders[0]!.address)).to.equal(0n);
      expect(await registry.isMember(founders[0]!.address)).to.equal(true);
    });

    it("rejects unknown roles, non-members, and grants or revokes that change nothing", async () => {
      const { registry, founders, others } = await networkHelpers.loadFixture(deployFive);
      const f0 = registry.connect(founders[0]!);
      for (const role of [id("NOPE"), MEMBER]) {
        await expect(f0.proposeRoleGrant(role, founders[1]!.address))
          .to.be.revertedWithCustomError(registry, "ConsortiumUnknownRole")
          .withArgs(role);
        await expect(f0.proposeRoleRevoke(role, founders[1]!.address))
          .to.be.revertedWithCustomError(registry, "ConsortiumUnknownRole")
          .withArgs(role);
      }
      await expect(f0.proposeRoleGrant(ARBITER, others[0]!.address))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(others[0]!.address);
      await expect(f0.proposeRoleGrant(ARBITER, founders[1]!.address))
        .to.be.revertedWithCustomError(registry, "ConsortiumRoleAlreadyGranted")
        .withArgs(ARBITER, founders[1]!.address);
      await expect(f0.proposeRoleRevoke(ARBITER, founders[2]!.address))
        .to.be.revertedWithCustomError(registry, "ConsortiumRoleNotGranted")
        .withArgs(ARBITER, founders[2]!.address);
      await expect(registry.connect(others[0]!).proposeRoleGrant(ARBITER, founders[2]!.address))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(others[0]!.address);
      await expect(registry.connect(others[0]!).proposeRoleRevoke(ARBITER, founders[1]!.address))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(others[0]!.address);
    });

    it("re-validates at execution: a grant to a member removed meanwhile fails", async () => {
      const { registry, ballot, founders } = await networkHelpers.loadFixture(deployFive);
      const target = founders[4]!;
      await registry.connect(founders[0]!).proposeRoleGrant(ARBITER, target.address); // 1
      await registry.connect(founders[0]!).proposeRemoval(target.address); // 2
      for (const id of [1n, 2n]) {
        for (const f of founders.slice(0, 3)) await ballot.connect(f).castVote(id, true);
      }
      await ballot.execute(2n);
      await expect(ballot.execute(1n))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(target.address);
    });
  });

  describe("self-service", () => {
    it("rotates the encryption key", async () => {
      const { registry, founders, founderProfiles } = await networkHelpers.loadFixture(deployFive);
      const oldKey = founderProfiles[0]!.profile.encryptionKey;
      const newKey = new SigningKey(hexlify(randomBytes(32))).publicKey; // 65-byte form
      await expect(registry.connect(founders[0]!).rotateEncryptionKey(newKey))
        .to.emit(registry, "EncryptionKeyRotated")
        .withArgs(founders[0]!.address, keccak256(oldKey), newKey);
      expect((await registry.member(founders[0]!.address)).profile.encryptionKey).to.equal(newKey);
    });

    it("rejects a malformed key and non-members", async () => {
      const { registry, founders, others } = await networkHelpers.loadFixture(deployFive);
      const tooShort = "0x03" + "11".repeat(31);
      await expect(registry.connect(founders[0]!).rotateEncryptionKey(tooShort))
        .to.be.revertedWithCustomError(registry, "ConsortiumInvalidEncryptionKey")
        .withArgs(tooShort);
      const valid = makeProfile("x").profile.encryptionKey;
      await expect(registry.connect(others[0]!).rotateEncryptionKey(valid))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(others[0]!.address);
      await expect(registry.connect(others[0]!).updateEndpoints("p", []))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(others[0]!.address);
      await expect(registry.connect(others[0]!).updateInfoServer("http://x"))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(others[0]!.address);
    });

    it("updates the endpoints and the information server", async () => {
      const { registry, founders } = await networkHelpers.loadFixture(deployFive);
      const f1 = registry.connect(founders[1]!);
      const addrs = ["/ip4/127.0.0.1/tcp/4001", "/ip4/127.0.0.1/udp/4001/quic-v1"];
      await expect(f1.updateEndpoints("12D3KooWNew", addrs))
        .to.emit(registry, "EndpointsUpdated")
        .withArgs(founders[1]!.address, "12D3KooWNew", addrs);
      await expect(f1.updateInfoServer("https://info.example/api"))
        .to.emit(registry, "InfoServerUpdated")
        .withArgs(founders[1]!.address, "https://info.example/api");
      let m = await registry.member(founders[1]!.address);
      expect([m.profile.peerId, [...m.profile.multiaddrs], m.profile.infoServerUrl]).to.deep.equal([
        "12D3KooWNew",
        addrs,
        "https://info.example/api",
      ]);
      await f1.updateInfoServer("");
      await f1.updateEndpoints("12D3KooWOther", []);
      m = await registry.member(founders[1]!.address);
      expect([m.profile.peerId, [...m.profile.multiaddrs], m.profile.infoServerUrl]).to.deep.equal([
        "12D3KooWOther",
        [],
        "",
      ]);
      expect(m.profile.name).to.equal("Founder 1");
    });
  });

  describe("devices", () => {
    async function withDevice() {
      const c = await networkHelpers.loadFixture(deployFive);
      const deviceAddress = ethers.Wallet.createRandom().address;
      const owner = c.founders[2]!;
      const regulator = c.founders[0]!;
      const metadataHash = id("sensor-42 v1");
      return { ...c, deviceAddress, owner, regulator, metadataHash };
    }

    it("registers, approves and revokes a device", async () => {
      const { registry, deviceAddress, owner, regulator, metadataHash } = await withDevice();
      expect((await registry.device(deviceAddress)).status).to.equal(0n);
      await expect(registry.connect(owner).registerDevice(deviceAddress, metadataHash))
        .to.emit(registry, "DeviceRegistered")
        .withArgs(deviceAddress, owner.address, metadataHash);
      let d = await registry.device(deviceAddress);
      expect([d.owner, d.metadataHash, d.status]).to.deep.equal([owner.address, metadataHash, REGISTERED]);
      expect(await registry.isDeviceApproved(deviceAddress)).to.equal(false);

      await expect(registry.connect(regulator).approveDevice(deviceAddress))
        .to.emit(registry, "DeviceApproved")
        .withArgs(deviceAddress, regulator.address);
      expect(await registry.isDeviceApproved(deviceAddress)).to.equal(true);

      await expect(registry.connect(owner).revokeDevice(deviceAddress))
        .to.emit(registry, "DeviceRevoked")
        .withArgs(deviceAddress, owner.address);
      d = await registry.device(deviceAddress);
      expect(d.status).to.equal(REVOKED);
      expect(await registry.isDeviceApproved(deviceAddress)).to.equal(false);
    });

    it("lets a regulator revoke another member's device", async () => {
      const { registry, deviceAddress, owner, regulator, metadataHash } = await withDevice();
      await registry.connect(owner).registerDevice(deviceAddress, metadataHash);
      await expect(registry.connect(regulator).revokeDevice(deviceAddress))
        .to.emit(registry, "DeviceRevoked")
        .withArgs(deviceAddress, regulator.address);
    });

    it("rejects invalid registrations", async () => {
      const { registry, founders, others, deviceAddress, owner, metadataHash } = await withDevice();
      await expect(registry.connect(others[0]!).registerDevice(deviceAddress, metadataHash))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotMember")
        .withArgs(others[0]!.address);
      await expect(registry.connect(owner).registerDevice(ZeroAddress, metadataHash)).to.be.revertedWithCustomError(
        registry,
        "ConsortiumZeroAddress",
      );
      await registry.connect(owner).registerDevice(deviceAddress, metadataHash);
      await expect(registry.connect(founders[3]!).registerDevice(deviceAddress, metadataHash))
        .to.be.revertedWithCustomError(registry, "ConsortiumDeviceAlreadyRegistered")
        .withArgs(deviceAddress);
      await registry.connect(owner).revokeDevice(deviceAddress);
      await expect(registry.connect(owner).registerDevice(deviceAddress, metadataHash))
        .to.be.revertedWithCustomError(registry, "ConsortiumDeviceAlreadyRegistered")
        .withArgs(deviceAddress);
    });

    it("rejects invalid approvals", async () => {
      const { registry, deviceAddress, owner, regulator, metadataHash } = await withDevice();
      await expect(registry.connect(regulator).approveDevice(deviceAddress))
        .to.be.revertedWithCustomError(registry, "ConsortiumUnknownDevice")
        .withArgs(deviceAddress);
      await registry.connect(owner).registerDevice(deviceAddress, metadataHash);
      await expect(registry.connect(owner).approveDevice(deviceAddress))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotRegulator")
        .withArgs(owner.address);
      await registry.connect(regulator).approveDevice(deviceAddress);
      await expect(registry.connect(regulator).approveDevice(deviceAddress))
        .to.be.revertedWithCustomError(registry, "ConsortiumUnexpectedDeviceStatus")
        .withArgs(deviceAddress, APPROVED, REGISTERED);
    });

    it("rejects invalid revocations", async () => {
      const { registry, founders, deviceAddress, owner, regulator, metadataHash } = await withDevice();
      await expect(registry.connect(owner).revokeDevice(deviceAddress))
        .to.be.revertedWithCustomError(registry, "ConsortiumUnknownDevice")
        .withArgs(deviceAddress);
      await registry.connect(owner).registerDevice(deviceAddress, metadataHash);
      await expect(registry.connect(founders[3]!).revokeDevice(deviceAddress))
        .to.be.revertedWithCustomError(registry, "ConsortiumNotDeviceOwner")
        .withArgs(deviceAddress, founders[3]!.address);
      await registry.connect(regulator).revokeDevice(deviceAddress);
      await expect(registry.connect(owner).revokeDevice(deviceAddress))
        .to.be.revertedWithCustomError(registry, "ConsortiumUnexpectedDeviceStatus")
        .withArgs(deviceAddress, REVOKED, APPROVED);
    });

    it("stops counting a device once its owner is removed", async () => {
      const { registry, ballot, founders, deviceAddress, owner, regulator, metadataHash } = await withDevice();
      await registry.connect(owner).registerDevice(deviceAddress, metadataHash);
      await registry.connect(regulator).approveDevice(deviceAddress);
      await registry.connect(founders[0]!).proposeRemoval(owner.address);
      await (await passLast(ballot, [founders[0]!, founders[1]!, founders[3]!])).tx;
      expect((await registry.device(deviceAddress)).status).to.equal(APPROVED);
      expect(await registry.isDeviceApproved(deviceAddress)).to.equal(false);
    });
  });

  describe("deployConsortium fixture", () => {
    it("deploys through Ignition with the requested settings", async () => {
      const c = await deployConsortium(connection, { founders: 3, quorumBps: 10_000, votingDelay: 60 });
      expect(await c.registry.members()).to.have.length(3);
      expect(c.founders).to.have.length(3);
      expect(c.others.map((o) => o.address)).to.not.include(c.founders[0]!.address);
      const s = await c.registry.governanceSettings();
      expect([s.quorumBps, s.votingDelay]).to.deep.equal([10_000n, 60n]);
      expect(await c.registry.ballot()).to.equal(await c.ballot.getAddress());
      const typed: ConsortiumRegistry = c.registry;
      expect(await typed.isMember(c.founders[2]!.address)).to.equal(true);
    });
  });
});
