// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IComparisonBoard} from "../../../contracts/interfaces/IComparisonBoard.sol";

import {QualityTestBase} from "./QualityTestBase.sol";

contract ComparisonBoardTest is QualityTestBase {
    uint256 private constant STEPS = 24;
    uint256 private constant MAX_REQUESTS = 6;

    uint256 private pairId;
    // Model of every request: its stored status and deadline.
    IComparisonBoard.RequestState[MAX_REQUESTS + 2] private modelStatus;
    uint64[MAX_REQUESTS + 2] private modelAnswerBy;
    uint256 private modelCount;

    function setUp() public override {
        super.setUp();
        pairId = _publishPair(keccak256("lot"), keccak256("key"));
    }

    /// Over random sequences of request / respond / reject (by the right or a wrong party,
    /// with valid or invalid reasons) and time jumps, a request's state never skips: None ->
    /// Open by `request` only, Open -> Answered / Rejected by the responder only and only
    /// while now <= answerBy, Open -> Expired by time only, and the last three are final.
    /// Every call succeeds exactly when the model says so.
    function testFuzz_requestStatesNeverSkip(uint256 seed) public {
        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            IComparisonBoard.RequestState[MAX_REQUESTS + 2] memory before = _states();
            uint256 target = 1 + ((r >> 8) % (modelCount + 1)); // an existing id or the next one
            uint256 touched; // the request id an action may legitimately move, 0 if none
            uint256 op = r % 6;

            if (op == 0 && modelCount < MAX_REQUESTS) {
                vm.prank(BUYER);
                uint256 id = board.request(pairId, "bafkz", keccak256(abi.encode(step)));
                assertEq(id, ++modelCount);
                modelStatus[id] = IComparisonBoard.RequestState.Open;
                modelAnswerBy[id] = uint64(block.timestamp) + RESPONSE_PERIOD;
                touched = id;
            } else if (op == 1 || op == 2) {
                touched = _tryRespondOrReject(target, op == 1, r);
            } else if (op == 3) {
                // A wrong party never moves a request.
                address intruder = (r >> 16) % 2 == 0 ? BUYER : MEMBER;
                vm.prank(intruder);
                try board.respond(target, "bafkresult", keccak256("result")) {
                    assertTrue(false, "respond by a wrong party succeeded");
                } catch {}
                vm.prank(intruder);
                try board.reject(target, 1, "") {
                    assertTrue(false, "reject by a wrong party succeeded");
                } catch {}
            } else if (op >= 4) {
                vm.warp(block.timestamp + ((r >> 16) % (RESPONSE_PERIOD + 2)));
            }

            IComparisonBoard.RequestState[MAX_REQUESTS + 2] memory afterwards = _states();
            for (uint256 id = 1; id <= MAX_REQUESTS + 1; ++id) {
                assertEq(uint8(afterwards[id]), uint8(_modelState(id)), "state equals the model");
                _checkEdge(before[id], afterwards[id], id == touched, op);
            }
        }
    }

    /// The responder's answer is accepted up to and including answerBy, never after.
    function testFuzz_answerOnlyUntilDeadline(uint64 delay, bool answer) public {
        delay = uint64(bound(delay, 0, 3 * RESPONSE_PERIOD));
        vm.prank(BUYER);
        uint256 id = board.request(pairId, "bafkz", keccak256("z"));
        vm.warp(block.timestamp + delay);
        bool late = delay > RESPONSE_PERIOD;
        vm.prank(OWNER);
        if (late) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IComparisonBoard.ComparisonUnexpectedState.selector,
                    id,
                    IComparisonBoard.RequestState.Expired,
                    IComparisonBoard.RequestState.Open
                )
            );
        }
        if (answer) board.respond(id, "bafkresult", keccak256("result"));
        else board.reject(id, 2, "bafknote");
        IComparisonBoard.RequestState expected = late
            ? IComparisonBoard.RequestState.Expired
            : (answer ? IComparisonBoard.RequestState.Answered : IComparisonBoard.RequestState.Rejected);
        assertEq(uint8(board.state(id)), uint8(expected));
    }

    /// @dev The responder answers (or rejects with a random reason code) request `target`;
    /// returns `target` if the model allows the call, 0 otherwise.
    function _tryRespondOrReject(uint256 target, bool answer, uint256 r) private returns (uint256) {
        uint8 reason = uint8((r >> 24) % 5); // 0 and 4 are invalid
        bool open = _modelState(target) == IComparisonBoard.RequestState.Open;
        bool ok = open && (answer || (reason >= 1 && reason <= 3));
        vm.prank(OWNER);
        if (answer) {
            try board.respond(target, "bafkresult", keccak256("result")) {
                assertTrue(ok, "respond succeeded against the model");
                modelStatus[target] = IComparisonBoard.RequestState.Answered;
            } catch {
                assertFalse(ok, "respond failed against the model");
            }
        } else {
            try board.reject(target, reason, "bafknote") {
                assertTrue(ok, "reject succeeded against the model");
                modelStatus[target] = IComparisonBoard.RequestState.Rejected;
            } catch {
                assertFalse(ok, "reject failed against the model");
            }
        }
        return ok ? target : 0;
    }

    function _checkEdge(
        IComparisonBoard.RequestState from,
        IComparisonBoard.RequestState to,
        bool touched,
        uint256 op
    ) private pure {
        if (from == to) return;
        bool edge = (from == IComparisonBoard.RequestState.None && to == IComparisonBoard.RequestState.Open && touched)
            || (from == IComparisonBoard.RequestState.Open && to == IComparisonBoard.RequestState.Answered && touched)
            || (from == IComparisonBoard.RequestState.Open && to == IComparisonBoard.RequestState.Rejected && touched)
            || (from == IComparisonBoard.RequestState.Open && to == IComparisonBoard.RequestState.Expired && op >= 4);
        assertTrue(edge, "only lifecycle edges");
    }

    function _modelState(uint256 id) private view returns (IComparisonBoard.RequestState) {
        IComparisonBoard.RequestState status = modelStatus[id];
        if (status == IComparisonBoard.RequestState.Open && block.timestamp > modelAnswerBy[id]) {
            return IComparisonBoard.RequestState.Expired;
        }
        return status;
    }

    function _states() private view returns (IComparisonBoard.RequestState[MAX_REQUESTS + 2] memory states) {
        for (uint256 id = 0; id <= MAX_REQUESTS + 1; ++id) {
            states[id] = board.state(id);
        }
    }
}
