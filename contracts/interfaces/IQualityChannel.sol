// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "./IConsortiumRegistry.sol";

/// @title IQualityChannel
/// @notice The quality channel and the XOR channel of Nasu et al. (Table I, Fig. 5) on one
/// contract. A member (company B) registers a lot and, for each pair of measurement times
/// (t, t+1), publishes a reference to its bitwise-Paillier-encrypted quality values
/// Enc(x_i), Enc(y_i) and to the fresh Paillier public key of that pair (Table I, step 2).
/// For each servicer it chooses, B then posts a reference to Enc(x_i XOR y_i) encrypted to
/// that servicer, with a commitment to the plaintext XOR bundle (Table I, step 4).
/// @dev Only references go on chain: an IPFS CID plus the keccak256 of the exact bytes it
/// names, and commitments. Never a plaintext quality value, a bit, or a key other than the
/// public key's hash. Lots never change owner. Ids: pairs are numbered 1, 2, … across all
/// lots, and 1, 2, … within their lot (`pairIndex`).
interface IQualityChannel {
    /// @notice A lot of product whose quality B tracks over time.
    struct Lot {
        address owner; // the member that registered it and alone publishes to it
        uint64 registeredAt;
        uint256 pairCount; // pairs published for this lot; their pairIndex runs 1..pairCount
        string description; // public free text, e.g. product and lot number; may be empty
    }

    /// @notice What B publishes for one (t, t+1) pair.
    struct PairParams {
        string labelT; // label of time t, e.g. "2024-05-01T08:00Z"; not validated
        string labelT1; // label of time t+1; not validated
        string publicKeyCid; // the pair's Paillier public key (JSON), non-empty
        bytes32 publicKeyHash; // keccak256 of those exact JSON bytes, non-zero, never reused
        uint16 bitLength; // k, the number of bits of X and Y, 1..256
        string bundleCid; // Enc(x_i), Enc(y_i) for i = 0..k-1 (LSB first), non-empty
        bytes32 bundleHash; // keccak256 of the bundle's exact bytes, non-zero
    }

    /// @notice A published pair as stored.
    struct Pair {
        bytes32 lotId;
        uint256 pairIndex; // 1-based position within the lot
        uint64 publishedAt;
        PairParams params;
    }

    /// @notice The XOR data B posted for one servicer of one pair.
    struct XorPost {
        string encryptedXorCid; // Enc(x_i XOR y_i) bundle, encrypted to the servicer
        bytes32 xorBundleHash; // keccak256 of the PLAINTEXT XOR bundle: B's commitment,
        // which a buyer checks the delivered (decrypted) bundle against
        uint64 postedAt;
    }

    /// @notice Emitted when a member registers a lot, which it then owns.
    event LotRegistered(bytes32 indexed lotId, address indexed owner, string description);

    /// @notice Emitted when a lot's owner publishes the encrypted values of a (t, t+1) pair.
    event PairPublished(
        uint256 indexed pairId,
        bytes32 indexed lotId,
        address indexed owner,
        uint256 pairIndex,
        PairParams params
    );

    /// @notice Emitted when a lot's owner posts a pair's XOR ciphertexts for `servicer`.
    event XorPosted(
        uint256 indexed pairId,
        bytes32 indexed lotId,
        address indexed servicer,
        string encryptedXorCid,
        bytes32 xorBundleHash
    );

    error QualityNotMember(address account);
    error QualityNotServicer(address account);
    error QualityInvalidLotId();
    error QualityLotExists(bytes32 lotId, address owner);
    error QualityUnknownLot(bytes32 lotId);
    error QualityNotLotOwner(bytes32 lotId, address account);
    error QualityUnknownPair(uint256 pairId);
    /// @dev `pairId` already uses this key: the paper renews the key pair for every (t, t+1) pair.
    error QualityKeyReused(bytes32 publicKeyHash, uint256 pairId);
    error QualityInvalidPublicKey(string cid, bytes32 publicKeyHash);
    error QualityInvalidBundle(string cid, bytes32 bundleHash);
    error QualityInvalidBitLength(uint16 bitLength);
    error QualityInvalidXor(string cid, bytes32 xorBundleHash);
    error QualityXorAlreadyPosted(uint256 pairId, address servicer);
    error QualityUnknownXorPost(uint256 pairId, address servicer);

    /// @notice Registers `lotId` as owned by the caller.
    /// @dev Caller must hold MEMBER; `lotId` non-zero and not registered before.
    function registerLot(bytes32 lotId, string calldata description) external;

    /// @notice Publishes the references of a new (t, t+1) pair of lot `lotId`.
    /// @dev Caller must own the lot and still hold MEMBER. Both CIDs non-empty, both hashes
    /// non-zero, `bitLength` 1..256, and `publicKeyHash` never used by any pair before.
    /// @return pairId the new pair's id, `pairCount()` after the call
    function publishPair(bytes32 lotId, PairParams calldata params) external returns (uint256 pairId);

    /// @notice Posts pair `pairId`'s XOR ciphertexts, encrypted to `servicer`, and B's
    /// commitment `xorBundleHash` to the plaintext XOR bundle.
    /// @dev Caller must own the pair's lot and still hold MEMBER; `servicer` must hold
    /// SERVICER; at most once per (pair, servicer); non-empty CID and non-zero hash.
    function postXor(uint256 pairId, address servicer, string calldata encryptedXorCid, bytes32 xorBundleHash)
        external;

    /// @notice The stored lot; reverts with `QualityUnknownLot` if it was never registered.
    function lot(bytes32 lotId) external view returns (Lot memory);

    /// @notice The stored pair; reverts with `QualityUnknownPair` for an unknown id.
    function pair(uint256 pairId) external view returns (Pair memory);

    /// @notice The owner of pair `pairId`'s lot: the one party that may answer comparison
    /// requests about it. Reverts with `QualityUnknownPair` for an unknown id.
    function pairOwner(uint256 pairId) external view returns (address);

    /// @notice The id of the `pairIndex`-th pair (1-based) of lot `lotId`, 0 if none.
    function lotPair(bytes32 lotId, uint256 pairIndex) external view returns (uint256 pairId);

    /// @notice The pair that uses the public key with keccak256 `publicKeyHash`, 0 if none.
    /// @dev How a servicer finds the XOR data for the public key a buyer names (Table II, step 3).
    function pairByPublicKey(bytes32 publicKeyHash) external view returns (uint256 pairId);

    /// @notice The XOR post of `pairId` for `servicer`; reverts with `QualityUnknownXorPost` if none.
    function xorPost(uint256 pairId, address servicer) external view returns (XorPost memory);

    /// @notice True if the lot owner posted the XOR data of `pairId` for `servicer`.
    function hasXorPost(uint256 pairId, address servicer) external view returns (bool);

    /// @notice Number of pairs published so far; ids run from 1 to this number.
    function pairCount() external view returns (uint256);

    /// @notice The consortium registry whose MEMBER and SERVICER roles this channel checks.
    function registry() external view returns (IConsortiumRegistry);
}
