// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IQualityChannel} from "./IQualityChannel.sol";

/// @title IComparisonBoard
/// @notice Comparison requests and answers of Nasu et al. (Tables III–V). A member A that
/// computed the two encrypted vectors Enc(z_i) for a pair (Table III, step 3) posts a
/// reference to them; the pair's lot owner B recomputes them from the public bundles,
/// decrypts, and answers with a reference to the result encrypted to A (Table IV), or
/// rejects a malformed or probing request. The relation itself never appears on chain.
/// @dev Lifecycle, computed by `state` (no other transition exists):
/// - None -> Open: `request` by a MEMBER; `answerBy = now + responsePeriod`;
/// - Open -> Answered: `respond` by the lot owner while `now <= answerBy`;
/// - Open -> Rejected: `reject` by the lot owner while `now <= answerBy`;
/// - Open -> Expired: time passes `answerBy` with neither (final; A may open a new request).
interface IComparisonBoard {
    enum RequestState {
        None,
        Open,
        Answered,
        Rejected,
        Expired
    }

    /// @notice A comparison request as stored. `status` is the stored part of the state
    /// (Open, Answered or Rejected); `state()` adds None and Expired.
    struct Request {
        uint256 pairId;
        address requester; // A
        address responder; // B, the pair's lot owner when the request was opened
        uint64 openedAt;
        uint64 answerBy; // last second at which B may answer or reject
        uint64 closedAt; // when answered or rejected, 0 before
        RequestState status;
        uint8 rejectReason; // one of the REJECT_* codes when Rejected, 0 otherwise
        string requestCid; // both Enc(z) vectors (JSON), public or encrypted to B
        bytes32 requestHash; // keccak256 of those exact bytes
        string resultCid; // Answered: the result encrypted to A; Rejected: the note, may be empty
        bytes32 resultHash; // Answered: keccak256 of the encrypted result's bytes; Rejected: 0
    }

    /// @notice Emitted when A opens a request about pair `pairId`.
    event RequestOpened(uint256 indexed requestId, uint256 indexed pairId, address indexed requester, uint64 answerBy);

    /// @notice Emitted when B answers; the result is encrypted to the requester off chain.
    event Answered(uint256 indexed requestId, address indexed responder, string resultCid, bytes32 resultHash);

    /// @notice Emitted when B rejects a request; `noteCid` may reference an explanation.
    event Rejected(uint256 indexed requestId, address indexed responder, uint8 indexed reason, string noteCid);

    error ComparisonInvalidResponsePeriod(uint64 responsePeriod);
    error ComparisonNotMember(address account);
    error ComparisonUnknownPair(uint256 pairId);
    error ComparisonEmptyRequest(string requestCid, bytes32 requestHash);
    error ComparisonEmptyResult(string resultCid, bytes32 resultHash);
    error ComparisonInvalidRejectReason(uint8 reason);
    error ComparisonNotResponder(uint256 requestId, address account);
    error ComparisonUnexpectedState(uint256 requestId, RequestState current, RequestState expected);

    /// @notice Reject code: the request cannot be parsed or has the wrong shape (length, bounds).
    function REJECT_MALFORMED() external view returns (uint8);

    /// @notice Reject code: the vectors differ from B's deterministic recomputation from the
    /// public bundles, so answering could leak more than the comparison (probing).
    function REJECT_PROBING() external view returns (uint8);

    /// @notice Reject code: B declines for a reason of its own policy (explained in the note).
    function REJECT_POLICY() external view returns (uint8);

    /// @notice Longest response period the constructor accepts (365 days).
    function MAX_RESPONSE_PERIOD() external view returns (uint64);

    /// @notice Opens a comparison request about pair `pairId`.
    /// @dev Caller must hold MEMBER; the pair must exist; non-empty CID, non-zero hash.
    function request(uint256 pairId, string calldata requestCid, bytes32 requestHash)
        external
        returns (uint256 requestId);

    /// @notice Answers an Open request with a reference to the result encrypted to the requester.
    /// @dev Caller must be the request's responder (the lot owner); state Open; non-empty
    /// CID, non-zero hash.
    function respond(uint256 requestId, string calldata resultCid, bytes32 resultHash) external;

    /// @notice Rejects an Open request.
    /// @dev Caller must be the request's responder; state Open; `reason` one of
    /// REJECT_MALFORMED (1), REJECT_PROBING (2), REJECT_POLICY (3); `noteCid` may be empty.
    function reject(uint256 requestId, uint8 reason, string calldata noteCid) external;

    /// @notice The request's lifecycle state, computed from its record and the time.
    function state(uint256 requestId) external view returns (RequestState);

    /// @notice The stored request; reverts with `ComparisonUnexpectedState` (None) if unknown.
    function requestOf(uint256 requestId) external view returns (Request memory);

    /// @notice Number of requests opened so far; ids run from 1 to this number.
    function requestCount() external view returns (uint256);

    /// @notice Seconds the responder has to answer a request.
    function responsePeriod() external view returns (uint64);

    /// @notice The quality channel whose pairs requests refer to.
    function channel() external view returns (IQualityChannel);
}
