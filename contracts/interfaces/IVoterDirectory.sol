// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IVoterDirectory
/// @notice Who may vote on a ballot: the holders of a role, frozen at a snapshot.
/// @dev The directory numbers every role grant with an increasing sequence number.
/// A ballot records `(count, sequence)` when it is created; an account may vote only if
/// it still holds the role and its grant's sequence number is at or below the snapshot.
/// Accounts admitted after a proposal was created therefore cannot vote on it, and the
/// quorum denominator matches the set of accounts that can.
interface IVoterDirectory {
    /// @notice Number of current holders of `role` and the current grant sequence number.
    function voterSnapshot(bytes32 role) external view returns (uint256 count, uint256 sequence);

    /// @notice True if `account` holds `role` now and was granted it at or before `sequence`.
    function isVoter(bytes32 role, address account, uint256 sequence) external view returns (bool);
}
