// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IComparisonBoard} from "../interfaces/IComparisonBoard.sol";
import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IQualityChannel} from "../interfaces/IQualityChannel.sol";

/// @title ComparisonBoard
/// @notice Comparison requests about quality pairs and the lot owners' answers or
/// rejections, with a response deadline. References only; see {IComparisonBoard}.
contract ComparisonBoard is IComparisonBoard {
    /// @inheritdoc IComparisonBoard
    uint8 public constant REJECT_MALFORMED = 1;
    /// @inheritdoc IComparisonBoard
    uint8 public constant REJECT_PROBING = 2;
    /// @inheritdoc IComparisonBoard
    uint8 public constant REJECT_POLICY = 3;
    /// @inheritdoc IComparisonBoard
    uint64 public constant MAX_RESPONSE_PERIOD = 365 days;

    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");

    IQualityChannel private immutable _channel;
    IConsortiumRegistry private immutable _registry;
    uint64 private immutable _responsePeriod;

    uint256 private _requestCount;
    mapping(uint256 requestId => Request) private _requests;

    /// @param channel_ the quality channel whose pairs are compared; its registry decides membership.
    /// @param responsePeriod_ seconds a lot owner has to answer, 1..MAX_RESPONSE_PERIOD.
    constructor(IQualityChannel channel_, uint64 responsePeriod_) {
        if (responsePeriod_ == 0 || responsePeriod_ > MAX_RESPONSE_PERIOD) {
            revert ComparisonInvalidResponsePeriod(responsePeriod_);
        }
        _channel = channel_;
        _registry = channel_.registry();
        _responsePeriod = responsePeriod_;
    }

    /// @inheritdoc IComparisonBoard
    function request(uint256 pairId, string calldata requestCid, bytes32 requestHash)
        external
        returns (uint256 requestId)
    {
        if (!_registry.hasRole(_MEMBER_ROLE, msg.sender)) revert ComparisonNotMember(msg.sender);
        if (pairId == 0 || pairId > _channel.pairCount()) revert ComparisonUnknownPair(pairId);
        if (bytes(requestCid).length == 0 || requestHash == bytes32(0)) {
            revert ComparisonEmptyRequest(requestCid, requestHash);
        }

        requestId = ++_requestCount;
        uint64 answerBy = uint64(block.timestamp) + _responsePeriod;
        Request storage r = _requests[requestId];
        r.pairId = pairId;
        r.requester = msg.sender;
        r.responder = _channel.pairOwner(pairId); // lots never change owner
        r.openedAt = uint64(block.timestamp);
        r.answerBy = answerBy;
        r.status = RequestState.Open;
        r.requestCid = requestCid;
        r.requestHash = requestHash;
        emit RequestOpened(requestId, pairId, msg.sender, answerBy);
    }

    /// @inheritdoc IComparisonBoard
    function respond(uint256 requestId, string calldata resultCid, bytes32 resultHash) external {
        Request storage r = _validateState(requestId, RequestState.Open);
        _checkResponder(requestId, r);
        if (bytes(resultCid).length == 0 || resultHash == bytes32(0)) revert ComparisonEmptyResult(resultCid, resultHash);

        r.status = RequestState.Answered;
        r.closedAt = uint64(block.timestamp);
        r.resultCid = resultCid;
        r.resultHash = resultHash;
        emit Answered(requestId, msg.sender, resultCid, resultHash);
    }

    /// @inheritdoc IComparisonBoard
    function reject(uint256 requestId, uint8 reason, string calldata noteCid) external {
        Request storage r = _validateState(requestId, RequestState.Open);
        _checkResponder(requestId, r);
        if (reason == 0 || reason > REJECT_POLICY) revert ComparisonInvalidRejectReason(reason);

        r.status = RequestState.Rejected;
        r.closedAt = uint64(block.timestamp);
        r.rejectReason = reason;
        r.resultCid = noteCid;
        emit Rejected(requestId, msg.sender, reason, noteCid);
    }

    /// @inheritdoc IComparisonBoard
    function state(uint256 requestId) public view returns (RequestState) {
        Request storage r = _requests[requestId];
        RequestState status = r.status;
        if (status == RequestState.Open && block.timestamp > r.answerBy) return RequestState.Expired;
        return status;
    }

    /// @inheritdoc IComparisonBoard
    function requestOf(uint256 requestId) external view returns (Request memory) {
        if (_requests[requestId].status == RequestState.None) {
            revert ComparisonUnexpectedState(requestId, RequestState.None, RequestState.Open);
        }
        return _requests[requestId];
    }

    /// @inheritdoc IComparisonBoard
    function requestCount() external view returns (uint256) {
        return _requestCount;
    }

    /// @inheritdoc IComparisonBoard
    function responsePeriod() external view returns (uint64) {
        return _responsePeriod;
    }

    /// @inheritdoc IComparisonBoard
    function channel() external view returns (IQualityChannel) {
        return _channel;
    }

    function _validateState(uint256 requestId, RequestState expected) private view returns (Request storage r) {
        RequestState current = state(requestId);
        if (current != expected) revert ComparisonUnexpectedState(requestId, current, expected);
        r = _requests[requestId];
    }

    function _checkResponder(uint256 requestId, Request storage r) private view {
        if (msg.sender != r.responder) revert ComparisonNotResponder(requestId, msg.sender);
    }
}
