// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "./IConsortiumRegistry.sol";

/// @title IDataRegistry
/// @notice Device data submissions and their validation by regulators (ITU-T FG-DPM D3.6,
/// clauses 9.2-9.5). An approved device signs (EIP-712) the fingerprint and metadata of each
/// data entry; its owner stores the data encrypted in its own IPFS node and submits the
/// fingerprint, the CID of the entry document and the device's signature. A REGULATOR then
/// certifies the entry (with a certificate document CID) or rejects it (with a reason). A
/// rejected entry may be resubmitted, once, by the same member: the new entry links back to it,
/// so the whole history stays queryable.
/// @dev Lifecycle of an entry: None -> Pending (`submit`) -> Certified | Rejected (`certify` /
/// `reject`, by a REGULATOR other than the submitter); nothing else. A Rejected entry gets at
/// most one successor (`Entry.resubmittedBy`). Entry ids start at 1.
/// EIP-712 domain: name "SealedChain DataRegistry", version "1", this chain and contract.
/// The device signs `DataEntry(bytes32 fingerprint,bytes32 metadataHash,uint64 producedAt)`;
/// each signed digest is accepted once (no replay), and only low-s signatures are accepted.
interface IDataRegistry {
    enum EntryState {
        None,
        Pending,
        Certified,
        Rejected
    }

    /// @notice What a member submits for one data entry.
    struct Submission {
        address device; // approved device owned by the submitter; signer of `signature`
        bytes32 fingerprint; // SHA-256 of the plaintext data; non-zero
        bytes32 metadataHash; // keccak256 of the entry's metadata JSON (bytes as stored)
        uint64 producedAt; // unix seconds the device produced the data; <= block.timestamp + MAX_CLOCK_SKEW
        string cid; // the entry document in the submitter's IPFS node; non-empty
        uint256 resubmits; // 0, or the Rejected entry of the same submitter this one corrects
        bytes signature; // 65-byte EIP-712 signature of the device over DataEntry
    }

    /// @notice An entry as stored.
    struct Entry {
        address submitter;
        address device;
        bytes32 fingerprint;
        bytes32 metadataHash;
        uint64 producedAt;
        uint64 submittedAt;
        EntryState state;
        uint64 validatedAt; // 0 while Pending
        address validator; // the regulator that certified or rejected it; 0 while Pending
        uint256 resubmits; // the earlier (Rejected) entry this one corrects, or 0
        uint256 resubmittedBy; // the later entry that corrects this one, or 0
        string cid; // entry document
        string certificateCid; // certificate document when Certified
        string rejectionReason; // when Rejected
    }

    event DataSubmitted(
        uint256 indexed entryId,
        address indexed submitter,
        address indexed device,
        bytes32 fingerprint,
        string cid,
        uint256 resubmits
    );
    event DataCertified(uint256 indexed entryId, address indexed validator, string certificateCid);
    event DataRejected(uint256 indexed entryId, address indexed validator, string reason);

    error DataNotMember(address account);
    error DataNotRegulator(address account);
    error DataDeviceNotApproved(address device);
    error DataNotDeviceOwner(address device, address owner, address account);
    error DataBadSignature(address device, address recovered);
    error DataSignatureReused(bytes32 digest);
    error DataEmptyFingerprint();
    error DataEmptyCid();
    /// @dev `latest` = block.timestamp + MAX_CLOCK_SKEW.
    error DataProducedInFuture(uint64 producedAt, uint64 latest);
    error DataUnknownEntry(uint256 entryId);
    error DataUnexpectedState(uint256 entryId, EntryState current, EntryState expected);
    error DataNotResubmitter(uint256 entryId, address submitter, address account);
    error DataAlreadyResubmitted(uint256 entryId, uint256 resubmittedBy);
    error DataSelfValidation(uint256 entryId, address account);
    error DataEmptyCertificate();
    error DataEmptyReason();

    /// @notice How far a device's clock may run ahead of the chain's (5 minutes): a producedAt
    /// up to block.timestamp + MAX_CLOCK_SKEW is accepted.
    function MAX_CLOCK_SKEW() external view returns (uint64);

    /// @notice Records a data entry signed by an approved device of the caller.
    /// @dev Caller must be a MEMBER and the owner of `s.device`, which must be approved
    /// (`registry.isDeviceApproved`). The signature must recover to `s.device` and must not
    /// have been used before. When `s.resubmits != 0` it must name a Rejected entry of the
    /// caller that has no successor yet.
    function submit(Submission calldata s) external returns (uint256 entryId);

    /// @notice Certifies a Pending entry. Caller holds REGULATOR and is not its submitter.
    function certify(uint256 entryId, string calldata certificateCid) external;

    /// @notice Rejects a Pending entry with a non-empty reason. Caller holds REGULATOR and is
    /// not its submitter.
    function reject(uint256 entryId, string calldata reason) external;

    /// @notice The stored entry; reverts with `DataUnknownEntry` for an unknown id.
    function entry(uint256 entryId) external view returns (Entry memory);

    /// @notice The entry's state (None for unknown ids).
    function entryState(uint256 entryId) external view returns (EntryState);

    /// @notice Every entry of the resubmission chain that contains `entryId`, oldest first.
    function history(uint256 entryId) external view returns (uint256[] memory ids);

    /// @notice Number of entries so far (the last id).
    function entryCount() external view returns (uint256);

    /// @notice The EIP-712 digest a device signs for these fields.
    function dataEntryDigest(bytes32 fingerprint, bytes32 metadataHash, uint64 producedAt) external view returns (bytes32);

    /// @notice The consortium registry (members, roles, devices).
    function registry() external view returns (IConsortiumRegistry);
}
