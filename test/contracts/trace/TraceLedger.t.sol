// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {ITraceLedger} from "../../../contracts/interfaces/ITraceLedger.sol";
import {TraceLedger} from "../../../contracts/trace/TraceLedger.sol";
import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

/// @dev Three members (farm, mill, shop) and two REGULATOR members on the real Ballot and
/// ConsortiumRegistry, accounts from known private keys so that records can be signed, and a
/// TraceLedger with k = 2 on top.
contract TraceLedgerTest is ConsortiumSetup {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant FARM_PK = 0xF1;
    uint256 internal constant MILL_PK = 0xF2;
    uint256 internal constant SHOP_PK = 0xF3;
    uint256 internal constant REG1_PK = 0xE1;
    uint256 internal constant REG2_PK = 0xE2;
    uint256 internal constant OUTSIDER_PK = 0xBAD;
    /// @dev The secp256k1 group order: valid private keys are 1 .. N - 1.
    uint256 internal constant SECP256K1_N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;
    string internal constant INFO = "https://info.example.org/trace";
    bytes32 internal constant LOT = keccak256("lot");

    Ballot internal ballot;
    ConsortiumRegistry internal registry;
    TraceLedger internal ledger;
    address internal farm;
    address internal mill;
    address internal shop;
    address internal reg1;
    address internal reg2;
    address internal outsider;

    function setUp() public {
        vm.warp(START);
        farm = vm.addr(FARM_PK);
        mill = vm.addr(MILL_PK);
        shop = vm.addr(SHOP_PK);
        reg1 = vm.addr(REG1_PK);
        reg2 = vm.addr(REG2_PK);
        outsider = vm.addr(OUTSIDER_PK);
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](5);
        founders[0] = _founderEntry(farm, bytes32(0));
        founders[1] = _founderEntry(mill, bytes32(0));
        founders[2] = _founderEntry(shop, bytes32(0));
        founders[3] = _founderEntry(reg1, keccak256("REGULATOR"));
        founders[4] = _founderEntry(reg2, keccak256("REGULATOR"));
        (ballot, registry) = _deployConsortium(founders, 1 hours);
        ledger = new TraceLedger(registry, 2);
    }

    // ------------------------------------------------------------ unit

    function test_constructor_refusesZeroConfirmations() public {
        vm.expectRevert(abi.encodeWithSelector(ITraceLedger.TraceInvalidConfirmations.selector, uint32(0)));
        new TraceLedger(registry, 0);
    }

    function test_originTransferAndConfirmations() public {
        uint256 origin = _record(FARM_PK, LOT, address(0), farm);
        vm.warp(START + 10);
        uint256 transfer = _record(FARM_PK, LOT, farm, mill);
        assertEq(ledger.holderOf(LOT), mill);
        assertEq(ledger.latestRecord(LOT), transfer);
        ITraceLedger.TraceRecord memory t = ledger.recordOf(transfer);
        assertEq(t.previousRecord, origin);
        assertEq(t.recorder, farm);
        assertEq(t.recordedAt, START + 10);

        vm.expectEmit(address(ledger));
        emit ITraceLedger.RecordConfirmed(transfer, reg1, 1, false);
        vm.prank(reg1);
        ledger.confirmRecord(transfer);
        assertFalse(ledger.isRecordAccepted(transfer));
        vm.expectEmit(address(ledger));
        emit ITraceLedger.RecordConfirmed(transfer, reg2, 2, true);
        vm.prank(reg2);
        ledger.confirmRecord(transfer);
        assertTrue(ledger.isRecordAccepted(transfer));

        vm.expectRevert(abi.encodeWithSelector(ITraceLedger.TraceAlreadyConfirmed.selector, reg2));
        vm.prank(reg2);
        ledger.confirmRecord(transfer);
        vm.expectRevert(abi.encodeWithSelector(ITraceLedger.TraceNotRegulator.selector, mill));
        vm.prank(mill);
        ledger.confirmRecord(transfer);
    }

    function test_regulatorCannotConfirmItsOwnMapping() public {
        _record(REG1_PK, LOT, address(0), reg1);
        bytes32[] memory outputs = _ids("sample", 1);
        uint256 mappingId = _map(REG1_PK, ITraceLedger.MappingKind.Relabel, _one(LOT), outputs);
        vm.expectRevert(abi.encodeWithSelector(ITraceLedger.TraceSelfConfirmation.selector, reg1));
        vm.prank(reg1);
        ledger.confirmMapping(mappingId);
        vm.expectRevert(abi.encodeWithSelector(ITraceLedger.TraceUnknownMapping.selector, mappingId + 1));
        vm.prank(reg2);
        ledger.confirmMapping(mappingId + 1);
    }

    /// Split 1 -> 3 then merge 3 -> 1: inputRecords and the custody views.
    function test_splitThenMerge() public {
        uint256 origin = _record(MILL_PK, LOT, address(0), mill);
        bytes32[] memory bags = _ids("bag", 3);
        uint256 split = _map(MILL_PK, ITraceLedger.MappingKind.Split, _one(LOT), bags);
        uint256 weighed = _record(MILL_PK, bags[1], mill, mill);
        bytes32[] memory sack = _ids("sack", 1);
        uint256 merge = _map(MILL_PK, ITraceLedger.MappingKind.Merge, bags, sack);

        assertEq(ledger.mappingOf(split).inputRecords[0], origin);
        uint256[] memory inputRecords = ledger.mappingOf(merge).inputRecords;
        assertEq(inputRecords.length, 3);
        assertEq(inputRecords[0], 0);
        assertEq(inputRecords[1], weighed);
        assertEq(inputRecords[2], 0);
        assertEq(ledger.consumedBy(LOT), split);
        for (uint256 i = 0; i < 3; ++i) {
            assertEq(ledger.originMapping(bags[i]), split);
            assertEq(ledger.consumedBy(bags[i]), merge);
        }
        assertEq(ledger.originMapping(sack[0]), merge);
        assertEq(ledger.holderOf(sack[0]), mill);
    }

    // ------------------------------------------------------------ signatures

    /// A record signed by any key other than the recorder's is refused, naming the key's
    /// address; the recorder's own signature over the same fields passes.
    function testFuzz_otherKeysNeverPassAsTheRecorder(uint256 pk) public {
        pk = bound(pk, 1, SECP256K1_N - 1);
        address signer = vm.addr(pk);
        vm.assume(signer != farm);
        ITraceLedger.RecordInput memory r = _recordInput(pk, LOT, address(0), farm);
        vm.expectRevert(abi.encodeWithSelector(ITraceLedger.TraceBadSignature.selector, farm, signer));
        vm.prank(farm);
        ledger.record(r);

        r.signature = _sign(FARM_PK, _digestOf(r));
        vm.prank(farm);
        ledger.record(r);
        assertEq(ledger.holderOf(LOT), farm);
    }

    /// Changing any signed field after signing makes the signature recover to someone else.
    function testFuzz_signatureCoversEveryRecordField(uint8 field, bytes32 value) public {
        _record(FARM_PK, LOT, address(0), farm); // at START
        vm.warp(START + 10);
        ITraceLedger.RecordInput memory r = _recordInput(FARM_PK, LOT, farm, mill);
        // Each change keeps the record valid but for the signature.
        field = uint8(bound(field, 0, 3));
        if (field == 0) {
            vm.assume(value != r.dataHash && value != bytes32(0));
            r.dataHash = value;
        } else if (field == 1) {
            r.infoServer = string.concat(r.infoServer, "/", vm.toString(value));
        } else if (field == 2) {
            r.transferIn = shop;
        } else {
            r.timestamp = uint64(bound(uint256(value), START, START + 9));
        }
        vm.expectPartialRevert(ITraceLedger.TraceBadSignature.selector);
        vm.prank(farm);
        ledger.record(r);
    }

    /// recordDigest equals an independent EIP-712 encoding (the string as keccak256 of its bytes).
    function testFuzz_recordDigestMatchesIndependentEncoding(
        bytes32 objectId,
        string calldata infoServer,
        bytes32 dataHash,
        address transferOut,
        address transferIn,
        uint64 timestamp
    ) public view {
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "TraceRecord(bytes32 objectId,string infoServer,bytes32 dataHash,address transferOut,address transferIn,uint64 timestamp)"
                ),
                objectId,
                keccak256(bytes(infoServer)),
                dataHash,
                transferOut,
                transferIn,
                timestamp
            )
        );
        assertEq(
            ledger.recordDigest(objectId, infoServer, dataHash, transferOut, transferIn, timestamp),
            _typedDigest(structHash)
        );
    }

    /// mappingDigest equals an independent EIP-712 encoding (bytes32[] as keccak256 of the
    /// concatenation, the string as keccak256 of its bytes, the kind as uint8).
    function testFuzz_mappingDigestMatchesIndependentEncoding(
        uint8 kind,
        bytes32[] calldata inputs,
        bytes32[] calldata outputs,
        string calldata infoServer,
        bytes32 dataHash,
        uint64 timestamp
    ) public view {
        kind = uint8(bound(kind, 0, 3));
        bytes32 structHash = keccak256(
            abi.encode(
                keccak256(
                    "IdentifierMapping(uint8 kind,bytes32[] inputs,bytes32[] outputs,string infoServer,bytes32 dataHash,uint64 timestamp)"
                ),
                kind,
                keccak256(abi.encodePacked(inputs)),
                keccak256(abi.encodePacked(outputs)),
                keccak256(bytes(infoServer)),
                dataHash,
                timestamp
            )
        );
        assertEq(
            ledger.mappingDigest(ITraceLedger.MappingKind(kind), inputs, outputs, infoServer, dataHash, timestamp),
            _typedDigest(structHash)
        );
    }

    function _typedDigest(bytes32 structHash) private view returns (bytes32) {
        bytes32 domain = keccak256(
            abi.encode(
                keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"),
                keccak256("SealedChain TraceLedger"),
                keccak256("1"),
                block.chainid,
                address(ledger)
            )
        );
        return keccak256(abi.encodePacked("\x19\x01", domain, structHash));
    }

    // ------------------------------------------------------------ mapping shapes

    /// mapIdentifiers accepts exactly Split 1 -> 2..64, Merge 2..64 -> 1, Relabel 1 -> 1
    /// (all inputs live and held by the mapper, all outputs new). Counts are drawn near the
    /// edges: 0..3 three times in four, else 63..66.
    function testFuzz_mappingShapeAcceptedIffValid(uint8 kind, uint256 rawInputs, uint256 rawOutputs) public {
        _checkShape(uint8(bound(kind, 0, 3)), _edgeCount(rawInputs), _edgeCount(rawOutputs));
    }

    /// Every kind against every count in {0, 1, 2, 3, 64, 65} on each side.
    function test_mappingShapesExhaustive() public {
        uint256[6] memory counts = [uint256(0), 1, 2, 3, 64, 65];
        for (uint8 kind = 0; kind <= 3; ++kind) {
            for (uint256 i = 0; i < counts.length; ++i) {
                for (uint256 o = 0; o < counts.length; ++o) {
                    uint256 snapshot = vm.snapshotState();
                    _checkShape(kind, counts[i], counts[o]);
                    vm.revertToState(snapshot);
                }
            }
        }
    }

    function _checkShape(uint8 kind, uint256 inputCount, uint256 outputCount) private {
        bytes32[] memory inputs = _ids("in", inputCount);
        for (uint256 i = 0; i < inputCount; ++i) _record(MILL_PK, inputs[i], address(0), mill);
        bytes32[] memory outputs = _ids("out", outputCount);

        bool ok = inputCount <= 64 && outputCount <= 64;
        if (kind == uint8(ITraceLedger.MappingKind.Split)) ok = ok && inputCount == 1 && outputCount >= 2;
        else if (kind == uint8(ITraceLedger.MappingKind.Merge)) ok = ok && inputCount >= 2 && outputCount == 1;
        else if (kind == uint8(ITraceLedger.MappingKind.Relabel)) ok = ok && inputCount == 1 && outputCount == 1;
        else ok = false;

        ITraceLedger.MappingInput memory m = _mappingInput(MILL_PK, ITraceLedger.MappingKind(kind), inputs, outputs);
        if (!ok) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    ITraceLedger.TraceInvalidMappingShape.selector,
                    ITraceLedger.MappingKind(kind),
                    inputCount,
                    outputCount
                )
            );
        }
        vm.prank(mill);
        uint256 mappingId = ledger.mapIdentifiers(m);
        if (ok) {
            for (uint256 i = 0; i < inputCount; ++i) assertEq(ledger.consumedBy(inputs[i]), mappingId);
            for (uint256 i = 0; i < outputCount; ++i) assertEq(ledger.holderOf(outputs[i]), mill);
        } else {
            assertEq(ledger.mappingCount(), 0);
        }
    }

    function _edgeCount(uint256 raw) private pure returns (uint256) {
        return raw % 4 == 0 ? 63 + ((raw >> 2) % 4) : (raw >> 2) % 4;
    }

    /// A repeated id anywhere on either side is refused as a duplicate.
    function testFuzz_duplicatesRefused(bool onInputs, uint256 count, uint256 a, uint256 b) public {
        count = bound(count, 2, 8);
        a = bound(a, 0, count - 1);
        b = bound(b, 0, count - 1);
        vm.assume(a != b);
        bytes32[] memory many = _ids("many", count);
        bytes32[] memory single = _ids("single", 1);
        if (onInputs) {
            for (uint256 i = 0; i < count; ++i) _record(MILL_PK, many[i], address(0), mill);
        } else {
            _record(MILL_PK, single[0], address(0), mill);
        }
        many[b] = many[a];
        ITraceLedger.MappingInput memory m = onInputs
            ? _mappingInput(MILL_PK, ITraceLedger.MappingKind.Merge, many, _ids("sack", 1))
            : _mappingInput(MILL_PK, ITraceLedger.MappingKind.Split, single, many);
        vm.expectRevert(abi.encodeWithSelector(ITraceLedger.TraceDuplicateIdentifier.selector, many[a]));
        vm.prank(mill);
        ledger.mapIdentifiers(m);
    }

    // ------------------------------------------------------------ custody model

    uint256 private constant POOL = 12;
    uint256 private constant STEPS = 24;
    /// @dev The model: holder and consuming mapping of each pool id.
    mapping(bytes32 => address) private _modelHolder;
    mapping(bytes32 => uint256) private _modelConsumedBy;
    /// @dev What the generator reached: [origin, transfer, mapping] x [refused, accepted],
    /// and refused steps that touched a consumed id.
    uint256[2][3] private _reached;
    uint256 private _consumedRefused;

    /// A fuzzed sequence of origins, transfers and mappings by members and an outsider over a
    /// small pool of ids (so collisions are frequent): each call succeeds iff the custody rules
    /// say so, every id has exactly the model's holder, and a consumed id never changes again.
    function testFuzz_custodySequence(uint256 seed) public {
        _runSequence(seed);
    }

    /// The generator of testFuzz_custodySequence is not vacuous: over a few seeds it reaches
    /// accepted and refused steps of each kind, and refusals because an id was consumed.
    function test_custodySequenceReachesEveryOutcome() public {
        for (uint256 seed = 0; seed < 16; ++seed) {
            uint256 snapshot = vm.snapshotState();
            _runSequence(seed);
            uint256[2][3] memory reached = _reached;
            uint256 consumedRefused = _consumedRefused;
            vm.revertToState(snapshot);
            for (uint256 op = 0; op < 3; ++op) {
                _reached[op][0] += reached[op][0];
                _reached[op][1] += reached[op][1];
            }
            _consumedRefused += consumedRefused;
        }
        for (uint256 op = 0; op < 3; ++op) {
            assertGt(_reached[op][0], 0, "a refused step of each kind");
            assertGt(_reached[op][1], 0, "an accepted step of each kind");
        }
        assertGt(_consumedRefused, 0, "a step refused because an id was consumed");
    }

    function _runSequence(uint256 seed) private {
        uint256[4] memory keys = [FARM_PK, MILL_PK, SHOP_PK, OUTSIDER_PK];
        for (uint256 step = 0; step < STEPS; ++step) {
            vm.warp(START + step);
            uint256 rnd = uint256(keccak256(abi.encode(seed, step)));
            // The outsider acts one step in eight.
            uint256 pk = keys[(rnd & 7) == 0 ? 3 : rnd % 3];
            address actor = vm.addr(pk);
            uint256 op = (rnd >> 8) % 3;
            if (op == 0) {
                _stepRecord(pk, _poolId(rnd >> 16), address(0), actor);
            } else if (op == 1) {
                _stepRecord(pk, _pickId(actor, rnd >> 16, 0), actor, vm.addr(keys[(rnd >> 24) % 4]));
            } else {
                _stepMapping(pk, rnd >> 32);
            }
            _checkModel();
        }
    }

    function _stepRecord(uint256 pk, bytes32 objectId, address out, address in_) private {
        address actor = vm.addr(pk);
        address holder = _modelHolder[objectId];
        bool expected = actor != outsider;
        if (out == address(0)) {
            expected = expected && holder == address(0);
        } else {
            expected = expected && holder == actor && _modelConsumedBy[objectId] == 0 && in_ != outsider;
        }
        ITraceLedger.RecordInput memory r = _recordInput(pk, objectId, out, in_);
        uint256 op = out == address(0) ? 0 : 1;
        vm.prank(actor);
        try ledger.record(r) {
            assertTrue(expected, "record accepted against the rules");
            _modelHolder[objectId] = in_;
            ++_reached[op][1];
        } catch {
            assertFalse(expected, "record refused against the rules");
            ++_reached[op][0];
            if (_modelConsumedBy[objectId] != 0) ++_consumedRefused;
        }
    }

    function _stepMapping(uint256 pk, uint256 rnd) private {
        address actor = vm.addr(pk);
        ITraceLedger.MappingKind kind = ITraceLedger.MappingKind(1 + (rnd % 3));
        uint256 nIn = kind == ITraceLedger.MappingKind.Merge ? 2 + ((rnd >> 2) % 2) : 1;
        uint256 nOut = kind == ITraceLedger.MappingKind.Split ? 2 + ((rnd >> 3) % 2) : 1;
        bytes32[] memory inputs = new bytes32[](nIn);
        bytes32[] memory outputs = new bytes32[](nOut);
        // Consecutive picks among the actor's ids are distinct when it has enough of them.
        for (uint256 i = 0; i < nIn; ++i) inputs[i] = _pickId(actor, rnd >> 8, i);
        for (uint256 i = 0; i < nOut; ++i) outputs[i] = _poolId(rnd >> (40 + 4 * i));

        bool expected = actor != outsider && _distinct(inputs) && _distinct(outputs);
        bool touchesConsumed;
        for (uint256 i = 0; i < nIn; ++i) {
            expected = expected && _modelHolder[inputs[i]] == actor && _modelConsumedBy[inputs[i]] == 0;
            touchesConsumed = touchesConsumed || _modelConsumedBy[inputs[i]] != 0;
        }
        for (uint256 i = 0; i < nOut; ++i) expected = expected && _modelHolder[outputs[i]] == address(0);

        ITraceLedger.MappingInput memory m = _mappingInput(pk, kind, inputs, outputs);
        vm.prank(actor);
        try ledger.mapIdentifiers(m) returns (uint256 mappingId) {
            assertTrue(expected, "mapping accepted against the rules");
            for (uint256 i = 0; i < nIn; ++i) _modelConsumedBy[inputs[i]] = mappingId;
            for (uint256 i = 0; i < nOut; ++i) _modelHolder[outputs[i]] = actor;
            ++_reached[2][1];
        } catch {
            assertFalse(expected, "mapping refused against the rules");
            ++_reached[2][0];
            if (touchesConsumed) ++_consumedRefused;
        }
    }

    function _checkModel() private view {
        for (uint256 i = 0; i < POOL; ++i) {
            bytes32 objectId = _poolId(i);
            assertEq(ledger.holderOf(objectId), _modelHolder[objectId], "holder");
            assertEq(ledger.consumedBy(objectId), _modelConsumedBy[objectId], "consumedBy");
        }
    }

    /// @dev Three times in four the `offset`-th next id the model says `actor` holds (live or
    /// consumed), when it holds any; otherwise any pool id.
    function _pickId(address actor, uint256 rnd, uint256 offset) private view returns (bytes32) {
        if (rnd % 4 != 0) {
            bytes32[] memory held = new bytes32[](POOL);
            uint256 count;
            for (uint256 i = 0; i < POOL; ++i) {
                if (_modelHolder[_poolId(i)] == actor) held[count++] = _poolId(i);
            }
            if (count != 0) return held[((rnd >> 2) + offset) % count];
        }
        return _poolId((rnd >> 2) + offset);
    }

    function _poolId(uint256 rnd) private pure returns (bytes32) {
        return keccak256(abi.encode("pool", rnd % POOL));
    }

    function _distinct(bytes32[] memory ids) private pure returns (bool) {
        for (uint256 i = 0; i < ids.length; ++i) {
            for (uint256 j = 0; j < i; ++j) if (ids[i] == ids[j]) return false;
        }
        return true;
    }

    // ------------------------------------------------------------ helpers

    function _record(uint256 pk, bytes32 objectId, address out, address in_) internal returns (uint256) {
        ITraceLedger.RecordInput memory r = _recordInput(pk, objectId, out, in_);
        vm.prank(vm.addr(pk));
        return ledger.record(r);
    }

    function _map(
        uint256 pk,
        ITraceLedger.MappingKind kind,
        bytes32[] memory inputs,
        bytes32[] memory outputs
    ) internal returns (uint256) {
        ITraceLedger.MappingInput memory m = _mappingInput(pk, kind, inputs, outputs);
        vm.prank(vm.addr(pk));
        return ledger.mapIdentifiers(m);
    }

    /// @dev A record at the current block time, signed with `pk`.
    function _recordInput(
        uint256 pk,
        bytes32 objectId,
        address out,
        address in_
    ) internal view returns (ITraceLedger.RecordInput memory r) {
        r.objectId = objectId;
        r.infoServer = INFO;
        r.dataHash = keccak256(abi.encode(objectId, out, in_, block.timestamp));
        r.transferOut = out;
        r.transferIn = in_;
        r.timestamp = uint64(block.timestamp);
        r.signature = _sign(pk, _digestOf(r));
    }

    function _mappingInput(
        uint256 pk,
        ITraceLedger.MappingKind kind,
        bytes32[] memory inputs,
        bytes32[] memory outputs
    ) internal view returns (ITraceLedger.MappingInput memory m) {
        m.kind = kind;
        m.inputs = inputs;
        m.outputs = outputs;
        m.infoServer = INFO;
        m.dataHash = keccak256(abi.encode(inputs, outputs));
        m.timestamp = uint64(block.timestamp);
        m.signature = _sign(
            pk,
            ledger.mappingDigest(kind, inputs, outputs, m.infoServer, m.dataHash, m.timestamp)
        );
    }

    function _digestOf(ITraceLedger.RecordInput memory r) internal view returns (bytes32) {
        return ledger.recordDigest(r.objectId, r.infoServer, r.dataHash, r.transferOut, r.transferIn, r.timestamp);
    }

    function _sign(uint256 pk, bytes32 digest) internal pure returns (bytes memory) {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(pk, digest);
        return abi.encodePacked(r, s, v);
    }

    function _ids(string memory tag, uint256 n) internal pure returns (bytes32[] memory ids) {
        ids = new bytes32[](n);
        for (uint256 i = 0; i < n; ++i) ids[i] = keccak256(abi.encode(tag, i));
    }

    function _one(bytes32 objectId) internal pure returns (bytes32[] memory ids) {
        ids = new bytes32[](1);
        ids[0] = objectId;
    }
}
