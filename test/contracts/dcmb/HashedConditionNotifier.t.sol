// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {HashedConditionNotifier} from "../../../contracts/dcmb/HashedConditionNotifier.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {IHashedConditionNotifier} from "../../../contracts/interfaces/IHashedConditionNotifier.sol";
import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

/// @dev Four members; RECEIVER registers one condition on what SENDER posts.
contract HashedConditionNotifierTest is ConsortiumSetup {
    address internal constant RECEIVER = address(0x1000);
    address internal constant SENDER = address(0x1001);
    address internal constant RECEIVER2 = address(0x1002);
    address internal constant SENDER2 = address(0x1003);

    Ballot internal ballot;
    ConsortiumRegistry internal registry;
    HashedConditionNotifier internal notifier;

    function setUp() public {
        vm.warp(1_700_000_000);
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](4);
        founders[0] = _founderEntry(RECEIVER, bytes32(0));
        founders[1] = _founderEntry(SENDER, bytes32(0));
        founders[2] = _founderEntry(RECEIVER2, bytes32(0));
        founders[3] = _founderEntry(SENDER2, bytes32(0));
        (ballot, registry) = _deployConsortium(founders, 1 hours);
        notifier = new HashedConditionNotifier(registry);
    }

    function _post(address sender, address receiver, bytes32 valueHash) internal returns (bool) {
        vm.prank(sender);
        return notifier.post(receiver, valueHash);
    }

    /// A post matches only the exact (receiver, sender, hash) of an active condition; anything
    /// else returns false and leaves the condition untouched.
    function testFuzz_matchesOnlyExactTriple(bytes32 conditionHash, bytes32 otherHash, uint8 severity) public {
        vm.assume(conditionHash != bytes32(0) && otherHash != conditionHash);
        severity = uint8(bound(severity, 1, 5));
        vm.prank(RECEIVER);
        uint256 id = notifier.registerCondition(SENDER, conditionHash, severity);
        assertEq(id, 1);

        assertFalse(_post(SENDER, RECEIVER, otherHash)); // wrong hash
        assertFalse(_post(SENDER2, RECEIVER, conditionHash)); // wrong sender
        assertFalse(_post(SENDER, RECEIVER2, conditionHash)); // wrong receiver
        assertFalse(_post(RECEIVER, SENDER, conditionHash)); // roles swapped
        assertEq(notifier.condition(id).notificationCount, 0);

        vm.expectEmit(true, true, true, true, address(notifier));
        emit IHashedConditionNotifier.Notified(id, RECEIVER, SENDER, severity, conditionHash);
        assertTrue(_post(SENDER, RECEIVER, conditionHash));
        assertTrue(_post(SENDER, RECEIVER, conditionHash));
        IHashedConditionNotifier.Condition memory c = notifier.condition(id);
        assertEq(c.notificationCount, 2);
        assertEq(c.lastNotifiedAt, block.timestamp);
    }

    /// After revocation the same post no longer matches, and the triple can be registered anew.
    function testFuzz_matchesOnlyWhileActive(bytes32 conditionHash, uint8 posts) public {
        vm.assume(conditionHash != bytes32(0));
        posts = uint8(bound(posts, 0, 10));
        vm.prank(RECEIVER);
        uint256 id = notifier.registerCondition(SENDER, conditionHash, 3);
        for (uint256 i = 0; i < posts; ++i) assertTrue(_post(SENDER, RECEIVER, conditionHash));

        vm.prank(RECEIVER);
        notifier.revokeCondition(id);
        assertEq(notifier.conditionIdOf(RECEIVER, SENDER, conditionHash), 0);
        vm.recordLogs();
        assertFalse(_post(SENDER, RECEIVER, conditionHash));
        assertEq(vm.getRecordedLogs().length, 0);
        assertEq(notifier.condition(id).notificationCount, posts);

        vm.prank(RECEIVER);
        uint256 again = notifier.registerCondition(SENDER, conditionHash, 5);
        assertEq(again, 2);
        assertEq(notifier.conditionIdOf(RECEIVER, SENDER, conditionHash), again);
        assertTrue(_post(SENDER, RECEIVER, conditionHash));
        assertEq(notifier.condition(again).notificationCount, 1);
    }

    /// Severity outside 1..5 is refused.
    function testFuzz_severityRange(uint8 severity) public {
        if (severity < 1 || severity > 5) {
            vm.expectRevert(abi.encodeWithSelector(IHashedConditionNotifier.NotifierInvalidSeverity.selector, severity));
        }
        vm.prank(RECEIVER);
        notifier.registerCondition(SENDER, keccak256("label"), severity);
    }
}
