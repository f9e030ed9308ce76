// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IBallot} from "../../../contracts/interfaces/IBallot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

contract ConsortiumRegistryTest is ConsortiumSetup {
    uint256 private constant FOUNDERS = 3;

    Ballot private ballot;
    ConsortiumRegistry private registry;

    function setUp() public {
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](FOUNDERS);
        for (uint256 i = 0; i < FOUNDERS; ++i) {
            founders[i] = _founderEntry(_founder(i), bytes32(0));
        }
        (ballot, registry) = _deployConsortium(founders, 1 days);
    }

    function _founder(uint256 i) private pure returns (address) {
        return address(uint160(0xF000 + i));
    }

    /// An encryption key is accepted iff it is 33 bytes starting 0x02/0x03 or 65 bytes starting 0x04.
    function testFuzz_encryptionKeyEncoding(uint8 prefix, uint256 length, bytes32 filler) public {
        length = bound(length, 0, 80);
        bytes memory key = new bytes(length);
        for (uint256 i = 0; i < length; ++i) {
            key[i] = filler[i % 32];
        }
        if (length > 0) key[0] = bytes1(prefix);
        bool valid = (length == 33 && (prefix == 2 || prefix == 3)) || (length == 65 && prefix == 4);

        vm.prank(_founder(0));
        if (!valid) {
            vm.expectRevert(abi.encodeWithSelector(IConsortiumRegistry.ConsortiumInvalidEncryptionKey.selector, key));
        }
        registry.rotateEncryptionKey(key);
        if (valid) assertEq(registry.member(_founder(0)).profile.encryptionKey, key);
    }

    /// A member admitted by vote can never vote on a proposal opened before its admission,
    /// whatever the number of proposals opened in between.
    function testFuzz_lateMemberNeverEligible(uint8 earlier, address newcomer) public {
        earlier = uint8(bound(earlier, 1, 5));
        vm.assume(newcomer != address(0) && !registry.isMember(newcomer));
        bytes32 arbiter = registry.ARBITER_ROLE();
        bytes32 memberRole = registry.MEMBER_ROLE();
        for (uint256 i = 0; i < earlier; ++i) {
            vm.prank(_founder(0));
            registry.proposeRoleGrant(arbiter, _founder(1 + (i % 2)));
        }
        vm.prank(_founder(0));
        uint256 admission = registry.proposeMember(newcomer, _memberProfile(newcomer));
        for (uint256 i = 0; i < 2; ++i) {
            vm.prank(_founder(i));
            ballot.castVote(admission, true);
        }
        ballot.execute(admission);
        assertTrue(registry.isMember(newcomer));

        (, uint256 sequence) = registry.voterSnapshot(memberRole);
        assertFalse(registry.isVoter(memberRole, newcomer, sequence - 1));
        assertTrue(registry.isVoter(memberRole, newcomer, sequence));
        for (uint256 id = 1; id < admission; ++id) {
            vm.expectRevert(abi.encodeWithSelector(IBallot.BallotNotEligible.selector, id, newcomer));
            vm.prank(newcomer);
            ballot.castVote(id, true);
        }
    }

    function test_grantRole_reverts() public {
        bytes32 memberRole = registry.MEMBER_ROLE();
        vm.prank(_founder(0));
        vm.expectRevert(IConsortiumRegistry.ConsortiumRolesAreGoverned.selector);
        registry.grantRole(memberRole, address(0xBEEF));
    }
}
