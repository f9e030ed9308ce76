// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IDataRegistry} from "../interfaces/IDataRegistry.sol";

/// @title DataRegistry
/// @notice Device-signed data entries and their certification or rejection by regulators.
/// The chain holds fingerprints, CIDs and signatures only; the data stays encrypted in the
/// submitter's own IPFS node. See {IDataRegistry}.
contract DataRegistry is IDataRegistry, EIP712 {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    bytes32 private constant _REGULATOR_ROLE = keccak256("REGULATOR");
    bytes32 private constant _DATA_ENTRY_TYPEHASH =
        keccak256("DataEntry(bytes32 fingerprint,bytes32 metadataHash,uint64 producedAt)");

    /// @inheritdoc IDataRegistry
    uint64 public constant MAX_CLOCK_SKEW = 5 minutes;

    IConsortiumRegistry private immutable _registry;

    uint256 private _entryCount;
    mapping(uint256 entryId => Entry) private _entries;
    mapping(bytes32 digest => bool) private _usedDigests;

    /// @param registry_ the consortium registry: MEMBER / REGULATOR roles and devices.
    constructor(IConsortiumRegistry registry_) EIP712("SealedChain DataRegistry", "1") {
        _registry = registry_;
    }

    /// @inheritdoc IDataRegistry
    function submit(Submission calldata s) external returns (uint256 entryId) {
        address submitter = msg.sender;
        if (!_hasRole(_MEMBER_ROLE, submitter)) revert DataNotMember(submitter);
        if (s.fingerprint == bytes32(0)) revert DataEmptyFingerprint();
        if (bytes(s.cid).length == 0) revert DataEmptyCid();
        uint64 latest = uint64(block.timestamp) + MAX_CLOCK_SKEW;
        if (s.producedAt > latest) revert DataProducedInFuture(s.producedAt, latest);
        _checkDevice(s.device, submitter);
        bytes32 digest = _useSignature(s);
        if (s.resubmits != 0) _checkResubmittable(s.resubmits, submitter);

        entryId = ++_entryCount;
        Entry storage e = _entries[entryId];
        e.submitter = submitter;
        e.device = s.device;
        e.fingerprint = s.fingerprint;
        e.metadataHash = s.metadataHash;
        e.producedAt = s.producedAt;
        e.submittedAt = uint64(block.timestamp);
        e.state = EntryState.Pending;
        e.resubmits = s.resubmits;
        e.cid = s.cid;
        if (s.resubmits != 0) _entries[s.resubmits].resubmittedBy = entryId;
        // The digest is marked used before the event, with every other effect.
        _usedDigests[digest] = true;
        emit DataSubmitted(entryId, submitter, s.device, s.fingerprint, s.cid, s.resubmits);
    }

    /// @inheritdoc IDataRegistry
    function certify(uint256 entryId, string calldata certificateCid) external {
        Entry storage e = _validatable(entryId);
        if (bytes(certificateCid).length == 0) revert DataEmptyCertificate();
        e.state = EntryState.Certified;
        e.validatedAt = uint64(block.timestamp);
        e.validator = msg.sender;
        e.certificateCid = certificateCid;
        emit DataCertified(entryId, msg.sender, certificateCid);
    }

    /// @inheritdoc IDataRegistry
    function reject(uint256 entryId, string calldata reason) external {
        Entry storage e = _validatable(entryId);
        if (bytes(reason).length == 0) revert DataEmptyReason();
        e.state = EntryState.Rejected;
        e.validatedAt = uint64(block.timestamp);
        e.validator = msg.sender;
        e.rejectionReason = reason;
        emit DataRejected(entryId, msg.sender, reason);
    }

    /// @inheritdoc IDataRegistry
    function entry(uint256 entryId) external view returns (Entry memory) {
        return _existing(entryId);
    }

    /// @inheritdoc IDataRegistry
    function entryState(uint256 entryId) external view returns (EntryState) {
        return _entries[entryId].state;
    }

    /// @inheritdoc IDataRegistry
    /// @dev Reverts with `DataUnknownEntry` for an unknown id.
    function history(uint256 entryId) external view returns (uint256[] memory ids) {
        _existing(entryId);
        uint256 first = entryId;
        while (_entries[first].resubmits != 0) first = _entries[first].resubmits;
        uint256 length = 1;
        for (uint256 id = first; _entries[id].resubmittedBy != 0; id = _entries[id].resubmittedBy) ++length;
        ids = new uint256[](length);
        ids[0] = first;
        for (uint256 i = 1; i < length; ++i) ids[i] = _entries[ids[i - 1]].resubmittedBy;
    }

    /// @inheritdoc IDataRegistry
    function entryCount() external view returns (uint256) {
        return _entryCount;
    }

    /// @inheritdoc IDataRegistry
    function dataEntryDigest(bytes32 fingerprint, bytes32 metadataHash, uint64 producedAt) public view returns (bytes32) {
        return _hashTypedDataV4(keccak256(abi.encode(_DATA_ENTRY_TYPEHASH, fingerprint, metadataHash, producedAt)));
    }

    /// @inheritdoc IDataRegistry
    function registry() external view returns (IConsortiumRegistry) {
        return _registry;
    }

    /// @dev The device is approved (its owner still a member) and owned by `submitter`.
    function _checkDevice(address deviceAccount, address submitter) private view {
        if (!_registry.isDeviceApproved(deviceAccount)) revert DataDeviceNotApproved(deviceAccount);
        address owner = _registry.device(deviceAccount).owner;
        if (owner != submitter) revert DataNotDeviceOwner(deviceAccount, owner, submitter);
    }

    /// @dev The device signed these fields (low-s, 65 bytes; OZ rejects the rest) and the
    /// digest was never accepted before. Returns the digest for the caller to mark used.
    function _useSignature(Submission calldata s) private view returns (bytes32 digest) {
        digest = dataEntryDigest(s.fingerprint, s.metadataHash, s.producedAt);
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, s.signature);
        if (err != ECDSA.RecoverError.NoError || recovered != s.device) revert DataBadSignature(s.device, recovered);
        if (_usedDigests[digest]) revert DataSignatureReused(digest);
    }

    /// @dev `previous` is a Rejected entry of `submitter` without a successor.
    function _checkResubmittable(uint256 previous, address submitter) private view {
        Entry storage p = _existing(previous);
        if (p.submitter != submitter) revert DataNotResubmitter(previous, p.submitter, submitter);
        if (p.state != EntryState.Rejected) revert DataUnexpectedState(previous, p.state, EntryState.Rejected);
        if (p.resubmittedBy != 0) revert DataAlreadyResubmitted(previous, p.resubmittedBy);
    }

    /// @dev A Pending entry and a REGULATOR caller that did not submit it.
    function _validatable(uint256 entryId) private view returns (Entry storage e) {
        if (!_hasRole(_REGULATOR_ROLE, msg.sender)) revert DataNotRegulator(msg.sender);
        e = _existing(entryId);
        if (e.state != EntryState.Pending) revert DataUnexpectedState(entryId, e.state, EntryState.Pending);
        if (e.submitter == msg.sender) revert DataSelfValidation(entryId, msg.sender);
    }

    function _existing(uint256 entryId) private view returns (Entry storage e) {
        e = _entries[entryId];
        if (e.state == EntryState.None) revert DataUnknownEntry(entryId);
    }

    function _hasRole(bytes32 role, address account) private view returns (bool) {
        return _registry.hasRole(role, account);
    }
}
