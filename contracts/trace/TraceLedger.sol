// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";

import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {ITraceLedger} from "../interfaces/ITraceLedger.sol";

/// @title TraceLedger
/// @notice Custody records and identifier mappings of supply-chain objects (ITU-T FG-DPM
/// D3.6, Appendix I.1), each signed by its MEMBER recorder and confirmed by REGULATORs.
/// Hashes, parties and information-server URLs only; see {ITraceLedger}.
contract TraceLedger is ITraceLedger, EIP712 {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    bytes32 private constant _REGULATOR_ROLE = keccak256("REGULATOR");
    bytes32 private constant _TRACE_RECORD_TYPEHASH =
        keccak256(
            "TraceRecord(bytes32 objectId,string infoServer,bytes32 dataHash,address transferOut,address transferIn,uint64 timestamp)"
        );
    bytes32 private constant _IDENTIFIER_MAPPING_TYPEHASH =
        keccak256(
            "IdentifierMapping(uint8 kind,bytes32[] inputs,bytes32[] outputs,string infoServer,bytes32 dataHash,uint64 timestamp)"
        );
    uint256 private constant _MAX_MAPPING_SIDE = 64;
    /// @inheritdoc ITraceLedger
    uint64 public constant MAX_CLOCK_SKEW = 5 minutes;

    /// @dev Custody state of one object. Seen == holder != 0.
    struct ObjectState {
        address holder;
        uint64 latestTimestamp; // of its latest record, or of the mapping that created it
        uint256 latestRecord;
        uint256 originMapping;
        uint256 consumedBy;
    }

    /// @inheritdoc ITraceLedger
    IConsortiumRegistry public immutable registry;
    /// @inheritdoc ITraceLedger
    uint32 public immutable requiredConfirmations;

    uint256 private _recordCount;
    uint256 private _mappingCount;
    mapping(uint256 recordId => TraceRecord) private _records;
    mapping(uint256 mappingId => Mapping) private _mappings;
    mapping(bytes32 objectId => ObjectState) private _objects;
    mapping(uint256 recordId => mapping(address verifier => bool)) private _recordConfirmed;
    mapping(uint256 mappingId => mapping(address verifier => bool)) private _mappingConfirmed;

    /// @param registry_ the consortium registry: MEMBER and REGULATOR checks via `hasRole`.
    /// @param requiredConfirmations_ k, the REGULATOR confirmations after which a record or
    /// mapping is accepted; at least 1.
    constructor(IConsortiumRegistry registry_, uint32 requiredConfirmations_) EIP712("SealedChain TraceLedger", "1") {
        if (requiredConfirmations_ == 0) revert TraceInvalidConfirmations(requiredConfirmations_);
        registry = registry_;
        requiredConfirmations = requiredConfirmations_;
    }

    // ---------------------------------------------------------------- records

    /// @inheritdoc ITraceLedger
    function record(RecordInput calldata r) external returns (uint256 recordId) {
        address recorder = msg.sender;
        if (!_hasRole(_MEMBER_ROLE, recorder)) revert TraceNotMember(recorder);
        if (r.objectId == bytes32(0)) revert TraceEmptyObject();
        _checkPayload(r.infoServer, r.dataHash, r.timestamp);

        ObjectState storage o = _objects[r.objectId];
        if (r.transferOut == address(0)) {
            if (o.holder != address(0)) revert TraceObjectExists(r.objectId);
            if (r.transferIn != recorder) revert TraceOriginNotToRecorder(r.transferIn, recorder);
        } else {
            _checkLiveHeldBy(r.objectId, o, recorder);
            // The holder signs for itself only: transferOut names the holder.
            if (r.transferOut != recorder) revert TraceNotHolder(r.objectId, o.holder, r.transferOut);
            if (r.transferIn == address(0) || !_hasRole(_MEMBER_ROLE, r.transferIn)) {
                revert TraceTransferInNotMember(r.transferIn);
            }
            if (r.timestamp < o.latestTimestamp) revert TraceTimestampBeforePrevious(r.timestamp, o.latestTimestamp);
        }
        _checkSignature(
            _recordDigest(r.objectId, keccak256(bytes(r.infoServer)), r.dataHash, r.transferOut, r.transferIn, r.timestamp),
            r.signature
        );

        recordId = ++_recordCount;
        uint256 previous = o.latestRecord;
        TraceRecord storage t = _records[recordId];
        t.objectId = r.objectId;
        t.transferOut = r.transferOut;
        t.transferIn = r.transferIn;
        t.recorder = recorder;
        t.timestamp = r.timestamp;
        t.recordedAt = uint64(block.timestamp);
        t.previousRecord = previous;
        t.dataHash = r.dataHash;
        t.infoServer = r.infoServer;
        t.signature = r.signature;

        o.holder = r.transferIn;
        o.latestTimestamp = r.timestamp;
        o.latestRecord = recordId;

        emit RecordPosted(recordId, r.objectId, r.transferIn, r.transferOut, previous, r.dataHash, r.infoServer);
    }

    // ---------------------------------------------------------------- mappings

    /// @inheritdoc ITraceLedger
    function mapIdentifiers(MappingInput calldata m) external returns (uint256 mappingId) {
        address recorder = msg.sender;
        if (!_hasRole(_MEMBER_ROLE, recorder)) revert TraceNotMember(recorder);
        _checkShape(m.kind, m.inputs.length, m.outputs.length);
        _checkPayload(m.infoServer, m.dataHash, m.timestamp);
        _checkSignature(
            _mappingDigest(
                m.kind,
                keccak256(abi.encodePacked(m.inputs)),
                keccak256(abi.encodePacked(m.outputs)),
                keccak256(bytes(m.infoServer)),
                m.dataHash,
                m.timestamp
            ),
            m.signature
        );

        mappingId = ++_mappingCount;
        Mapping storage mp = _mappings[mappingId];
        mp.kind = m.kind;
        mp.recorder = recorder;
        mp.timestamp = m.timestamp;
        mp.recordedAt = uint64(block.timestamp);
        mp.dataHash = m.dataHash;
        mp.inputs = m.inputs;
        mp.outputs = m.outputs;
        mp.infoServer = m.infoServer;
        mp.signature = m.signature;
        _consumeInputs(mappingId, mp, m.inputs, m.timestamp, recorder);
        _createOutputs(mappingId, m.outputs, m.timestamp, recorder);

        emit MappingPosted(mappingId, m.kind, recorder, m.inputs, m.outputs);
    }

    // ---------------------------------------------------------------- confirmations

    /// @inheritdoc ITraceLedger
    function confirmRecord(uint256 recordId) external {
        TraceRecord storage t = _existingRecord(recordId);
        address verifier = msg.sender;
        _checkConfirmer(t.recorder, verifier, _recordConfirmed[recordId][verifier]);
        _recordConfirmed[recordId][verifier] = true;
        uint32 confirmations = ++t.confirmations;
        emit RecordConfirmed(recordId, verifier, confirmations, confirmations >= requiredConfirmations);
    }

    /// @inheritdoc ITraceLedger
    function confirmMapping(uint256 mappingId) external {
        Mapping storage mp = _existingMapping(mappingId);
        address verifier = msg.sender;
        _checkConfirmer(mp.recorder, verifier, _mappingConfirmed[mappingId][verifier]);
        _mappingConfirmed[mappingId][verifier] = true;
        uint32 confirmations = ++mp.confirmations;
        emit MappingConfirmed(mappingId, verifier, confirmations, confirmations >= requiredConfirmations);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ITraceLedger
    function recordOf(uint256 recordId) external view returns (TraceRecord memory) {
        return _existingRecord(recordId);
    }

    /// @inheritdoc ITraceLedger
    function mappingOf(uint256 mappingId) external view returns (Mapping memory) {
        return _existingMapping(mappingId);
    }

    /// @inheritdoc ITraceLedger
    /// @dev False for an unknown record.
    function isRecordAccepted(uint256 recordId) external view returns (bool) {
        return _records[recordId].confirmations >= requiredConfirmations;
    }

    /// @inheritdoc ITraceLedger
    /// @dev False for an unknown mapping.
    function isMappingAccepted(uint256 mappingId) external view returns (bool) {
        return _mappings[mappingId].confirmations >= requiredConfirmations;
    }

    /// @inheritdoc ITraceLedger
    function hasConfirmedRecord(uint256 recordId, address verifier) external view returns (bool) {
        return _recordConfirmed[recordId][verifier];
    }

    /// @inheritdoc ITraceLedger
    function hasConfirmedMapping(uint256 mappingId, address verifier) external view returns (bool) {
        return _mappingConfirmed[mappingId][verifier];
    }

    /// @inheritdoc ITraceLedger
    function latestRecord(bytes32 objectId) external view returns (uint256) {
        return _objects[objectId].latestRecord;
    }

    /// @inheritdoc ITraceLedger
    function originMapping(bytes32 objectId) external view returns (uint256) {
        return _objects[objectId].originMapping;
    }

    /// @inheritdoc ITraceLedger
    function consumedBy(bytes32 objectId) external view returns (uint256) {
        return _objects[objectId].consumedBy;
    }

    /// @inheritdoc ITraceLedger
    function holderOf(bytes32 objectId) external view returns (address) {
        return _objects[objectId].holder;
    }

    /// @inheritdoc ITraceLedger
    function recordCount() external view returns (uint256) {
        return _recordCount;
    }

    /// @inheritdoc ITraceLedger
    function mappingCount() external view returns (uint256) {
        return _mappingCount;
    }

    /// @inheritdoc ITraceLedger
    function recordDigest(
        bytes32 objectId,
        string calldata infoServer,
        bytes32 dataHash,
        address transferOut,
        address transferIn,
        uint64 timestamp
    ) external view returns (bytes32) {
        return _recordDigest(objectId, keccak256(bytes(infoServer)), dataHash, transferOut, transferIn, timestamp);
    }

    /// @inheritdoc ITraceLedger
    function mappingDigest(
        MappingKind kind,
        bytes32[] calldata inputs,
        bytes32[] calldata outputs,
        string calldata infoServer,
        bytes32 dataHash,
        uint64 timestamp
    ) external view returns (bytes32) {
        return
            _mappingDigest(
                kind,
                keccak256(abi.encodePacked(inputs)),
                keccak256(abi.encodePacked(outputs)),
                keccak256(bytes(infoServer)),
                dataHash,
                timestamp
            );
    }

    // ---------------------------------------------------------------- internals

    function _recordDigest(
        bytes32 objectId,
        bytes32 infoServerHash,
        bytes32 dataHash,
        address transferOut,
        address transferIn,
        uint64 timestamp
    ) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(_TRACE_RECORD_TYPEHASH, objectId, infoServerHash, dataHash, transferOut, transferIn, timestamp)
                )
            );
    }

    /// @dev EIP-712 encodes an array as keccak256 of its concatenated elements, a string as
    /// keccak256 of its bytes, and the enum as its uint8.
    function _mappingDigest(
        MappingKind kind,
        bytes32 inputsHash,
        bytes32 outputsHash,
        bytes32 infoServerHash,
        bytes32 dataHash,
        uint64 timestamp
    ) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(
                        _IDENTIFIER_MAPPING_TYPEHASH,
                        uint8(kind),
                        inputsHash,
                        outputsHash,
                        infoServerHash,
                        dataHash,
                        timestamp
                    )
                )
            );
    }

    /// @dev The signature must be the caller's: a member cannot post another's signed record.
    function _checkSignature(bytes32 digest, bytes calldata signature) private view {
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecover(digest, signature);
        if (err != ECDSA.RecoverError.NoError) recovered = address(0);
        if (recovered != msg.sender) revert TraceBadSignature(msg.sender, recovered);
    }

    /// @dev What records and mappings share: a server to fetch the data from, the data's
    /// hash, and a claimed time not ahead of the chain by more than the clock skew.
    function _checkPayload(string calldata infoServer, bytes32 dataHash, uint64 timestamp) private view {
        if (bytes(infoServer).length == 0) revert TraceEmptyInfoServer();
        if (dataHash == bytes32(0)) revert TraceEmptyDataHash();
        uint64 latest = uint64(block.timestamp) + MAX_CLOCK_SKEW;
        if (timestamp > latest) revert TraceTimestampInFuture(timestamp, latest);
    }

    function _checkShape(MappingKind kind, uint256 inputs, uint256 outputs) private pure {
        bool ok;
        if (inputs <= _MAX_MAPPING_SIDE && outputs <= _MAX_MAPPING_SIDE) {
            if (kind == MappingKind.Split) ok = inputs == 1 && outputs >= 2;
            else if (kind == MappingKind.Merge) ok = inputs >= 2 && outputs == 1;
            else if (kind == MappingKind.Relabel) ok = inputs == 1 && outputs == 1;
        }
        if (!ok) revert TraceInvalidMappingShape(kind, inputs, outputs);
    }

    /// @dev Each input must be live and held by the recorder; it is consumed by this mapping.
    /// A repeated input finds itself already consumed by this mapping: a duplicate.
    function _consumeInputs(
        uint256 mappingId,
        Mapping storage mp,
        bytes32[] calldata inputs,
        uint64 timestamp,
        address recorder
    ) private {
        for (uint256 i = 0; i < inputs.length; ++i) {
            bytes32 objectId = inputs[i];
            if (objectId == bytes32(0)) revert TraceEmptyObject();
            ObjectState storage o = _objects[objectId];
            if (o.consumedBy == mappingId) revert TraceDuplicateIdentifier(objectId);
            _checkLiveHeldBy(objectId, o, recorder);
            if (timestamp < o.latestTimestamp) revert TraceTimestampBeforePrevious(timestamp, o.latestTimestamp);
            o.consumedBy = mappingId;
            mp.inputRecords.push(o.latestRecord);
        }
    }

    /// @dev Each output must never have been seen; it becomes a live object of the recorder.
    /// A repeated output finds itself already created by this mapping: a duplicate.
    function _createOutputs(uint256 mappingId, bytes32[] calldata outputs, uint64 timestamp, address recorder) private {
        for (uint256 i = 0; i < outputs.length; ++i) {
            bytes32 objectId = outputs[i];
            if (objectId == bytes32(0)) revert TraceEmptyObject();
            ObjectState storage o = _objects[objectId];
            if (o.holder != address(0)) {
                if (o.originMapping == mappingId) revert TraceDuplicateIdentifier(objectId);
                revert TraceObjectExists(objectId);
            }
            o.holder = recorder;
            o.latestTimestamp = timestamp;
            o.originMapping = mappingId;
        }
    }

    /// @dev The object exists, is not consumed, and `account` holds it.
    function _checkLiveHeldBy(bytes32 objectId, ObjectState storage o, address account) private view {
        if (o.holder == address(0)) revert TraceUnknownObject(objectId);
        if (o.consumedBy != 0) revert TraceObjectConsumed(objectId);
        if (o.holder != account) revert TraceNotHolder(objectId, o.holder, account);
    }

    function _checkConfirmer(address recorder, address verifier, bool alreadyConfirmed) private view {
        if (!_hasRole(_REGULATOR_ROLE, verifier)) revert TraceNotRegulator(verifier);
        if (verifier == recorder) revert TraceSelfConfirmation(verifier);
        if (alreadyConfirmed) revert TraceAlreadyConfirmed(verifier);
    }

    function _existingRecord(uint256 recordId) private view returns (TraceRecord storage t) {
        t = _records[recordId];
        if (t.recorder == address(0)) revert TraceUnknownRecord(recordId);
    }

    function _existingMapping(uint256 mappingId) private view returns (Mapping storage mp) {
        mp = _mappings[mappingId];
        if (mp.recorder == address(0)) revert TraceUnknownMapping(mappingId);
    }

    function _hasRole(bytes32 role, address account) private view returns (bool) {
        return registry.hasRole(role, account);
    }
}
