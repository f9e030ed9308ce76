// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {Test} from "forge-std/Test.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IBallot} from "../../../contracts/interfaces/IBallot.sol";
import {IBallotTarget} from "../../../contracts/interfaces/IBallotTarget.sol";
import {IVoterDirectory} from "../../../contracts/interfaces/IVoterDirectory.sol";

/// @dev Test-only directory: voters are granted one role with increasing sequence numbers.
contract TestDirectory is IVoterDirectory {
    uint256 private _sequence;
    mapping(bytes32 role => uint256) private _count;
    mapping(bytes32 role => mapping(address account => uint256)) private _granted;

    function grant(bytes32 role, address account) external {
        require(_granted[role][account] == 0, "granted");
        _granted[role][account] = ++_sequence;
        _count[role] += 1;
    }

    function voterSnapshot(bytes32 role) external view returns (uint256, uint256) {
        return (_count[role], _sequence);
    }

    function isVoter(bytes32 role, address account, uint256 sequence) external view returns (bool) {
        uint256 granted = _granted[role][account];
        return granted != 0 && granted <= sequence;
    }
}

/// @dev Test-only proposer that counts how often the ballot calls it back.
contract CountingTarget is IBallotTarget {
    Ballot private immutable _ballot;
    bool private immutable _reenter;
    mapping(uint256 proposalId => uint256) public calls;

    constructor(Ballot ballot_, bool reenter) {
        _ballot = ballot_;
        _reenter = reenter;
    }

    function propose(IBallot.ProposalParams calldata params) external returns (uint256) {
        return _ballot.propose(params);
    }

    function onBallotExecuted(uint256 proposalId) external {
        require(msg.sender == address(_ballot), "only ballot");
        calls[proposalId] += 1;
        if (_reenter) _ballot.execute(proposalId);
    }
}

contract BallotTest is Test {
    bytes32 private constant ROLE = keccak256("VOTER");
    uint256 private constant START = 1_000_000;

    Ballot private ballot;
    TestDirectory private directory;
    CountingTarget private target;

    function setUp() public {
        vm.warp(START);
        ballot = new Ballot();
        directory = new TestDirectory();
        target = new CountingTarget(ballot, false);
    }

    // ---------------------------------------------------------------- helpers

    function _voter(uint256 i) private pure returns (address) {
        return address(uint160(0x1000 + i));
    }

    function _grantVoters(uint256 n) private {
        for (uint256 i = 0; i < n; ++i) {
            directory.grant(ROLE, _voter(i));
        }
    }

    function _params(uint16 quorumBps, uint64 delay, uint64 period, uint64 window)
        private
        view
        returns (IBallot.ProposalParams memory)
    {
        return IBallot.ProposalParams({
            subject: keccak256("subject"),
            directory: directory,
            voterRole: ROLE,
            quorumBps: quorumBps,
            votingDelay: delay,
            votingPeriod: period,
            executionWindow: window
        });
    }

    function _state(uint256 id) private view returns (uint8) {
        return uint8(ballot.state(id));
    }

    function _expectedEarly(IBallot.Proposal memory p) private pure returns (IBallot.ProposalState) {
        if (p.forVotes >= p.quorumVotes && uint256(p.forVotes) * 2 > p.eligibleVoters) {
            return IBallot.ProposalState.Succeeded;
        }
        if (uint256(p.againstVotes) * 2 >= p.eligibleVoters) return IBallot.ProposalState.Defeated;
        return IBallot.ProposalState.Active;
    }

    // ---------------------------------------------------------------- unit tests

    function test_propose_storesSnapshotAndQuorum() public {
        _grantVoters(7);
        uint256 id = target.propose(_params(5_000, 10, 100, 50));
        IBallot.Proposal memory p = ballot.proposal(id);
        assertEq(id, 1);
        assertEq(p.proposer, address(target));
        assertEq(p.eligibleVoters, 7);
        assertEq(p.quorumVotes, 4); // ceil(3.5)
        assertEq(p.snapshot, 7);
        assertEq(p.voteStart, START + 10);
        assertEq(p.voteEnd, START + 110);
        assertEq(p.executeBy, START + 160);
    }

    function test_execute_reentrancyReverts() public {
        CountingTarget reentrant = new CountingTarget(ballot, true);
        _grantVoters(1);
        uint256 id = reentrant.propose(_params(10_000, 0, 100, 100));
        vm.prank(_voter(0));
        ballot.castVote(id, true);
        vm.expectRevert(ReentrancyGuardTransient.ReentrancyGuardReentrantCall.selector);
        ballot.execute(id);
        assertEq(_state(id), uint8(IBallot.ProposalState.Succeeded));
        assertEq(reentrant.calls(id), 0);
    }

    function test_castVote_lateGrantNotEligible() public {
        _grantVoters(3);
        uint256 id = target.propose(_params(5_000, 0, 100, 100));
        address late = _voter(99);
        directory.grant(ROLE, late);
        vm.prank(late);
        vm.expectRevert(abi.encodeWithSelector(IBallot.BallotNotEligible.selector, id, late));
        ballot.castVote(id, true);
    }

    // ---------------------------------------------------------------- fuzz tests

    /// One vote per voter: a second vote always reverts and the tallies never exceed the
    /// number of eligible voters; outsiders are never counted.
    function testFuzz_oneVotePerVoter(uint256 eligible, uint16 quorumBps, uint256 seed) public {
        eligible = bound(eligible, 1, 40);
        quorumBps = uint16(bound(quorumBps, 1, 10_000));
        _grantVoters(eligible);
        uint256 id = target.propose(_params(quorumBps, 0, 1 days, 1 days));

        uint256 counted;
        for (uint256 i = 0; i < eligible + 5; ++i) {
            // the last five are outsiders, and voters come in a random order
            address voter = i < eligible ? _voter((i + seed % eligible) % eligible) : _voter(1_000 + i);
            bool support = uint256(keccak256(abi.encode(seed, i))) % 2 == 0;
            IBallot.ProposalState before = ballot.state(id);
            if (before != IBallot.ProposalState.Active) {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IBallot.BallotUnexpectedState.selector, id, before, IBallot.ProposalState.Active
                    )
                );
                vm.prank(voter);
                ballot.castVote(id, support);
                continue;
            }
            if (i >= eligible) {
                vm.expectRevert(abi.encodeWithSelector(IBallot.BallotNotEligible.selector, id, voter));
                vm.prank(voter);
                ballot.castVote(id, support);
                continue;
            }
            vm.prank(voter);
            ballot.castVote(id, support);
            counted += 1;
            assertTrue(ballot.hasVoted(id, voter));

            // the second vote reverts whatever the support and whatever the state now is
            IBallot.ProposalState afterVote = ballot.state(id);
            if (afterVote == IBallot.ProposalState.Active) {
                vm.expectRevert(abi.encodeWithSelector(IBallot.BallotAlreadyVoted.selector, id, voter));
            } else {
                vm.expectRevert(
                    abi.encodeWithSelector(
                        IBallot.BallotUnexpectedState.selector, id, afterVote, IBallot.ProposalState.Active
                    )
                );
            }
            vm.prank(voter);
            ballot.castVote(id, !support);

            IBallot.Proposal memory p = ballot.proposal(id);
            assertEq(uint256(p.forVotes) + p.againstVotes, counted);
            assertLe(counted, eligible);
        }
    }

    /// Quorum arithmetic: quorumVotes = max(1, ceil(eligible * bps / 10_000)); while voting,
    /// the state follows the early rules; after voteEnd, Succeeded iff for >= quorum and
    /// for > against.
    function testFuzz_quorumArithmetic(uint256 eligible, uint16 quorumBps, uint256 forWanted, uint256 againstWanted)
        public
    {
        eligible = bound(eligible, 1, 120);
        quorumBps = uint16(bound(quorumBps, 1, 10_000));
        forWanted = bound(forWanted, 0, eligible);
        againstWanted = bound(againstWanted, 0, eligible - forWanted);
        _grantVoters(eligible);
        uint256 id = target.propose(_params(quorumBps, 0, 1 days, 1 days));

        uint256 expectedQuorum = (eligible * quorumBps + 9_999) / 10_000;
        if (expectedQuorum == 0) expectedQuorum = 1;
        assertEq(ballot.proposal(id).quorumVotes, expectedQuorum);

        // interleave for and against votes until the wanted counts or an early outcome
        uint256 next;
        uint256 forCast;
        uint256 againstCast;
        while (forCast + againstCast < forWanted + againstWanted) {
            if (ballot.state(id) != IBallot.ProposalState.Active) break;
            bool support = forCast < forWanted && (againstCast >= againstWanted || next % 2 == 0);
            vm.prank(_voter(next++));
            ballot.castVote(id, support);
            if (support) forCast++;
            else againstCast++;
            assertEq(uint8(ballot.state(id)), uint8(_expectedEarly(ballot.proposal(id))));
        }

        vm.warp(START + 1 days + 1);
        bool success = forCast >= expectedQuorum && forCast > againstCast;
        assertEq(
            _state(id),
            uint8(success ? IBallot.ProposalState.Succeeded : IBallot.ProposalState.Defeated)
        );
        // an early outcome is final: it must agree with the end-of-vote rule
        if (forCast + againstCast < forWanted + againstWanted) {
            assertEq(uint8(_expectedEarly(ballot.proposal(id))), _state(id));
        }
    }

    /// The state machine never skips: terminal states are absorbing, Executed is reached
    /// only from Succeeded, executing twice reverts, and the hook runs exactly once.
    function testFuzz_stateMachineNeverSkips(uint256 eligible, uint16 quorumBps, uint64 delay, uint256 seed) public {
        eligible = bound(eligible, 1, 15);
        quorumBps = uint16(bound(quorumBps, 1, 10_000));
        delay = uint64(bound(delay, 0, 2 days));
        _grantVoters(eligible);
        uint256 id = target.propose(_params(quorumBps, delay, 1 days, 1 days));
        assertEq(_state(id), uint8(delay == 0 ? IBallot.ProposalState.Active : IBallot.ProposalState.Pending));

        uint8 previous = _state(id);
        uint256 executions;
        for (uint256 step = 0; step < 24; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 op = r % 4;
            if (op == 0) {
                vm.warp(block.timestamp + (r >> 8) % 2 days);
            } else if (op == 1 || op == 2) {
                address voter = _voter((r >> 8) % eligible);
                bool active = previous == uint8(IBallot.ProposalState.Active);
                bool canVote = active && !ballot.hasVoted(id, voter);
                if (!canVote) vm.expectRevert();
                vm.prank(voter);
                ballot.castVote(id, op == 1);
            } else {
                bool succeeded = previous == uint8(IBallot.ProposalState.Succeeded);
                if (!succeeded) {
                    vm.expectRevert(
                        abi.encodeWithSelector(
                            IBallot.BallotUnexpectedState.selector,
                            id,
                            IBallot.ProposalState(previous),
                            IBallot.ProposalState.Succeeded
                        )
                    );
                }
                ballot.execute(id);
                if (succeeded) executions++;
            }

            uint8 current = _state(id);
            assertTrue(_allowed(previous, current), "illegal transition");
            previous = current;
        }
        assertEq(target.calls(id), executions);
        assertLe(executions, 1);
        assertEq(ballot.proposal(id).executed, executions == 1);
    }

    function _allowed(uint8 from, uint8 to) private pure returns (bool) {
        IBallot.ProposalState f = IBallot.ProposalState(from);
        IBallot.ProposalState t = IBallot.ProposalState(to);
        if (f == t) return true;
        if (f == IBallot.ProposalState.Pending) {
            // no votes are possible while pending, so only time moves it on
            return t == IBallot.ProposalState.Active || t == IBallot.ProposalState.Defeated;
        }
        if (f == IBallot.ProposalState.Active) {
            return t == IBallot.ProposalState.Succeeded || t == IBallot.ProposalState.Defeated
                || t == IBallot.ProposalState.Expired;
        }
        if (f == IBallot.ProposalState.Succeeded) {
            return t == IBallot.ProposalState.Executed || t == IBallot.ProposalState.Expired;
        }
        return false; // Defeated, Executed and Expired are final
    }
}
