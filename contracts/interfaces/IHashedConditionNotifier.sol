// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

/// @title IHashedConditionNotifier
/// @notice The paper's Algorithms 3–5: a receiver (e.g. a machine manufacturer) registers
/// conditions as hash(label ‖ salt) with a severity, for one sender; the sender's module maps
/// each reading to a label by interval rules and posts hash(label ‖ salt) when the label
/// occurs; a post that matches a registered condition emits a notification to the receiver.
/// Neither the reading nor the label appears on chain; the salt is shared between the two
/// parties off chain, so nobody else can test guesses of the label against the hash.
interface IHashedConditionNotifier {
    /// @notice A condition as stored.
    struct Condition {
        address receiver;
        address sender;
        bytes32 conditionHash;
        uint8 severity; // 1 (info) .. 5 (critical)
        bool active;
        uint64 registeredAt;
        uint64 lastNotifiedAt;
        uint32 notificationCount;
    }

    event ConditionRegistered(uint256 indexed conditionId, address indexed receiver, address indexed sender, bytes32 conditionHash, uint8 severity);
    event ConditionRevoked(uint256 indexed conditionId, address indexed receiver);
    /// @notice Emitted for every post that matches an active condition of (receiver, sender).
    event Notified(uint256 indexed conditionId, address indexed receiver, address indexed sender, uint8 severity, bytes32 conditionHash);

    error NotifierNotMember(address account);
    error NotifierInvalidSeverity(uint8 severity);
    error NotifierZeroHash();
    error NotifierDuplicateCondition(address receiver, address sender, bytes32 conditionHash);
    error NotifierUnknownCondition(uint256 conditionId);
    error NotifierNotReceiver(uint256 conditionId, address account);
    error NotifierAlreadyRevoked(uint256 conditionId);

    /// @notice The receiver registers a condition on what `sender` may post.
    function registerCondition(address sender, bytes32 conditionHash, uint8 severity) external returns (uint256 conditionId);

    /// @notice The receiver revokes one of its conditions.
    function revokeCondition(uint256 conditionId) external;

    /// @notice The sender posts hash(label ‖ salt) for `receiver`; returns whether it matched an
    /// active condition (and so notified). A post that matches nothing changes nothing.
    function post(address receiver, bytes32 valueHash) external returns (bool matched);

    function condition(uint256 conditionId) external view returns (Condition memory);
    function conditionCount() external view returns (uint256);
    /// @notice The active condition of (receiver, sender) with this hash, 0 if none.
    function conditionIdOf(address receiver, address sender, bytes32 conditionHash) external view returns (uint256);
}
