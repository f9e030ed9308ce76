// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "./IConsortiumRegistry.sol";

/// @title ILoyaltyLedger
/// @notice Loyalty points across brands and e-commerce platforms, computed under encryption
/// (Hu et al., section 2.3). Issuers (brands, platforms) record each points amount as a
/// Paillier ciphertext under a key holder's public key; the key holder (a data-encryption
/// platform) authorises one computation by an MPC platform over a consumer's issuances; the
/// MPC platform posts the resulting membership tier (0..3, the number of thresholds 2000,
/// 5000, 10000 reached) or, for a formula, a ciphertext reference encrypted to the requester.
/// No plaintext amount or result ever comes on chain; consumers appear only as an opaque
/// `bytes32 consumerId` (e.g. keccak256 of a salted member-account id), never by name.
/// @dev Every actor is a consortium MEMBER; the poster also holds MPC. Key ids, issuance ids
/// and authorisation ids start at 1. An authorisation is Active until it is used (one post)
/// or revoked by its key holder; it can be used only before `expiresAt` (strictly).
interface ILoyaltyLedger {
    /// @notice Where an authorisation is in its life: None -> Active -> Used | Revoked.
    enum AuthorizationState {
        None,
        Active,
        Used,
        Revoked
    }

    /// @notice A key holder's Paillier public key document as registered.
    struct KeyRecord {
        address holder; // the member that holds the private key
        uint64 registeredAt;
        uint256 replacedBy; // the holder's next key id, 0 while this is its current key
        string keyCid; // the public key document
        bytes32 keyHash; // keccak256 of that document's bytes
    }

    /// @notice One encrypted points amount credited to a consumer.
    struct Issuance {
        bytes32 consumerId;
        address issuer; // the brand or platform that issued the points
        uint256 keyId; // the key the amount is encrypted under
        uint64 issuedAt;
        string ciphertextCid; // the Paillier ciphertext document
        bytes32 ciphertextHash; // keccak256 of that document's bytes
    }

    /// @notice A key holder's permission for one computation by one MPC platform.
    struct Authorization {
        bytes32 consumerId;
        uint8 kind; // KIND_TIER or KIND_FORMULA
        AuthorizationState state;
        address keyHolder; // who authorised it (holder of `keyId`)
        uint256 keyId; // the key of every listed issuance
        address mpc; // the only account that may post the result
        address requester; // who asked; a formula result is encrypted to it
        uint64 authorizedAt;
        uint64 expiresAt; // the post must come strictly before this time
        uint64 usedAt; // 0 until the result is posted
        uint256[] issuanceIds; // strictly ascending
    }

    /// @notice One entry of a consumer's tier history.
    struct TierRecord {
        uint8 tier; // 0..3
        uint256 authorizationId;
        uint64 postedAt;
        string evidenceCid; // the MPC platform's evidence document (transcript, proofs)
        bytes32 evidenceHash; // keccak256 of that document's bytes
    }

    /// @notice The posted result of a formula computation, encrypted to the requester.
    struct FormulaResult {
        uint64 postedAt; // 0 if none was posted
        string resultCid; // ciphertext document, readable by the requester only
        bytes32 resultHash; // keccak256 of that document's bytes
    }

    /// @notice Emitted when `holder` registers a key; `replaces` is its previous key id or 0.
    event KeyRegistered(uint256 indexed keyId, address indexed holder, uint256 replaces, string keyCid, bytes32 keyHash);

    /// @notice Emitted when an issuer records an encrypted points amount for a consumer.
    event PointsIssued(
        uint256 indexed issuanceId,
        bytes32 indexed consumerId,
        address indexed issuer,
        uint256 keyId,
        string ciphertextCid,
        bytes32 ciphertextHash
    );

    /// @notice Emitted when a key holder authorises a computation over `issuanceIds`.
    event ComputationAuthorized(
        uint256 indexed authorizationId,
        bytes32 indexed consumerId,
        address indexed mpc,
        uint8 kind,
        uint256 keyId,
        address requester,
        uint64 expiresAt,
        uint256[] issuanceIds
    );

    /// @notice Emitted when a key holder revokes an unused authorisation.
    event AuthorizationRevoked(uint256 indexed authorizationId, address indexed keyHolder);

    /// @notice Emitted when the MPC platform posts a consumer's tier.
    event TierPosted(
        uint256 indexed authorizationId,
        bytes32 indexed consumerId,
        address indexed mpc,
        uint8 tier,
        string evidenceCid,
        bytes32 evidenceHash
    );

    /// @notice Emitted when the MPC platform posts a formula result encrypted to `requester`.
    event FormulaResultPosted(
        uint256 indexed authorizationId,
        bytes32 indexed consumerId,
        address indexed requester,
        address mpc,
        string resultCid,
        bytes32 resultHash
    );

    /// @notice `account` is not a consortium member.
    error LoyaltyNotMember(address account);
    /// @notice `account` does not hold the MPC role.
    error LoyaltyNotMpc(address account);
    /// @notice A document CID was empty.
    error LoyaltyEmptyCid();
    /// @notice A document hash was zero.
    error LoyaltyZeroHash();
    /// @notice The consumer id was zero.
    error LoyaltyZeroConsumer();
    /// @notice No key `keyId` was registered.
    error LoyaltyUnknownKey(uint256 keyId);
    /// @notice Key `keyId` was replaced by its holder's key `replacedBy`: no new issuances under it.
    error LoyaltyKeyReplaced(uint256 keyId, uint256 replacedBy);
    /// @notice `account` is not `holder`, the holder of key `keyId`.
    error LoyaltyNotKeyHolder(uint256 keyId, address holder, address account);
    /// @notice No issuance `issuanceId` was recorded.
    error LoyaltyUnknownIssuance(uint256 issuanceId);
    /// @notice Issuance `issuanceId` belongs to `consumerId`, not to the authorisation's consumer.
    error LoyaltyOtherConsumer(uint256 issuanceId, bytes32 consumerId);
    /// @notice Issuance `issuanceId` is under key `keyId` while the first listed one is under `expectedKeyId`.
    error LoyaltyMixedKeys(uint256 issuanceId, uint256 keyId, uint256 expectedKeyId);
    /// @notice The issuance list was empty.
    error LoyaltyNoIssuances();
    /// @notice The issuance list had `count` entries, more than `max`.
    error LoyaltyTooManyIssuances(uint256 count, uint256 max);
    /// @notice Issuance ids must be strictly ascending (so no duplicates): `next` followed `previous`.
    error LoyaltyIssuancesNotAscending(uint256 previous, uint256 next);
    /// @notice `kind` is neither KIND_TIER nor KIND_FORMULA.
    error LoyaltyInvalidKind(uint8 kind);
    /// @notice `expiresAt` is not after the current block time `nowTime`.
    error LoyaltyExpiryNotInFuture(uint64 expiresAt, uint64 nowTime);
    /// @notice No authorisation `authorizationId` exists.
    error LoyaltyUnknownAuthorization(uint256 authorizationId);
    /// @notice `account` is not `mpc`, the MPC platform authorisation `authorizationId` names.
    error LoyaltyNotAuthorizedMpc(uint256 authorizationId, address mpc, address account);
    /// @notice Authorisation `authorizationId` is of `kind`, not of the `expected` kind.
    error LoyaltyWrongKind(uint256 authorizationId, uint8 kind, uint8 expected);
    /// @notice Authorisation `authorizationId` was already used.
    error LoyaltyAuthorizationUsed(uint256 authorizationId);
    /// @notice Authorisation `authorizationId` was revoked.
    error LoyaltyAuthorizationRevoked(uint256 authorizationId);
    /// @notice Authorisation `authorizationId` expired at `expiresAt`.
    error LoyaltyAuthorizationExpired(uint256 authorizationId, uint64 expiresAt);
    /// @notice `tier` is above MAX_TIER.
    error LoyaltyInvalidTier(uint8 tier);

    /// @notice Kind of an authorisation that computes a membership tier.
    function KIND_TIER() external view returns (uint8);

    /// @notice Kind of an authorisation that computes a formula result for the requester.
    function KIND_FORMULA() external view returns (uint8);

    /// @notice The highest tier (3: every threshold reached).
    function MAX_TIER() external view returns (uint8);

    /// @notice The most issuances one authorisation may list (64), which bounds its gas.
    function MAX_ISSUANCES_PER_AUTHORIZATION() external view returns (uint256);

    /// @notice The points thresholds [2000, 5000, 10000]; a consumer's tier is the number of
    /// them its total reaches (total >= threshold).
    function tierThresholds() external pure returns (uint256[3] memory);

    /// @notice Registers the caller's Paillier public key document as a new key, replacing the
    /// caller's current key if it has one (that key then takes no new issuances).
    /// @dev Caller must be a MEMBER; `keyCid` non-empty, `keyHash` non-zero.
    function registerKeyHolder(string calldata keyCid, bytes32 keyHash) external returns (uint256 keyId);

    /// @notice Records one points amount for `consumerId`, encrypted under key `keyId`.
    /// @dev Caller (the issuer) must be a MEMBER; `keyId` must be a current (not replaced)
    /// key; `consumerId` non-zero, `ciphertextCid` non-empty, `ciphertextHash` non-zero.
    function issuePoints(
        bytes32 consumerId,
        uint256 keyId,
        string calldata ciphertextCid,
        bytes32 ciphertextHash
    ) external returns (uint256 issuanceId);

    /// @notice Authorises `mpc` to compute, once and before `expiresAt`, a result of `kind`
    /// over `issuanceIds` of `consumerId` for `requester`.
    /// @dev Caller must be a MEMBER and the holder of the key of every listed issuance; all
    /// listed issuances must belong to `consumerId` and be under the same key (replaced keys
    /// are fine: the holder still has their private keys). `issuanceIds`: 1..64 ids, strictly
    /// ascending. `mpc` must hold MPC; `requester` must be a MEMBER; `expiresAt` > now.
    function authorizeComputation(
        bytes32 consumerId,
        uint8 kind,
        uint256[] calldata issuanceIds,
        address mpc,
        address requester,
        uint64 expiresAt
    ) external returns (uint256 authorizationId);

    /// @notice Revokes an Active authorisation. Caller must be its key holder.
    function revokeAuthorization(uint256 authorizationId) external;

    /// @notice Posts the consumer's tier computed under authorisation `authorizationId` and
    /// appends it to the consumer's tier history.
    /// @dev Caller must be the authorisation's `mpc` and still hold MPC; the authorisation
    /// must be of KIND_TIER, Active and unexpired; `tier` <= MAX_TIER; evidence CID non-empty
    /// and hash non-zero. Uses the authorisation.
    function postTier(uint256 authorizationId, uint8 tier, string calldata evidenceCid, bytes32 evidenceHash) external;

    /// @notice Posts the formula result computed under authorisation `authorizationId`: a
    /// ciphertext document encrypted to the authorisation's requester, never a plaintext.
    /// @dev Same conditions as {postTier} with KIND_FORMULA. Uses the authorisation.
    function postFormulaResult(uint256 authorizationId, string calldata resultCid, bytes32 resultHash) external;

    /// @notice The stored key; reverts with `LoyaltyUnknownKey` for an unknown id.
    function key(uint256 keyId) external view returns (KeyRecord memory);

    /// @notice `holder`'s current key id (0 if it never registered one).
    function currentKeyOf(address holder) external view returns (uint256 keyId);

    /// @notice The stored issuance; reverts with `LoyaltyUnknownIssuance` for an unknown id.
    function issuance(uint256 issuanceId) external view returns (Issuance memory);

    /// @notice Ids of every issuance to `consumerId`, oldest first.
    function issuancesOf(bytes32 consumerId) external view returns (uint256[] memory issuanceIds);

    /// @notice The stored authorisation; reverts with `LoyaltyUnknownAuthorization` for an unknown id.
    function authorization(uint256 authorizationId) external view returns (Authorization memory);

    /// @notice Every tier posted for `consumerId`, oldest first.
    function tierHistory(bytes32 consumerId) external view returns (TierRecord[] memory);

    /// @notice The latest tier posted for `consumerId` (0 if none: check {tierHistory}).
    function currentTier(bytes32 consumerId) external view returns (uint8);

    /// @notice The formula result posted under `authorizationId` (postedAt 0 if none).
    function formulaResult(uint256 authorizationId) external view returns (FormulaResult memory);

    /// @notice Number of keys registered so far (the last key id).
    function keyCount() external view returns (uint256);

    /// @notice Number of issuances so far (the last issuance id).
    function issuanceCount() external view returns (uint256);

    /// @notice Number of authorisations so far (the last authorisation id).
    function authorizationCount() external view returns (uint256);

    /// @notice The consortium registry (MEMBER and MPC roles).
    function registry() external view returns (IConsortiumRegistry);
}
