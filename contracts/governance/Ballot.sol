// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {Math} from "@openzeppelin/contracts/utils/math/Math.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";

import {IBallot} from "../interfaces/IBallot.sol";
import {IBallotTarget} from "../interfaces/IBallotTarget.sol";
import {IVoterDirectory} from "../interfaces/IVoterDirectory.sol";

/// @title Ballot
/// @notice The shared voting mechanism of SealedChain: one deployment serves every feature
/// that needs a vote (admission, role changes, disputes, certification, audit approval).
/// @dev Lifecycle state is computed from votes and time in {state}, as in OpenZeppelin's
/// Governor; the only stored transition is `executed`. The ballot never interprets a
/// proposal's subject: the proposer does, in its {IBallotTarget-onBallotExecuted} hook.
contract Ballot is IBallot, ReentrancyGuardTransient {
    uint16 private constant _MAX_BPS = 10_000;

    uint256 private _proposalCount;
    mapping(uint256 proposalId => Proposal) private _proposals;
    mapping(uint256 proposalId => mapping(address voter => bool)) private _voted;

    /// @inheritdoc IBallot
    function propose(ProposalParams calldata params) external returns (uint256 proposalId) {
        if (params.quorumBps == 0 || params.quorumBps > _MAX_BPS) {
            revert BallotInvalidQuorum(params.quorumBps);
        }
        uint256 voteStart = block.timestamp + params.votingDelay;
        uint256 voteEnd = voteStart + params.votingPeriod;
        uint256 executeBy = voteEnd + params.executionWindow;
        if (params.votingPeriod == 0 || params.executionWindow == 0 || executeBy > type(uint64).max) {
            revert BallotInvalidPeriod(params.votingPeriod, params.executionWindow);
        }

        (uint256 count, uint256 sequence) = params.directory.voterSnapshot(params.voterRole);
        if (count == 0) revert BallotNoEligibleVoters(params.voterRole);
        uint32 eligibleVoters = SafeCast.toUint32(count);
        uint32 quorumVotes = _quorumVotes(eligibleVoters, params.quorumBps);

        proposalId = ++_proposalCount;
        _proposals[proposalId] = Proposal({
            proposer: msg.sender,
            subject: params.subject,
            directory: params.directory,
            voterRole: params.voterRole,
            snapshot: sequence,
            voteStart: uint64(voteStart),
            voteEnd: uint64(voteEnd),
            executeBy: uint64(executeBy),
            eligibleVoters: eligibleVoters,
            quorumVotes: quorumVotes,
            forVotes: 0,
            againstVotes: 0,
            executed: false
        });
        emit ProposalCreated(
            proposalId,
            msg.sender,
            params.subject,
            params.voterRole,
            uint64(voteStart),
            uint64(voteEnd),
            eligibleVoters,
            quorumVotes
        );
    }

    /// @inheritdoc IBallot
    function castVote(uint256 proposalId, bool support) external {
        _castVote(proposalId, support, "");
    }

    /// @inheritdoc IBallot
    function castVoteWithNote(uint256 proposalId, bool support, string calldata note) external {
        _castVote(proposalId, support, note);
    }

    /// @inheritdoc IBallot
    function execute(uint256 proposalId) external nonReentrant {
        _validateState(proposalId, ProposalState.Succeeded);
        Proposal storage p = _proposals[proposalId];
        // Effects before the interaction: the hook can never see this proposal as executable.
        p.executed = true;
        emit ProposalExecuted(proposalId, msg.sender);

        address target = p.proposer;
        if (target.code.length > 0) {
            IBallotTarget(target).onBallotExecuted(proposalId);
        }
    }

    /// @inheritdoc IBallot
    function state(uint256 proposalId) public view returns (ProposalState) {
        Proposal storage p = _proposals[proposalId];
        if (p.proposer == address(0)) revert BallotUnknownProposal(proposalId);
        if (p.executed) return ProposalState.Executed;
        if (block.timestamp < p.voteStart) return ProposalState.Pending;

        ProposalState outcome;
        if (p.forVotes >= p.quorumVotes && uint256(p.forVotes) * 2 > p.eligibleVoters) {
            outcome = ProposalState.Succeeded; // a majority of all eligible voters: final
        } else if (uint256(p.againstVotes) * 2 >= p.eligibleVoters) {
            outcome = ProposalState.Defeated; // "for" can no longer reach a majority: final
        } else if (block.timestamp <= p.voteEnd) {
            return ProposalState.Active;
        } else if (p.forVotes >= p.quorumVotes && p.forVotes > p.againstVotes) {
            outcome = ProposalState.Succeeded;
        } else {
            outcome = ProposalState.Defeated;
        }

        if (outcome == ProposalState.Succeeded && block.timestamp > p.executeBy) {
            return ProposalState.Expired;
        }
        return outcome;
    }

    /// @inheritdoc IBallot
    function proposal(uint256 proposalId) external view returns (Proposal memory) {
        Proposal storage p = _proposals[proposalId];
        if (p.proposer == address(0)) revert BallotUnknownProposal(proposalId);
        return p;
    }

    /// @inheritdoc IBallot
    function hasVoted(uint256 proposalId, address voter) external view returns (bool) {
        return _voted[proposalId][voter];
    }

    /// @inheritdoc IBallot
    function proposalCount() external view returns (uint256) {
        return _proposalCount;
    }

    function _castVote(uint256 proposalId, bool support, string memory note) private {
        _validateState(proposalId, ProposalState.Active);
        Proposal storage p = _proposals[proposalId];
        if (_voted[proposalId][msg.sender]) revert BallotAlreadyVoted(proposalId, msg.sender);
        if (!p.directory.isVoter(p.voterRole, msg.sender, p.snapshot)) {
            revert BallotNotEligible(proposalId, msg.sender);
        }

        _voted[proposalId][msg.sender] = true;
        // Each eligible voter votes once and eligibleVoters fits in uint32, so the tallies
        // can only exceed it if the directory lies; checked arithmetic then reverts.
        if (support) {
            p.forVotes += 1;
        } else {
            p.againstVotes += 1;
        }
        emit VoteCast(proposalId, msg.sender, support, note);
    }

    function _validateState(uint256 proposalId, ProposalState expected) private view {
        ProposalState current = state(proposalId);
        if (current != expected) revert BallotUnexpectedState(proposalId, current, expected);
    }

    /// @dev ceil(eligibleVoters * quorumBps / 10_000), at least 1.
    function _quorumVotes(uint32 eligibleVoters, uint16 quorumBps) private pure returns (uint32) {
        uint256 votes = Math.mulDiv(eligibleVoters, quorumBps, _MAX_BPS, Math.Rounding.Ceil);
        return uint32(Math.max(votes, 1));
    }
}
