// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IBallotTarget
/// @notice Implemented by contracts that open proposals on the shared ballot and act on them.
interface IBallotTarget {
    /// @notice Called by the ballot, once, when a proposal opened by this contract is executed.
    /// @dev Must revert unless `msg.sender` is the ballot this contract trusts.
    function onBallotExecuted(uint256 proposalId) external;
}
