// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBallot} from "../interfaces/IBallot.sol";
import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";

/// @title BallotClient
/// @notice What a feature contract that decides things by a vote on the shared ballot needs,
/// in one place: the registry (voter directory) and ballot it trusts, the check that only that
/// ballot calls back, the bounds of ballot settings, and one way to open a proposal.
/// Used by TorrentLedger and ModuleCertification.
abstract contract BallotClient {
    /// @dev Upper bound of every period in settings; keeps deadlines far from uint64 overflow.
    uint64 internal constant _MAX_PERIOD = 365 days;
    uint16 private constant _MAX_BPS = 10_000;

    IConsortiumRegistry internal immutable _registry;
    IBallot internal immutable _ballot;

    constructor(IConsortiumRegistry registry_, IBallot ballot_) {
        _registry = registry_;
        _ballot = ballot_;
    }

    modifier onlyBallot() {
        if (msg.sender != address(_ballot)) _revertNotBallot(msg.sender);
        _;
    }

    /// @notice The consortium registry (members, roles, voter directory).
    function registry() external view returns (IConsortiumRegistry) {
        return _registry;
    }

    /// @notice The shared ballot on which this contract's proposals are voted.
    function ballot() external view returns (IBallot) {
        return _ballot;
    }

    /// @dev Reverts with the contract's own "only the ballot may call" error.
    function _revertNotBallot(address caller) internal pure virtual;

    /// @dev Quorum 1..10_000 bps, both periods 1 second .. 365 days.
    function _validBallotSettings(uint16 quorumBps, uint64 votingPeriod, uint64 executionWindow) internal pure returns (bool) {
        return quorumBps != 0 && quorumBps <= _MAX_BPS && _validPeriod(votingPeriod) && _validPeriod(executionWindow);
    }

    function _validPeriod(uint64 period) internal pure returns (bool) {
        return period != 0 && period <= _MAX_PERIOD;
    }

    /// @dev Opens a proposal (this contract is proposer and execution target) voted by the
    /// holders of `voterRole` in the registry, open at once.
    function _proposeOnBallot(
        bytes32 subject,
        bytes32 voterRole,
        uint16 quorumBps,
        uint64 votingPeriod,
        uint64 executionWindow
    ) internal returns (uint256) {
        return
            _ballot.propose(
                IBallot.ProposalParams({
                    subject: subject,
                    directory: _registry,
                    voterRole: voterRole,
                    quorumBps: quorumBps,
                    votingDelay: 0,
                    votingPeriod: votingPeriod,
                    executionWindow: executionWindow
                })
            );
    }
}
