// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IQualityChannel} from "../interfaces/IQualityChannel.sol";

/// @title QualityChannel
/// @notice Lots, their published (t, t+1) pairs of encrypted quality values, and the XOR
/// ciphertexts posted to servicers. References and commitments only; see {IQualityChannel}.
contract QualityChannel is IQualityChannel {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    bytes32 private constant _SERVICER_ROLE = keccak256("SERVICER");
    uint16 private constant _MAX_BIT_LENGTH = 256;

    IConsortiumRegistry private immutable _registry;

    uint256 private _pairCount;
    mapping(bytes32 lotId => Lot) private _lots;
    mapping(uint256 pairId => Pair) private _pairs;
    mapping(bytes32 lotId => mapping(uint256 pairIndex => uint256 pairId)) private _lotPairs;
    mapping(bytes32 publicKeyHash => uint256 pairId) private _pairByKey;
    mapping(uint256 pairId => mapping(address servicer => XorPost)) private _xorPosts;

    /// @param registry_ the consortium registry: MEMBER and SERVICER checks via `hasRole`.
    constructor(IConsortiumRegistry registry_) {
        _registry = registry_;
    }

    /// @inheritdoc IQualityChannel
    function registerLot(bytes32 lotId, string calldata description) external {
        _checkMember(msg.sender);
        if (lotId == bytes32(0)) revert QualityInvalidLotId();
        address owner = _lots[lotId].owner;
        if (owner != address(0)) revert QualityLotExists(lotId, owner);

        Lot storage l = _lots[lotId];
        l.owner = msg.sender;
        l.registeredAt = uint64(block.timestamp);
        l.description = description;
        emit LotRegistered(lotId, msg.sender, description);
    }

    /// @inheritdoc IQualityChannel
    function publishPair(bytes32 lotId, PairParams calldata params) external returns (uint256 pairId) {
        Lot storage l = _checkLotOwner(lotId);
        if (bytes(params.publicKeyCid).length == 0 || params.publicKeyHash == bytes32(0)) {
            revert QualityInvalidPublicKey(params.publicKeyCid, params.publicKeyHash);
        }
        if (bytes(params.bundleCid).length == 0 || params.bundleHash == bytes32(0)) {
            revert QualityInvalidBundle(params.bundleCid, params.bundleHash);
        }
        if (params.bitLength == 0 || params.bitLength > _MAX_BIT_LENGTH) revert QualityInvalidBitLength(params.bitLength);
        uint256 keyPair = _pairByKey[params.publicKeyHash];
        if (keyPair != 0) revert QualityKeyReused(params.publicKeyHash, keyPair);

        pairId = ++_pairCount;
        uint256 pairIndex = ++l.pairCount;
        Pair storage p = _pairs[pairId];
        p.lotId = lotId;
        p.pairIndex = pairIndex;
        p.publishedAt = uint64(block.timestamp);
        p.params = params;
        _lotPairs[lotId][pairIndex] = pairId;
        _pairByKey[params.publicKeyHash] = pairId;
        emit PairPublished(pairId, lotId, msg.sender, pairIndex, params);
    }

    /// @inheritdoc IQualityChannel
    function postXor(uint256 pairId, address servicer, string calldata encryptedXorCid, bytes32 xorBundleHash)
        external
    {
        bytes32 lotId = _existingPair(pairId).lotId;
        _checkLotOwner(lotId);
        if (!_registry.hasRole(_SERVICER_ROLE, servicer)) revert QualityNotServicer(servicer);
        if (bytes(encryptedXorCid).length == 0 || xorBundleHash == bytes32(0)) {
            revert QualityInvalidXor(encryptedXorCid, xorBundleHash);
        }
        XorPost storage post = _xorPosts[pairId][servicer];
        if (post.postedAt != 0) revert QualityXorAlreadyPosted(pairId, servicer);

        post.encryptedXorCid = encryptedXorCid;
        post.xorBundleHash = xorBundleHash;
        post.postedAt = uint64(block.timestamp);
        emit XorPosted(pairId, lotId, servicer, encryptedXorCid, xorBundleHash);
    }

    /// @inheritdoc IQualityChannel
    function lot(bytes32 lotId) external view returns (Lot memory) {
        return _existingLot(lotId);
    }

    /// @inheritdoc IQualityChannel
    function pair(uint256 pairId) external view returns (Pair memory) {
        return _existingPair(pairId);
    }

    /// @inheritdoc IQualityChannel
    function pairOwner(uint256 pairId) external view returns (address) {
        return _lots[_existingPair(pairId).lotId].owner;
    }

    /// @inheritdoc IQualityChannel
    function lotPair(bytes32 lotId, uint256 pairIndex) external view returns (uint256) {
        return _lotPairs[lotId][pairIndex];
    }

    /// @inheritdoc IQualityChannel
    function pairByPublicKey(bytes32 publicKeyHash) external view returns (uint256) {
        return _pairByKey[publicKeyHash];
    }

    /// @inheritdoc IQualityChannel
    function xorPost(uint256 pairId, address servicer) external view returns (XorPost memory) {
        XorPost storage post = _xorPosts[pairId][servicer];
        if (post.postedAt == 0) revert QualityUnknownXorPost(pairId, servicer);
        return post;
    }

    /// @inheritdoc IQualityChannel
    function hasXorPost(uint256 pairId, address servicer) external view returns (bool) {
        return _xorPosts[pairId][servicer].postedAt != 0;
    }

    /// @inheritdoc IQualityChannel
    function pairCount() external view returns (uint256) {
        return _pairCount;
    }

    /// @inheritdoc IQualityChannel
    function registry() external view returns (IConsortiumRegistry) {
        return _registry;
    }

    function _existingLot(bytes32 lotId) private view returns (Lot storage l) {
        l = _lots[lotId];
        if (l.owner == address(0)) revert QualityUnknownLot(lotId);
    }

    function _existingPair(uint256 pairId) private view returns (Pair storage p) {
        p = _pairs[pairId];
        if (p.lotId == bytes32(0)) revert QualityUnknownPair(pairId);
    }

    /// @dev The caller must own `lotId` and still be a member.
    function _checkLotOwner(bytes32 lotId) private view returns (Lot storage l) {
        l = _existingLot(lotId);
        if (l.owner != msg.sender) revert QualityNotLotOwner(lotId, msg.sender);
        _checkMember(msg.sender);
    }

    function _checkMember(address account) private view {
        if (!_registry.hasRole(_MEMBER_ROLE, account)) revert QualityNotMember(account);
    }
}
