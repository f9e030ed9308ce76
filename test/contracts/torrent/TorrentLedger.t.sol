// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {ITorrentLedger} from "../../../contracts/interfaces/ITorrentLedger.sol";
import {TorrentLedger} from "../../../contracts/torrent/TorrentLedger.sol";
import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

/// @dev Six members (ascending addresses, MEMBERS[0] is the file owner, MEMBERS[5] an
/// AUDITOR) on the real Ballot and ConsortiumRegistry, and a TorrentLedger on top.
contract TorrentLedgerTest is ConsortiumSetup {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant N = 6;
    bytes32 internal constant FILE = keccak256("file");
    address internal constant OUTSIDER = address(0xBAD);

    Ballot internal ballot;
    ConsortiumRegistry internal registry;
    TorrentLedger internal ledger;
    address[N] internal members;
    address internal owner;
    address internal auditor;

    function setUp() public {
        vm.warp(START);
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](N);
        for (uint256 i = 0; i < N; ++i) {
            members[i] = address(uint160(0x1000 + i));
            founders[i] = _founderEntry(members[i], i == N - 1 ? keccak256("AUDITOR") : bytes32(0));
        }
        owner = members[0];
        auditor = members[N - 1];
        (ballot, registry) = _deployConsortium(founders, 1 hours);
        ledger = new TorrentLedger(
            registry,
            ballot,
            ITorrentLedger.TorrentSettings({
                quorumBps: 5_000,
                votingPeriod: 1 hours,
                executionWindow: 1 days,
                releasePeriod: 1 hours,
                unstakeDelay: 7 days
            })
        );
    }

    // ------------------------------------------------------------ placement

    /// Any order of the placement list other than ascending is refused; ascending is accepted.
    function testFuzz_placementMustBeSorted(uint256 seed) public {
        address[] memory placement = _placement();
        // Fisher-Yates with the fuzzed seed.
        for (uint256 i = placement.length - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % (i + 1);
            (placement[i], placement[j]) = (placement[j], placement[i]);
        }
        bool sorted = true;
        for (uint256 i = 1; i < placement.length; ++i) {
            if (placement[i - 1] >= placement[i]) sorted = false;
        }
        if (!sorted) vm.expectRevert(ITorrentLedger.TorrentInvalidPlacementMembers.selector);
        _announce(FILE, placement);
        if (sorted) assertEq(uint8(ledger.file(FILE).status), uint8(ITorrentLedger.FileStatus.Announced));
    }

    /// Replacing any entry (by the owner, an outsider, a duplicate or anything else), dropping
    /// one or appending one is refused, even when the list stays ascending.
    function testFuzz_placementMustBeCompleteAndExact(uint256 position, address replacement, uint8 mode) public {
        address[] memory sorted = _placement();
        position = bound(position, 0, sorted.length - 1);
        address[] memory placement;
        mode = uint8(bound(mode, 0, 2));
        if (mode == 0) {
            vm.assume(replacement != sorted[position]);
            placement = sorted;
            placement[position] = replacement;
        } else if (mode == 1) {
            placement = new address[](sorted.length - 1);
            for (uint256 i = 0; i < placement.length; ++i) placement[i] = sorted[i < position ? i : i + 1];
        } else {
            placement = new address[](sorted.length + 1);
            for (uint256 i = 0; i < sorted.length; ++i) placement[i] = sorted[i];
            placement[sorted.length] = replacement;
        }
        vm.expectRevert(ITorrentLedger.TorrentInvalidPlacementMembers.selector);
        _announce(FILE, placement);
    }

    // ------------------------------------------------------------ holders / threshold

    /// registerFile accepts exactly 1 <= threshold <= holders.length, holders.length >= 1.
    function testFuzz_thresholdBounds(uint256 holderCount, uint16 threshold) public {
        holderCount = bound(holderCount, 0, N - 1);
        _announceAndAcknowledge(FILE);
        ITorrentLedger.Registration memory r = _registration(holderCount, keccak256("root"));
        r.threshold = threshold;
        bool ok = holderCount >= 1 && threshold >= 1 && threshold <= holderCount;
        if (!ok) {
            vm.expectRevert(abi.encodeWithSelector(ITorrentLedger.TorrentInvalidThreshold.selector, threshold, holderCount));
        }
        vm.prank(owner);
        ledger.registerFile(FILE, r);
        if (ok) assertEq(ledger.file(FILE).shareCount, holderCount);
    }

    function test_registerFile_refusesMoreThan255Holders() public {
        _announceAndAcknowledge(FILE);
        ITorrentLedger.Registration memory r = _registration(0, keccak256("root"));
        r.holders = new address[](256);
        r.shareCids = new string[](256);
        r.threshold = 1;
        vm.expectRevert(abi.encodeWithSelector(ITorrentLedger.TorrentInvalidThreshold.selector, uint16(1), uint256(256)));
        vm.prank(owner);
        ledger.registerFile(FILE, r);
    }

    /// A holder that repeats another, is the owner or is not a member is refused.
    function testFuzz_holdersMustBeDistinctMembersOtherThanOwner(uint256 position, address replacement) public {
        _announceAndAcknowledge(FILE);
        ITorrentLedger.Registration memory r = _registration(N - 1, keccak256("root"));
        position = bound(position, 0, N - 2);
        vm.assume(replacement != r.holders[position]);
        r.holders[position] = replacement;
        // Every other member but the owner is already listed, so any replacement is wrong.
        vm.expectRevert(abi.encodeWithSelector(ITorrentLedger.TorrentInvalidHolder.selector, replacement));
        vm.prank(owner);
        ledger.registerFile(FILE, r);
    }

    // ------------------------------------------------------------ Merkle proofs

    /// Every leaf of a hand-built standard tree (2..4 leaves) verifies; altering the file id,
    /// index, holder or share hash makes it fail.
    function testFuzz_shareProofs(uint256 leafCount, bytes32 salt, uint8 field, bytes32 noise) public {
        leafCount = bound(leafCount, 2, 4);
        vm.assume(noise != bytes32(0));
        bytes32[] memory shareHashes = new bytes32[](leafCount);
        bytes32[] memory leaves = new bytes32[](leafCount);
        ITorrentLedger.Registration memory r = _registration(leafCount, bytes32(0));
        for (uint256 i = 0; i < leafCount; ++i) {
            shareHashes[i] = keccak256(abi.encode(salt, i));
            leaves[i] = _leaf(FILE, i + 1, r.holders[i], shareHashes[i]);
        }
        (bytes32 root, bytes32[][] memory proofs) = _tree(leaves);
        r.shareRoot = root;
        _announceAndAcknowledge(FILE);
        vm.prank(owner);
        ledger.registerFile(FILE, r);

        for (uint256 i = 0; i < leafCount; ++i) {
            uint16 index = uint16(i + 1);
            assertTrue(ledger.verifyShare(FILE, index, r.holders[i], shareHashes[i], proofs[i]));
            field = uint8(bound(field, 0, 3));
            bytes32 fileId = field == 0 ? FILE ^ noise : FILE;
            uint16 badIndex = field == 1 ? uint16(uint256(noise)) : index;
            address holder = field == 2 ? address(uint160(r.holders[i]) ^ uint160(uint256(noise))) : r.holders[i];
            bytes32 shareHash = field == 3 ? shareHashes[i] ^ noise : shareHashes[i];
            if (field == 1) vm.assume(badIndex != index);
            if (field == 2) vm.assume(holder != r.holders[i]);
            assertFalse(ledger.verifyShare(fileId, badIndex, holder, shareHash, proofs[i]));
        }
    }

    function test_verifyShare_falseForUnregisteredFile() public {
        assertFalse(ledger.verifyShare(FILE, 1, members[1], bytes32(0), new bytes32[](0)));
        _announceAndAcknowledge(FILE);
        assertFalse(ledger.verifyShare(FILE, 1, members[1], bytes32(0), new bytes32[](0)));
    }

    // ------------------------------------------------------------ deposits and penalties

    /// Slashing never takes more than the deposit, and deposits + credits always equal the
    /// ledger's balance, whatever was staked, withdrawn and proposed.
    function testFuzz_penaltyConservesBalance(uint96 staked, uint96 withdrawn, uint96 amount, bool withdrawFirst) public {
        vm.assume(staked > 0 && amount > 0);
        address offender = members[1];
        address beneficiary = members[2];
        vm.deal(offender, staked);
        vm.prank(offender);
        ledger.stake{value: staked}();

        uint256 w = bound(withdrawn, 0, staked);
        if (withdrawFirst && w > 0) {
            vm.prank(offender);
            ledger.requestUnstake(w);
            vm.warp(block.timestamp + 7 days);
            vm.prank(offender);
            ledger.withdrawStake();
        }
        uint256 before = ledger.deposit(offender);

        vm.prank(members[3]);
        uint256 proposalId = ledger.proposePenalty(offender, amount, beneficiary, "did not serve");
        _approve(proposalId);

        uint256 slashed = ledger.credit(beneficiary);
        assertLe(slashed, before);
        assertEq(slashed, amount < before ? amount : before);
        assertEq(ledger.deposit(offender) + slashed, before);
        assertEq(address(ledger).balance, ledger.deposit(offender) + ledger.credit(beneficiary));

        if (slashed > 0) {
            vm.prank(beneficiary);
            ledger.withdrawCredit();
            assertEq(beneficiary.balance, slashed);
        }
        assertEq(address(ledger).balance, ledger.deposit(offender));
    }

    /// The deposit stays locked while a penalty proposal can still be executed, even when
    /// the unstake notice has passed.
    function testFuzz_stakeLockedUntilPenaltyCannotExecute(uint64 wait) public {
        address offender = members[1];
        vm.deal(offender, 1 ether);
        vm.startPrank(offender);
        ledger.stake{value: 1 ether}();
        ledger.requestUnstake(1 ether);
        vm.stopPrank();
        uint64 availableAt = uint64(START + 7 days);
        // Proposed an hour before the notice ends: the lock outlasts it.
        vm.warp(availableAt - 1 hours);
        vm.prank(members[2]);
        uint256 proposalId = ledger.proposePenalty(offender, 1 ether, members[2], "");
        uint64 executeBy = ballot.proposal(proposalId).executeBy;
        assertEq(ledger.stakeLockedUntil(offender), executeBy);
        assertGt(executeBy, availableAt);

        vm.warp(availableAt - 1 hours + bound(wait, 0, 3 days));
        vm.prank(offender);
        if (block.timestamp < availableAt) {
            vm.expectRevert(abi.encodeWithSelector(ITorrentLedger.TorrentUnstakeNotDue.selector, offender, availableAt));
            ledger.withdrawStake();
        } else if (block.timestamp <= executeBy) {
            vm.expectRevert(abi.encodeWithSelector(ITorrentLedger.TorrentStakeLocked.selector, offender, executeBy));
            ledger.withdrawStake();
        } else {
            ledger.withdrawStake();
            assertEq(offender.balance, 1 ether);
        }
    }

    // ------------------------------------------------------------ helpers

    function _placement() internal view returns (address[] memory placement) {
        placement = new address[](N - 1);
        for (uint256 i = 1; i < N; ++i) placement[i - 1] = members[i];
    }

    function _announce(bytes32 fileId, address[] memory placement) internal {
        address[] memory owners = new address[](2);
        owners[0] = members[1];
        owners[1] = members[2];
        string[] memory cids = new string[](2);
        cids[0] = "bafkassign1";
        cids[1] = "bafkassign2";
        vm.prank(owner);
        ledger.announceFile(fileId, 10, placement, owners, cids);
    }

    function _announceAndAcknowledge(bytes32 fileId) internal {
        _announce(fileId, _placement());
        vm.prank(members[1]);
        ledger.acknowledgeChunks(fileId, 5, "bafkreceipts1");
        vm.prank(members[2]);
        ledger.acknowledgeChunks(fileId, 5, "bafkreceipts2");
    }

    /// @dev A valid registration with the first `holderCount` non-owner members as holders.
    function _registration(
        uint256 holderCount,
        bytes32 root
    ) internal view returns (ITorrentLedger.Registration memory r) {
        r.fileHash = keccak256("file bytes");
        r.masterTableHash = keccak256("master table");
        r.masterTableCid = "bafkmaster";
        r.keyCommitment = keccak256("key");
        r.shareRoot = root;
        r.threshold = uint16(holderCount == 0 ? 1 : holderCount);
        r.holders = new address[](holderCount);
        r.shareCids = new string[](holderCount);
        for (uint256 i = 0; i < holderCount; ++i) {
            r.holders[i] = members[i + 1];
            r.shareCids[i] = "bafkshare";
        }
    }

    /// @dev StandardMerkleTree leaf for (bytes32, uint256, address, bytes32).
    function _leaf(bytes32 fileId, uint256 index, address holder, bytes32 shareHash) internal pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(fileId, index, holder, shareHash))));
    }

    /// @dev Commutative pair hash, as OpenZeppelin MerkleProof processes proofs.
    function _node(bytes32 a, bytes32 b) internal pure returns (bytes32) {
        return a < b ? keccak256(abi.encode(a, b)) : keccak256(abi.encode(b, a));
    }

    /// @dev Root and proofs of a tree over 2..4 leaves: ((0,1),(2,3)) or ((0,1),2).
    function _tree(bytes32[] memory leaves) internal pure returns (bytes32 root, bytes32[][] memory proofs) {
        uint256 n = leaves.length;
        proofs = new bytes32[][](n);
        bytes32 left = _node(leaves[0], leaves[1]);
        if (n == 2) {
            root = left;
            proofs[0] = _one(leaves[1]);
            proofs[1] = _one(leaves[0]);
            return (root, proofs);
        }
        bytes32 right = n == 3 ? leaves[2] : _node(leaves[2], leaves[3]);
        root = _node(left, right);
        proofs[0] = _two(leaves[1], right);
        proofs[1] = _two(leaves[0], right);
        if (n == 3) {
            proofs[2] = _one(left);
        } else {
            proofs[2] = _two(leaves[3], left);
            proofs[3] = _two(leaves[2], left);
        }
    }

    function _one(bytes32 a) private pure returns (bytes32[] memory p) {
        p = new bytes32[](1);
        p[0] = a;
    }

    function _two(bytes32 a, bytes32 b) private pure returns (bytes32[] memory p) {
        p = new bytes32[](2);
        p[0] = a;
        p[1] = b;
    }

    /// @dev Four of the six members vote for `proposalId` (a majority: it succeeds at
    /// once and takes no more votes), which then executes.
    function _approve(uint256 proposalId) internal {
        for (uint256 i = 0; i < 4; ++i) {
            vm.prank(members[i]);
            ballot.castVote(proposalId, true);
        }
        ballot.execute(proposalId);
    }
}
