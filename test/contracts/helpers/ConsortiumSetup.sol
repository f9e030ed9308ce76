// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";

/// @dev Shared set-up of the Solidity tests: a Ballot and a ConsortiumRegistry founded by
/// given accounts. Profiles are valid placeholders (no test reads them).
abstract contract ConsortiumSetup is Test {
    /// @dev A valid member profile: a 33-byte compressed-key placeholder unique per account.
    function _memberProfile(address account) internal pure returns (IConsortiumRegistry.MemberProfile memory profile) {
        profile.name = "Org";
        profile.encryptionKey = abi.encodePacked(bytes1(0x02), keccak256(abi.encode(account)));
    }

    /// @dev A founder holding MEMBER plus `role` (none when `role` is zero).
    function _founderEntry(address account, bytes32 role) internal pure returns (IConsortiumRegistry.Founder memory f) {
        f.account = account;
        f.profile = _memberProfile(account);
        f.roles = new bytes32[](role == bytes32(0) ? 0 : 1);
        if (role != bytes32(0)) f.roles[0] = role;
    }

    /// @dev Deploys the ballot and the registry: simple majority, no voting delay, one-day
    /// execution window, `votingPeriod` seconds to vote.
    function _deployConsortium(
        IConsortiumRegistry.Founder[] memory founders,
        uint64 votingPeriod
    ) internal returns (Ballot ballot, ConsortiumRegistry registry) {
        ballot = new Ballot();
        registry = new ConsortiumRegistry(
            ballot,
            founders,
            IConsortiumRegistry.GovernanceSettings({
                quorumBps: 5_000,
                votingDelay: 0,
                votingPeriod: votingPeriod,
                executionWindow: 1 days
            })
        );
    }
}
