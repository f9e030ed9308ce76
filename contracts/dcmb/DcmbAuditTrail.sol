// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IDcmbAuditTrail} from "../interfaces/IDcmbAuditTrail.sol";

/// @title DcmbAuditTrail
/// @notice The DCMB audit trail (Stodt & Reich, sections 3–4): per (sender, receiver) channel,
/// gap-free batches of Merkle roots over Argon2id leaves, the receiver's acknowledgements and
/// the sender's failed deliveries; plus Algorithm 1 verbatim. No data ever comes here; see
/// {IDcmbAuditTrail}.
contract DcmbAuditTrail is IDcmbAuditTrail {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    uint256 private constant _MIN_SALT = 8;
    uint256 private constant _MAX_SALT = 64;

    IConsortiumRegistry private immutable _registry;

    mapping(address sender => mapping(address receiver => uint64)) private _lastBatchIds;
    mapping(address sender => mapping(address receiver => mapping(uint64 batchId => Batch))) private _batches;

    /// @param registry_ the consortium registry: MEMBER checks via `hasRole`.
    constructor(IConsortiumRegistry registry_) {
        _registry = registry_;
    }

    modifier onlyMember() {
        _checkMember(msg.sender);
        _;
    }

    /// @inheritdoc IDcmbAuditTrail
    function recordBatch(
        address receiver,
        uint64 batchId,
        bytes32 root,
        uint32 messageCount,
        uint64 intervalStart,
        uint64 intervalEnd
    ) external onlyMember {
        address sender = msg.sender;
        _checkReceiver(sender, receiver);
        uint64 expected = _lastBatchIds[sender][receiver] + 1;
        if (batchId != expected) revert DcmbUnexpectedBatchId(expected, batchId);
        if (messageCount == 0) revert DcmbEmptyBatch();
        if (root == bytes32(0)) revert DcmbZeroRoot();
        if (intervalStart >= intervalEnd) revert DcmbInvalidInterval(intervalStart, intervalEnd);

        _lastBatchIds[sender][receiver] = batchId;
        Batch storage b = _batches[sender][receiver][batchId];
        b.root = root;
        b.messageCount = messageCount;
        b.intervalStart = intervalStart;
        b.intervalEnd = intervalEnd;
        b.recordedAt = uint64(block.timestamp);
        emit BatchRecorded(sender, receiver, batchId, root, messageCount, intervalStart, intervalEnd);
    }

    /// @inheritdoc IDcmbAuditTrail
    function acknowledgeBatch(address sender, uint64 batchId, uint32 receivedCount) external onlyMember {
        address receiver = msg.sender;
        Batch storage b = _existingBatch(sender, receiver, batchId);
        if (b.acknowledgedAt != 0) revert DcmbAlreadyAcknowledged(batchId);
        if (receivedCount > b.messageCount) revert DcmbInvalidCount(receivedCount, b.messageCount);

        b.acknowledgedAt = uint64(block.timestamp);
        emit BatchAcknowledged(sender, receiver, batchId, receivedCount);
    }

    /// @inheritdoc IDcmbAuditTrail
    function recordFailedDelivery(address receiver, uint64 batchId, uint32 count, FailureReason reason) external onlyMember {
        address sender = msg.sender;
        Batch storage b = _existingBatch(sender, receiver, batchId);
        if (reason != FailureReason.Expired && reason != FailureReason.Overflow) revert DcmbInvalidReason();
        uint32 messageCount = b.messageCount;
        // Summed in 256 bits so that a huge `count` cannot wrap around.
        if (count == 0 || uint256(b.failedCount) + count > messageCount) revert DcmbInvalidCount(count, messageCount);

        b.failedCount += count;
        emit DeliveryFailed(sender, receiver, batchId, count, reason);
    }

    /// @inheritdoc IDcmbAuditTrail
    function recordMessage(address receiver, bytes32 hash, bytes calldata salt) external onlyMember {
        address sender = msg.sender;
        _checkReceiver(sender, receiver);
        if (salt.length < _MIN_SALT || salt.length > _MAX_SALT) revert DcmbInvalidSalt(salt.length);
        emit MessageRecorded(sender, receiver, hash, salt);
    }

    /// @inheritdoc IDcmbAuditTrail
    function batch(address sender, address receiver, uint64 batchId) external view returns (Batch memory) {
        return _existingBatch(sender, receiver, batchId);
    }

    /// @inheritdoc IDcmbAuditTrail
    function lastBatchId(address sender, address receiver) external view returns (uint64) {
        return _lastBatchIds[sender][receiver];
    }

    /// @notice The consortium registry (MEMBER checks).
    function registry() external view returns (IConsortiumRegistry) {
        return _registry;
    }

    function _existingBatch(address sender, address receiver, uint64 batchId) private view returns (Batch storage) {
        if (batchId == 0 || batchId > _lastBatchIds[sender][receiver]) revert DcmbUnknownBatch(sender, receiver, batchId);
        return _batches[sender][receiver][batchId];
    }

    function _checkReceiver(address sender, address receiver) private view {
        if (receiver == sender) revert DcmbSelfChannel();
        _checkMember(receiver);
    }

    function _checkMember(address account) private view {
        if (!_registry.hasRole(_MEMBER_ROLE, account)) revert DcmbNotMember(account);
    }
}
