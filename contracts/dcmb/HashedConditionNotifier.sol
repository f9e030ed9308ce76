// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IHashedConditionNotifier} from "../interfaces/IHashedConditionNotifier.sol";

/// @title HashedConditionNotifier
/// @notice The paper's Algorithms 3–5 (Stodt & Reich, section 4): receivers register salted
/// hashes of labels for one sender; a sender's post that equals an active one notifies the
/// receiver. Neither readings nor labels come here; see {IHashedConditionNotifier}.
contract HashedConditionNotifier is IHashedConditionNotifier {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    uint8 private constant _MIN_SEVERITY = 1;
    uint8 private constant _MAX_SEVERITY = 5;

    IConsortiumRegistry private immutable _registry;

    uint256 private _conditionCount;
    mapping(uint256 conditionId => Condition) private _conditions;
    mapping(address receiver => mapping(address sender => mapping(bytes32 conditionHash => uint256 conditionId)))
        private _activeIds;

    /// @param registry_ the consortium registry: MEMBER checks via `hasRole`.
    constructor(IConsortiumRegistry registry_) {
        _registry = registry_;
    }

    modifier onlyMember() {
        _checkMember(msg.sender);
        _;
    }

    /// @inheritdoc IHashedConditionNotifier
    function registerCondition(
        address sender,
        bytes32 conditionHash,
        uint8 severity
    ) external onlyMember returns (uint256 conditionId) {
        address receiver = msg.sender;
        _checkMember(sender);
        if (severity < _MIN_SEVERITY || severity > _MAX_SEVERITY) revert NotifierInvalidSeverity(severity);
        if (conditionHash == bytes32(0)) revert NotifierZeroHash();
        if (_activeIds[receiver][sender][conditionHash] != 0) {
            revert NotifierDuplicateCondition(receiver, sender, conditionHash);
        }

        conditionId = ++_conditionCount;
        _conditions[conditionId] = Condition({
            receiver: receiver,
            sender: sender,
            conditionHash: conditionHash,
            severity: severity,
            active: true,
            registeredAt: uint64(block.timestamp),
            lastNotifiedAt: 0,
            notificationCount: 0
        });
        _activeIds[receiver][sender][conditionHash] = conditionId;
        emit ConditionRegistered(conditionId, receiver, sender, conditionHash, severity);
    }

    /// @inheritdoc IHashedConditionNotifier
    function revokeCondition(uint256 conditionId) external {
        Condition storage c = _existingCondition(conditionId);
        if (msg.sender != c.receiver) revert NotifierNotReceiver(conditionId, msg.sender);
        if (!c.active) revert NotifierAlreadyRevoked(conditionId);

        c.active = false;
        delete _activeIds[c.receiver][c.sender][c.conditionHash];
        emit ConditionRevoked(conditionId, c.receiver);
    }

    /// @inheritdoc IHashedConditionNotifier
    function post(address receiver, bytes32 valueHash) external onlyMember returns (bool matched) {
        address sender = msg.sender;
        uint256 conditionId = _activeIds[receiver][sender][valueHash];
        if (conditionId == 0) return false;

        Condition storage c = _conditions[conditionId];
        c.lastNotifiedAt = uint64(block.timestamp);
        ++c.notificationCount;
        emit Notified(conditionId, receiver, sender, c.severity, valueHash);
        return true;
    }

    /// @inheritdoc IHashedConditionNotifier
    function condition(uint256 conditionId) external view returns (Condition memory) {
        return _existingCondition(conditionId);
    }

    /// @inheritdoc IHashedConditionNotifier
    function conditionCount() external view returns (uint256) {
        return _conditionCount;
    }

    /// @inheritdoc IHashedConditionNotifier
    function conditionIdOf(address receiver, address sender, bytes32 conditionHash) external view returns (uint256) {
        return _activeIds[receiver][sender][conditionHash];
    }

    /// @notice The consortium registry (MEMBER checks).
    function registry() external view returns (IConsortiumRegistry) {
        return _registry;
    }

    function _existingCondition(uint256 conditionId) private view returns (Condition storage c) {
        c = _conditions[conditionId];
        if (c.receiver == address(0)) revert NotifierUnknownCondition(conditionId);
    }

    function _checkMember(address account) private view {
        if (!_registry.hasRole(_MEMBER_ROLE, account)) revert NotifierNotMember(account);
    }
}
