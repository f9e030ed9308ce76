// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "./IConsortiumRegistry.sol";

/// @title ITraceLedger
/// @notice Supply-chain traceability (ITU-T FG-DPM D3.6, Appendix I.1). Accounting nodes
/// (members) post traceability mapping records: object identifier, information-server
/// identifier, hash of the traceability data kept on that server, transfer-out and transfer-in
/// accounts, timestamp and the accounting node's EIP-712 signature. Verification nodes
/// (REGULATORs) confirm records; a record is accepted after `requiredConfirmations`.
/// Identifier mappings record splits (one object into new identifiers), merges (several into
/// one container) and relabels (one new identifier for one object).
/// @dev Custody rules, enforced here:
/// - Every object has at most one holder. An origin record (transferOut == 0) creates a new
///   object held by its recorder (transferIn == msg.sender); the identifier must never have
///   been seen.
/// - A transfer record (transferOut != 0) is made by the current holder (transferOut ==
///   msg.sender) of a live object; transferIn (a MEMBER, may equal transferOut for a processing
///   step at the same holder) becomes the holder. `previousRecord` links to the object's
///   latest record (0 when the object was created by a mapping and had no record since).
/// - A mapping is made by the holder of every input; its inputs become consumed (no further
///   records or mappings) and its outputs are new objects held by the mapper. Split: 1 input,
///   >= 2 outputs. Merge: >= 2 inputs, 1 output. Relabel: 1 input, 1 output. At most 64 ids
///   per side; no duplicates; outputs never seen before.
/// - Walking custody back (the query of I.1.5 (2)): from `latestRecord(object)` follow
///   `previousRecord` to 0; then, if `originMapping(object) != 0`, continue from each input of
///   that mapping with `Mapping.inputRecords[i]` (its latest record when it was mapped, or 0).
/// Signatures: EIP-712 domain name "SealedChain TraceLedger", version "1";
/// `TraceRecord(bytes32 objectId,string infoServer,bytes32 dataHash,address transferOut,address transferIn,uint64 timestamp)`
/// and `IdentifierMapping(uint8 kind,bytes32[] inputs,bytes32[] outputs,string infoServer,bytes32 dataHash,uint64 timestamp)`,
/// signed by the recorder (msg.sender). Record and mapping ids each start at 1.
/// Timestamps: `timestamp <= block.timestamp + MAX_CLOCK_SKEW` (the accounting node's clock
/// may run a little ahead of the chain's) and not before the object's latest record.
interface ITraceLedger {
    enum MappingKind {
        None,
        Split,
        Merge,
        Relabel
    }

    /// @notice What an accounting node posts for one record.
    struct RecordInput {
        bytes32 objectId; // non-zero
        string infoServer; // information-server identifier (base URL); non-empty
        bytes32 dataHash; // keccak256 of the traceability data bytes on that server; non-zero
        address transferOut; // 0 for an origin record
        address transferIn; // non-zero MEMBER
        uint64 timestamp;
        bytes signature; // recorder's EIP-712 signature over TraceRecord
    }

    struct TraceRecord {
        bytes32 objectId;
        address transferOut;
        address transferIn;
        address recorder;
        uint64 timestamp;
        uint64 recordedAt;
        uint256 previousRecord; // 0 for the object's first record
        bytes32 dataHash;
        uint32 confirmations;
        string infoServer;
        bytes signature;
    }

    struct MappingInput {
        MappingKind kind;
        bytes32[] inputs;
        bytes32[] outputs;
        string infoServer; // where the mapping's own traceability data is; non-empty
        bytes32 dataHash; // non-zero
        uint64 timestamp;
        bytes signature; // recorder's EIP-712 signature over IdentifierMapping
    }

    struct Mapping {
        MappingKind kind;
        address recorder;
        uint64 timestamp;
        uint64 recordedAt;
        uint32 confirmations;
        bytes32 dataHash;
        bytes32[] inputs;
        bytes32[] outputs;
        uint256[] inputRecords; // each input's latest record when mapped (0 if none)
        string infoServer;
        bytes signature;
    }

    event RecordPosted(
        uint256 indexed recordId,
        bytes32 indexed objectId,
        address indexed transferIn,
        address transferOut,
        uint256 previousRecord,
        bytes32 dataHash,
        string infoServer
    );
    event RecordConfirmed(uint256 indexed recordId, address indexed verifier, uint32 confirmations, bool accepted);
    event MappingPosted(uint256 indexed mappingId, MappingKind indexed kind, address indexed recorder, bytes32[] inputs, bytes32[] outputs);
    event MappingConfirmed(uint256 indexed mappingId, address indexed verifier, uint32 confirmations, bool accepted);

    error TraceInvalidConfirmations(uint32 requiredConfirmations);
    error TraceNotMember(address account);
    error TraceNotRegulator(address account);
    error TraceEmptyObject();
    error TraceEmptyInfoServer();
    error TraceEmptyDataHash();
    error TraceObjectExists(bytes32 objectId);
    error TraceUnknownObject(bytes32 objectId);
    error TraceObjectConsumed(bytes32 objectId);
    error TraceNotHolder(bytes32 objectId, address holder, address account);
    error TraceOriginNotToRecorder(address transferIn, address account);
    error TraceTransferInNotMember(address transferIn);
    error TraceBadSignature(address recorder, address recovered);
    /// @dev `latest` = block.timestamp + MAX_CLOCK_SKEW.
    error TraceTimestampInFuture(uint64 timestamp, uint64 latest);
    error TraceTimestampBeforePrevious(uint64 timestamp, uint64 previous);
    error TraceInvalidMappingShape(MappingKind kind, uint256 inputs, uint256 outputs);
    error TraceDuplicateIdentifier(bytes32 objectId);
    error TraceUnknownRecord(uint256 recordId);
    error TraceUnknownMapping(uint256 mappingId);
    error TraceAlreadyConfirmed(address verifier);
    error TraceSelfConfirmation(address verifier);

    /// @notice How far a recorder's clock may run ahead of the chain's (5 minutes).
    function MAX_CLOCK_SKEW() external view returns (uint64);

    /// @notice Posts a traceability mapping record (see the custody rules above).
    function record(RecordInput calldata r) external returns (uint256 recordId);

    /// @notice Posts an identifier mapping (split, merge or relabel).
    function mapIdentifiers(MappingInput calldata m) external returns (uint256 mappingId);

    /// @notice A REGULATOR other than the recorder confirms a record, once.
    function confirmRecord(uint256 recordId) external;

    /// @notice A REGULATOR other than the recorder confirms a mapping, once.
    function confirmMapping(uint256 mappingId) external;

    function recordOf(uint256 recordId) external view returns (TraceRecord memory);

    function mappingOf(uint256 mappingId) external view returns (Mapping memory);

    /// @notice True once the record has `requiredConfirmations` confirmations.
    function isRecordAccepted(uint256 recordId) external view returns (bool);

    function isMappingAccepted(uint256 mappingId) external view returns (bool);

    function hasConfirmedRecord(uint256 recordId, address verifier) external view returns (bool);

    function hasConfirmedMapping(uint256 mappingId, address verifier) external view returns (bool);

    /// @notice The object's latest record id, 0 if it has none.
    function latestRecord(bytes32 objectId) external view returns (uint256);

    /// @notice The mapping that created the object, 0 if it was created by an origin record.
    function originMapping(bytes32 objectId) external view returns (uint256);

    /// @notice The mapping that consumed the object, 0 while it is live.
    function consumedBy(bytes32 objectId) external view returns (uint256);

    /// @notice The object's current holder (0 if unknown); still set after it is consumed.
    function holderOf(bytes32 objectId) external view returns (address);

    function recordCount() external view returns (uint256);

    function mappingCount() external view returns (uint256);

    function requiredConfirmations() external view returns (uint32);

    function recordDigest(
        bytes32 objectId,
        string calldata infoServer,
        bytes32 dataHash,
        address transferOut,
        address transferIn,
        uint64 timestamp
    ) external view returns (bytes32);

    function mappingDigest(
        MappingKind kind,
        bytes32[] calldata inputs,
        bytes32[] calldata outputs,
        string calldata infoServer,
        bytes32 dataHash,
        uint64 timestamp
    ) external view returns (bytes32);

    function registry() external view returns (IConsortiumRegistry);
}
