// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {ILoyaltyLedger} from "../interfaces/ILoyaltyLedger.sol";

/// @title LoyaltyLedger
/// @notice Encrypted loyalty points, key holders' authorisations of MPC computations over
/// them, and the posted tiers and formula results (Hu et al., section 2.3). The chain holds
/// CIDs and hashes of ciphertext documents only, never an amount. See {ILoyaltyLedger}.
contract LoyaltyLedger is ILoyaltyLedger {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    bytes32 private constant _MPC_ROLE = keccak256("MPC");

    /// @inheritdoc ILoyaltyLedger
    uint8 public constant KIND_TIER = 1;
    /// @inheritdoc ILoyaltyLedger
    uint8 public constant KIND_FORMULA = 2;
    /// @inheritdoc ILoyaltyLedger
    uint8 public constant MAX_TIER = 3;
    /// @inheritdoc ILoyaltyLedger
    uint256 public constant MAX_ISSUANCES_PER_AUTHORIZATION = 64;

    // Solidity has no constant arrays: the thresholds are three constants behind one view.
    uint256 private constant _THRESHOLD_1 = 2_000;
    uint256 private constant _THRESHOLD_2 = 5_000;
    uint256 private constant _THRESHOLD_3 = 10_000;

    IConsortiumRegistry private immutable _registry;

    uint256 private _keyCount;
    uint256 private _issuanceCount;
    uint256 private _authorizationCount;
    mapping(uint256 keyId => KeyRecord) private _keys;
    mapping(address holder => uint256 keyId) private _currentKey;
    mapping(uint256 issuanceId => Issuance) private _issuances;
    mapping(bytes32 consumerId => uint256[] issuanceIds) private _issuancesOf;
    mapping(uint256 authorizationId => Authorization) private _authorizations;
    mapping(bytes32 consumerId => TierRecord[]) private _tierHistory;
    mapping(uint256 authorizationId => FormulaResult) private _formulaResults;

    /// @param registry_ the consortium registry: MEMBER and MPC roles.
    constructor(IConsortiumRegistry registry_) {
        _registry = registry_;
    }

    /// @inheritdoc ILoyaltyLedger
    function tierThresholds() external pure returns (uint256[3] memory) {
        return [_THRESHOLD_1, _THRESHOLD_2, _THRESHOLD_3];
    }

    /// @inheritdoc ILoyaltyLedger
    function registerKeyHolder(string calldata keyCid, bytes32 keyHash) external returns (uint256 keyId) {
        _requireMember(msg.sender);
        _requireDocument(keyCid, keyHash);
        uint256 previous = _currentKey[msg.sender];
        keyId = ++_keyCount;
        KeyRecord storage k = _keys[keyId];
        k.holder = msg.sender;
        k.registeredAt = uint64(block.timestamp);
        k.keyCid = keyCid;
        k.keyHash = keyHash;
        if (previous != 0) _keys[previous].replacedBy = keyId;
        _currentKey[msg.sender] = keyId;
        emit KeyRegistered(keyId, msg.sender, previous, keyCid, keyHash);
    }

    /// @inheritdoc ILoyaltyLedger
    function issuePoints(
        bytes32 consumerId,
        uint256 keyId,
        string calldata ciphertextCid,
        bytes32 ciphertextHash
    ) external returns (uint256 issuanceId) {
        _requireMember(msg.sender);
        if (consumerId == bytes32(0)) revert LoyaltyZeroConsumer();
        KeyRecord storage k = _existingKey(keyId);
        // A replaced key's holder may have discarded its private key: new points go under the new one.
        if (k.replacedBy != 0) revert LoyaltyKeyReplaced(keyId, k.replacedBy);
        _requireDocument(ciphertextCid, ciphertextHash);
        issuanceId = ++_issuanceCount;
        Issuance storage i = _issuances[issuanceId];
        i.consumerId = consumerId;
        i.issuer = msg.sender;
        i.keyId = keyId;
        i.issuedAt = uint64(block.timestamp);
        i.ciphertextCid = ciphertextCid;
        i.ciphertextHash = ciphertextHash;
        _issuancesOf[consumerId].push(issuanceId);
        emit PointsIssued(issuanceId, consumerId, msg.sender, keyId, ciphertextCid, ciphertextHash);
    }

    /// @inheritdoc ILoyaltyLedger
    function authorizeComputation(
        bytes32 consumerId,
        uint8 kind,
        uint256[] calldata issuanceIds,
        address mpc,
        address requester,
        uint64 expiresAt
    ) external returns (uint256 authorizationId) {
        _requireMember(msg.sender);
        if (kind != KIND_TIER && kind != KIND_FORMULA) revert LoyaltyInvalidKind(kind);
        if (expiresAt <= block.timestamp) revert LoyaltyExpiryNotInFuture(expiresAt, uint64(block.timestamp));
        if (!_registry.hasRole(_MPC_ROLE, mpc)) revert LoyaltyNotMpc(mpc);
        _requireMember(requester);
        uint256 keyId = _checkIssuances(consumerId, issuanceIds);

        authorizationId = ++_authorizationCount;
        Authorization storage a = _authorizations[authorizationId];
        a.consumerId = consumerId;
        a.kind = kind;
        a.state = AuthorizationState.Active;
        a.keyHolder = msg.sender;
        a.keyId = keyId;
        a.mpc = mpc;
        a.requester = requester;
        a.authorizedAt = uint64(block.timestamp);
        a.expiresAt = expiresAt;
        a.issuanceIds = issuanceIds;
        emit ComputationAuthorized(authorizationId, consumerId, mpc, kind, keyId, requester, expiresAt, issuanceIds);
    }

    /// @inheritdoc ILoyaltyLedger
    function revokeAuthorization(uint256 authorizationId) external {
        Authorization storage a = _existingAuthorization(authorizationId);
        if (a.keyHolder != msg.sender) revert LoyaltyNotKeyHolder(a.keyId, a.keyHolder, msg.sender);
        _requireActive(authorizationId, a);
        a.state = AuthorizationState.Revoked;
        emit AuthorizationRevoked(authorizationId, msg.sender);
    }

    /// @inheritdoc ILoyaltyLedger
    function postTier(uint256 authorizationId, uint8 tier, string calldata evidenceCid, bytes32 evidenceHash) external {
        Authorization storage a = _usable(authorizationId, KIND_TIER);
        if (tier > MAX_TIER) revert LoyaltyInvalidTier(tier);
        _requireDocument(evidenceCid, evidenceHash);
        _use(a);
        _tierHistory[a.consumerId].push(
            TierRecord({
                tier: tier,
                authorizationId: authorizationId,
                postedAt: uint64(block.timestamp),
                evidenceCid: evidenceCid,
                evidenceHash: evidenceHash
            })
        );
        emit TierPosted(authorizationId, a.consumerId, msg.sender, tier, evidenceCid, evidenceHash);
    }

    /// @inheritdoc ILoyaltyLedger
    function postFormulaResult(uint256 authorizationId, string calldata resultCid, bytes32 resultHash) external {
        Authorization storage a = _usable(authorizationId, KIND_FORMULA);
        _requireDocument(resultCid, resultHash);
        _use(a);
        _formulaResults[authorizationId] = FormulaResult({
            postedAt: uint64(block.timestamp),
            resultCid: resultCid,
            resultHash: resultHash
        });
        emit FormulaResultPosted(authorizationId, a.consumerId, a.requester, msg.sender, resultCid, resultHash);
    }

    /// @inheritdoc ILoyaltyLedger
    function key(uint256 keyId) external view returns (KeyRecord memory) {
        return _existingKey(keyId);
    }

    /// @inheritdoc ILoyaltyLedger
    function currentKeyOf(address holder) external view returns (uint256) {
        return _currentKey[holder];
    }

    /// @inheritdoc ILoyaltyLedger
    function issuance(uint256 issuanceId) external view returns (Issuance memory) {
        return _existingIssuance(issuanceId);
    }

    /// @inheritdoc ILoyaltyLedger
    function issuancesOf(bytes32 consumerId) external view returns (uint256[] memory) {
        return _issuancesOf[consumerId];
    }

    /// @inheritdoc ILoyaltyLedger
    function authorization(uint256 authorizationId) external view returns (Authorization memory) {
        return _existingAuthorization(authorizationId);
    }

    /// @inheritdoc ILoyaltyLedger
    function tierHistory(bytes32 consumerId) external view returns (TierRecord[] memory) {
        return _tierHistory[consumerId];
    }

    /// @inheritdoc ILoyaltyLedger
    function currentTier(bytes32 consumerId) external view returns (uint8) {
        TierRecord[] storage history = _tierHistory[consumerId];
        return history.length == 0 ? 0 : history[history.length - 1].tier;
    }

    /// @inheritdoc ILoyaltyLedger
    function formulaResult(uint256 authorizationId) external view returns (FormulaResult memory) {
        return _formulaResults[authorizationId];
    }

    /// @inheritdoc ILoyaltyLedger
    function keyCount() external view returns (uint256) {
        return _keyCount;
    }

    /// @inheritdoc ILoyaltyLedger
    function issuanceCount() external view returns (uint256) {
        return _issuanceCount;
    }

    /// @inheritdoc ILoyaltyLedger
    function authorizationCount() external view returns (uint256) {
        return _authorizationCount;
    }

    /// @inheritdoc ILoyaltyLedger
    function registry() external view returns (IConsortiumRegistry) {
        return _registry;
    }

    /// @dev 1..64 strictly ascending issuances of `consumerId`, all under one key held by the
    /// caller. Returns that key.
    function _checkIssuances(bytes32 consumerId, uint256[] calldata issuanceIds) private view returns (uint256 keyId) {
        uint256 count = issuanceIds.length;
        if (count == 0) revert LoyaltyNoIssuances();
        if (count > MAX_ISSUANCES_PER_AUTHORIZATION) revert LoyaltyTooManyIssuances(count, MAX_ISSUANCES_PER_AUTHORIZATION);
        keyId = _existingIssuance(issuanceIds[0]).keyId;
        address holder = _keys[keyId].holder;
        if (holder != msg.sender) revert LoyaltyNotKeyHolder(keyId, holder, msg.sender);
        for (uint256 n = 0; n < count; ++n) {
            uint256 id = issuanceIds[n];
            if (n > 0 && id <= issuanceIds[n - 1]) revert LoyaltyIssuancesNotAscending(issuanceIds[n - 1], id);
            Issuance storage i = _existingIssuance(id);
            if (i.consumerId != consumerId) revert LoyaltyOtherConsumer(id, i.consumerId);
            // Ciphertexts under different Paillier keys cannot be added homomorphically.
            if (i.keyId != keyId) revert LoyaltyMixedKeys(id, i.keyId, keyId);
        }
    }

    /// @dev The authorisation exists, names the caller as its MPC platform (which still holds
    /// MPC), is of `kind`, Active and unexpired.
    function _usable(uint256 authorizationId, uint8 kind) private view returns (Authorization storage a) {
        a = _existingAuthorization(authorizationId);
        if (a.mpc != msg.sender) revert LoyaltyNotAuthorizedMpc(authorizationId, a.mpc, msg.sender);
        if (!_registry.hasRole(_MPC_ROLE, msg.sender)) revert LoyaltyNotMpc(msg.sender);
        if (a.kind != kind) revert LoyaltyWrongKind(authorizationId, a.kind, kind);
        _requireActive(authorizationId, a);
        if (block.timestamp >= a.expiresAt) revert LoyaltyAuthorizationExpired(authorizationId, a.expiresAt);
    }

    function _use(Authorization storage a) private {
        a.state = AuthorizationState.Used;
        a.usedAt = uint64(block.timestamp);
    }

    function _requireActive(uint256 authorizationId, Authorization storage a) private view {
        if (a.state == AuthorizationState.Used) revert LoyaltyAuthorizationUsed(authorizationId);
        if (a.state == AuthorizationState.Revoked) revert LoyaltyAuthorizationRevoked(authorizationId);
    }

    function _requireMember(address account) private view {
        if (!_registry.hasRole(_MEMBER_ROLE, account)) revert LoyaltyNotMember(account);
    }

    function _requireDocument(string calldata cid, bytes32 hash) private pure {
        if (bytes(cid).length == 0) revert LoyaltyEmptyCid();
        if (hash == bytes32(0)) revert LoyaltyZeroHash();
    }

    function _existingKey(uint256 keyId) private view returns (KeyRecord storage k) {
        k = _keys[keyId];
        if (k.holder == address(0)) revert LoyaltyUnknownKey(keyId);
    }

    function _existingIssuance(uint256 issuanceId) private view returns (Issuance storage i) {
        i = _issuances[issuanceId];
        if (i.issuer == address(0)) revert LoyaltyUnknownIssuance(issuanceId);
    }

    function _existingAuthorization(uint256 authorizationId) private view returns (Authorization storage a) {
        a = _authorizations[authorizationId];
        if (a.state == AuthorizationState.None) revert LoyaltyUnknownAuthorization(authorizationId);
    }
}
