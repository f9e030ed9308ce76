// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IDcmbAuditTrail
/// @notice The DCMB part (Stodt & Reich): the audit trail of data a member (the sender, e.g. a
/// machine owner) streams directly to another member (the receiver, e.g. the machine's
/// manufacturer) over a libp2p stream. The data never comes here. Per interval the sender
/// records one Merkle root over the batch's (index, leaf) pairs, leaf = Argon2id(data ‖ salt) (the paper's
/// "sign the total blob"); the receiver checks each message it gets against that root and
/// acknowledges the batch; what could not be delivered (expired or overflowed in the sender's
/// queue) is recorded as a failed delivery. `recordMessage` reproduces the paper's Algorithm 1
/// exactly (hash and salt per message on chain) for senders that choose public salts.
/// @dev Batches of a (sender, receiver) channel are numbered 1, 2, 3, … with no gap, so an
/// auditor can tell that nothing was left out. Only MEMBERs send and receive.
interface IDcmbAuditTrail {
    enum FailureReason {
        None,
        Expired,
        Overflow
    }

    /// @notice A batch as stored.
    struct Batch {
        bytes32 root; // StandardMerkleTree root over (uint32 index, bytes32 leaf) values
        uint32 messageCount;
        uint64 intervalStart; // unix seconds, inclusive
        uint64 intervalEnd; // unix seconds, exclusive
        uint64 recordedAt;
        uint64 acknowledgedAt; // 0 until the receiver acknowledged
        uint32 failedCount; // messages of this batch recorded as not delivered
    }

    event BatchRecorded(
        address indexed sender,
        address indexed receiver,
        uint64 indexed batchId,
        bytes32 root,
        uint32 messageCount,
        uint64 intervalStart,
        uint64 intervalEnd
    );
    event BatchAcknowledged(address indexed sender, address indexed receiver, uint64 indexed batchId, uint32 receivedCount);
    event DeliveryFailed(address indexed sender, address indexed receiver, uint64 indexed batchId, uint32 count, FailureReason reason);
    /// @notice Algorithm 1 as the paper writes it: the Argon2id hash and its salt, public.
    event MessageRecorded(address indexed sender, address indexed receiver, bytes32 hash, bytes salt);

    error DcmbNotMember(address account);
    error DcmbSelfChannel();
    error DcmbUnexpectedBatchId(uint64 expected, uint64 got);
    error DcmbEmptyBatch();
    error DcmbZeroRoot();
    error DcmbInvalidInterval(uint64 intervalStart, uint64 intervalEnd);
    error DcmbUnknownBatch(address sender, address receiver, uint64 batchId);
    error DcmbAlreadyAcknowledged(uint64 batchId);
    error DcmbInvalidCount(uint32 count, uint32 messageCount);
    error DcmbInvalidReason();
    error DcmbInvalidSalt(uint256 length);

    /// @notice The sender records batch `batchId` (= lastBatchId + 1) of its channel to `receiver`.
    function recordBatch(address receiver, uint64 batchId, bytes32 root, uint32 messageCount, uint64 intervalStart, uint64 intervalEnd) external;

    /// @notice The receiver acknowledges a batch: it received and verified `receivedCount` of its messages.
    function acknowledgeBatch(address sender, uint64 batchId, uint32 receivedCount) external;

    /// @notice The sender records that `count` messages of a batch were not delivered (expired or overflowed).
    /// May be called more than once per batch; the total never exceeds the batch's message count.
    function recordFailedDelivery(address receiver, uint64 batchId, uint32 count, FailureReason reason) external;

    /// @notice Algorithm 1 verbatim (public salt, 8..64 bytes): no Merkle batching, one event per message.
    function recordMessage(address receiver, bytes32 hash, bytes calldata salt) external;

    function batch(address sender, address receiver, uint64 batchId) external view returns (Batch memory);
    function lastBatchId(address sender, address receiver) external view returns (uint64);
}
