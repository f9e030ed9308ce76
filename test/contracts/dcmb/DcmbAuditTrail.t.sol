// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {DcmbAuditTrail} from "../../../contracts/dcmb/DcmbAuditTrail.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {IDcmbAuditTrail} from "../../../contracts/interfaces/IDcmbAuditTrail.sol";
import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

/// @dev Three members on the real registry; SENDER streams to RECEIVER.
contract DcmbAuditTrailTest is ConsortiumSetup {
    address internal constant SENDER = address(0x1000);
    address internal constant RECEIVER = address(0x1001);
    address internal constant OTHER = address(0x1002);
    bytes32 internal constant ROOT = keccak256("root");

    Ballot internal ballot;
    ConsortiumRegistry internal registry;
    DcmbAuditTrail internal trail;

    function setUp() public {
        vm.warp(1_700_000_000);
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](3);
        founders[0] = _founderEntry(SENDER, bytes32(0));
        founders[1] = _founderEntry(RECEIVER, bytes32(0));
        founders[2] = _founderEntry(OTHER, bytes32(0));
        (ballot, registry) = _deployConsortium(founders, 1 hours);
        trail = new DcmbAuditTrail(registry);
    }

    function _record(address sender, address receiver, uint64 batchId, uint32 messageCount) internal {
        vm.prank(sender);
        trail.recordBatch(receiver, batchId, ROOT, messageCount, 100, 200);
    }

    /// Only lastBatchId + 1 is accepted, on each channel independently.
    function testFuzz_batchIdsAreSequential(uint8 batches, uint64 wrongId) public {
        batches = uint8(bound(batches, 1, 20));
        for (uint64 i = 1; i <= batches; ++i) _record(SENDER, RECEIVER, i, 1);
        assertEq(trail.lastBatchId(SENDER, RECEIVER), batches);
        assertEq(trail.lastBatchId(RECEIVER, SENDER), 0);
        assertEq(trail.lastBatchId(SENDER, OTHER), 0);

        vm.assume(wrongId != uint64(batches) + 1);
        vm.expectRevert(abi.encodeWithSelector(IDcmbAuditTrail.DcmbUnexpectedBatchId.selector, uint64(batches) + 1, wrongId));
        vm.prank(SENDER);
        trail.recordBatch(RECEIVER, wrongId, ROOT, 1, 100, 200);

        // Another channel starts at 1.
        _record(SENDER, OTHER, 1, 1);
        assertEq(trail.lastBatchId(SENDER, OTHER), 1);
    }

    /// Whatever sequence of failed deliveries is attempted, the recorded total never exceeds
    /// the batch's message count and each accepted call adds exactly its count.
    function testFuzz_failedCountNeverExceedsMessageCount(uint32 messageCount, uint32[8] memory counts) public {
        messageCount = uint32(bound(messageCount, 1, type(uint32).max));
        _record(SENDER, RECEIVER, 1, messageCount);
        uint256 total = 0;
        for (uint256 i = 0; i < counts.length; ++i) {
            uint32 count = counts[i];
            IDcmbAuditTrail.FailureReason reason = i % 2 == 0
                ? IDcmbAuditTrail.FailureReason.Expired
                : IDcmbAuditTrail.FailureReason.Overflow;
            bool ok = count != 0 && total + count <= messageCount;
            if (!ok) {
                vm.expectRevert(abi.encodeWithSelector(IDcmbAuditTrail.DcmbInvalidCount.selector, count, messageCount));
            }
            vm.prank(SENDER);
            trail.recordFailedDelivery(RECEIVER, 1, count, reason);
            if (ok) total += count;
            assertEq(trail.batch(SENDER, RECEIVER, 1).failedCount, total);
            assertLe(total, messageCount);
        }
    }

    /// The receiver can acknowledge at most messageCount, once.
    function testFuzz_acknowledgeBoundedAndOnce(uint32 messageCount, uint32 received) public {
        messageCount = uint32(bound(messageCount, 1, type(uint32).max));
        _record(SENDER, RECEIVER, 1, messageCount);
        if (received > messageCount) {
            vm.expectRevert(abi.encodeWithSelector(IDcmbAuditTrail.DcmbInvalidCount.selector, received, messageCount));
            vm.prank(RECEIVER);
            trail.acknowledgeBatch(SENDER, 1, received);
            return;
        }
        vm.prank(RECEIVER);
        trail.acknowledgeBatch(SENDER, 1, received);
        assertEq(trail.batch(SENDER, RECEIVER, 1).acknowledgedAt, block.timestamp);
        vm.expectRevert(abi.encodeWithSelector(IDcmbAuditTrail.DcmbAlreadyAcknowledged.selector, uint64(1)));
        vm.prank(RECEIVER);
        trail.acknowledgeBatch(SENDER, 1, received);
    }

    /// Salts of 8..64 bytes are accepted, every other length refused.
    function testFuzz_saltLength(uint8 length) public {
        bytes memory salt = new bytes(length);
        if (length < 8 || length > 64) {
            vm.expectRevert(abi.encodeWithSelector(IDcmbAuditTrail.DcmbInvalidSalt.selector, uint256(length)));
        } else {
            vm.expectEmit(true, true, false, true, address(trail));
            emit IDcmbAuditTrail.MessageRecorded(SENDER, RECEIVER, ROOT, salt);
        }
        vm.prank(SENDER);
        trail.recordMessage(RECEIVER, ROOT, salt);
    }

    /// Outsiders can neither send nor be sent to.
    function testFuzz_outsidersRefused(address outsider) public {
        vm.assume(outsider != SENDER && outsider != RECEIVER && outsider != OTHER);
        vm.expectRevert(abi.encodeWithSelector(IDcmbAuditTrail.DcmbNotMember.selector, outsider));
        vm.prank(outsider);
        trail.recordBatch(RECEIVER, 1, ROOT, 1, 100, 200);
        vm.expectRevert(abi.encodeWithSelector(IDcmbAuditTrail.DcmbNotMember.selector, outsider));
        vm.prank(SENDER);
        trail.recordBatch(outsider, 1, ROOT, 1, 100, 200);
    }
}
