// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IVoterDirectory} from "./IVoterDirectory.sol";

/// @title IBallot
/// @notice The one voting mechanism of SealedChain. Any contract (the proposer) opens a
/// proposal about a `subject`; the holders of `voterRole` in `directory` (snapshotted at
/// creation) vote once each; when it succeeds anyone may execute it, which calls the
/// proposer's `IBallotTarget.onBallotExecuted` hook. Used for member admission and role
/// changes (ConsortiumRegistry), escrow disputes, module certification and audit approval.
/// @dev Outcome rules, in order:
/// - quorumVotes = ceil(eligibleVoters * quorumBps / 10_000), at least 1;
/// - Succeeded when forVotes >= quorumVotes and forVotes > againstVotes after voteEnd, or
///   earlier as soon as forVotes >= quorumVotes and forVotes * 2 > eligibleVoters (the
///   outcome can no longer change);
/// - Defeated after voteEnd otherwise, or earlier as soon as againstVotes * 2 >= eligibleVoters;
/// - Expired when Succeeded but not executed by executeBy (voteEnd + executionWindow);
/// - Pending before voteStart (creation time + votingDelay), Active between.
/// Time boundaries are inclusive: votes are accepted while voteStart <= block.timestamp <=
/// voteEnd, "after voteEnd" means block.timestamp > voteEnd, and a success can be executed
/// while block.timestamp <= executeBy. Eligible voters and quorum are fixed at creation.
interface IBallot {
    enum ProposalState {
        Pending,
        Active,
        Succeeded,
        Defeated,
        Executed,
        Expired
    }

    /// @notice What a proposer chooses when opening a proposal.
    struct ProposalParams {
        bytes32 subject; // what is decided, e.g. keccak256 of the action; interpreted by the proposer
        IVoterDirectory directory; // where eligibility comes from
        bytes32 voterRole; // holders of this role vote
        uint16 quorumBps; // 1..10_000, fraction of eligible voters whose "for" votes are needed
        uint64 votingDelay; // seconds between creation and voteStart
        uint64 votingPeriod; // seconds between voteStart and voteEnd, > 0
        uint64 executionWindow; // seconds after voteEnd during which a success can be executed, > 0
    }

    /// @notice A proposal as stored.
    struct Proposal {
        address proposer; // also the execution target
        bytes32 subject;
        IVoterDirectory directory;
        bytes32 voterRole;
        uint256 snapshot; // directory grant sequence at creation
        uint64 voteStart;
        uint64 voteEnd;
        uint64 executeBy;
        uint32 eligibleVoters;
        uint32 quorumVotes;
        uint32 forVotes;
        uint32 againstVotes;
        bool executed;
    }

    /// @notice Emitted when a proposal is opened.
    event ProposalCreated(
        uint256 indexed proposalId,
        address indexed proposer,
        bytes32 indexed subject,
        bytes32 voterRole,
        uint64 voteStart,
        uint64 voteEnd,
        uint256 eligibleVoters,
        uint256 quorumVotes
    );

    /// @notice Emitted for each vote; `note` is free text such as a CID of supporting evidence.
    event VoteCast(uint256 indexed proposalId, address indexed voter, bool support, string note);

    /// @notice Emitted when a succeeded proposal is executed (before the proposer's hook runs).
    event ProposalExecuted(uint256 indexed proposalId, address indexed executor);

    error BallotUnknownProposal(uint256 proposalId);
    error BallotUnexpectedState(uint256 proposalId, ProposalState current, ProposalState expected);
    error BallotNotEligible(uint256 proposalId, address voter);
    error BallotAlreadyVoted(uint256 proposalId, address voter);
    error BallotInvalidQuorum(uint16 quorumBps);
    error BallotInvalidPeriod(uint64 votingPeriod, uint64 executionWindow);
    error BallotNoEligibleVoters(bytes32 voterRole);

    /// @notice Opens a proposal; `msg.sender` becomes proposer and execution target.
    function propose(ProposalParams calldata params) external returns (uint256 proposalId);

    /// @notice Casts `msg.sender`'s one vote.
    function castVote(uint256 proposalId, bool support) external;

    /// @notice Casts `msg.sender`'s one vote with a note (e.g. the CID of a validation log).
    function castVoteWithNote(uint256 proposalId, bool support, string calldata note) external;

    /// @notice Executes a Succeeded proposal and calls the proposer's hook if it is a contract.
    function execute(uint256 proposalId) external;

    /// @notice Lifecycle state, computed from votes and time.
    function state(uint256 proposalId) external view returns (ProposalState);

    /// @notice The stored proposal.
    function proposal(uint256 proposalId) external view returns (Proposal memory);

    /// @notice Whether `voter` has voted on `proposalId`.
    function hasVoted(uint256 proposalId, address voter) external view returns (bool);

    /// @notice Number of proposals created so far; ids run from 1 to this number.
    function proposalCount() external view returns (uint256);
}
