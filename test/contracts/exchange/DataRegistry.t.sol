// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDataRegistry} from "../../../contracts/interfaces/IDataRegistry.sol";

import {ExchangeTestBase} from "./ExchangeTestBase.sol";

contract DataRegistryTest is ExchangeTestBase {
    /// secp256k1 group order.
    uint256 private constant N = 0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141;

    /// A signature by any key other than the device's never passes as the device.
    function testFuzz_onlyTheDeviceKeySigns(uint256 key, bytes32 fingerprint) public {
        key = bound(key, 1, N - 1);
        vm.assume(key != DEVICE_KEY && fingerprint != bytes32(0));
        IDataRegistry.Submission memory s = _submission(key, fingerprint, 0);
        vm.prank(SOURCE);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataBadSignature.selector, device, vm.addr(key)));
        dataRegistry.submit(s);
        assertEq(dataRegistry.entryCount(), 0);
    }

    /// The device's signature covers every field: change any one after signing and the
    /// signature recovers someone else (or nobody).
    function testFuzz_signatureBindsEveryField(
        bytes32 fingerprint,
        bytes32 metadataHash,
        uint64 producedAt,
        uint8 which,
        uint256 mutation
    ) public {
        vm.assume(fingerprint != bytes32(0));
        producedAt = uint64(bound(producedAt, 0, block.timestamp));
        bytes memory signature = _sign(DEVICE_KEY, fingerprint, metadataHash, producedAt);
        IDataRegistry.Submission memory s = IDataRegistry.Submission({
            device: device,
            fingerprint: fingerprint,
            metadataHash: metadataHash,
            producedAt: producedAt,
            cid: "bafkentry",
            resubmits: 0,
            signature: signature
        });
        which %= 3;
        if (which == 0) {
            s.fingerprint = bytes32(bound(mutation, 1, type(uint256).max));
            vm.assume(s.fingerprint != fingerprint);
        } else if (which == 1) {
            s.metadataHash = bytes32(mutation);
            vm.assume(s.metadataHash != metadataHash);
        } else {
            s.producedAt = uint64(bound(mutation, 0, block.timestamp));
            vm.assume(s.producedAt != producedAt);
        }
        (bytes32 r, bytes32 sv, uint8 v) = _split(signature);
        address recovered = ecrecover(dataRegistry.dataEntryDigest(s.fingerprint, s.metadataHash, s.producedAt), v, r, sv);
        vm.prank(SOURCE);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataBadSignature.selector, device, recovered));
        dataRegistry.submit(s);
    }

    /// The high-s twin is a valid ECDSA signature by the device (ecrecover accepts it), but
    /// the registry refuses it; the low-s original then passes.
    function test_highSSignatureRejected() public {
        IDataRegistry.Submission memory s = _submission(DEVICE_KEY, keccak256("data"), 0);
        (bytes32 r, bytes32 low, uint8 v) = _split(s.signature);
        bytes32 high = bytes32(N - uint256(low));
        uint8 twinV = v == 27 ? 28 : 27;
        assertEq(ecrecover(dataRegistry.dataEntryDigest(s.fingerprint, s.metadataHash, s.producedAt), twinV, r, high), device);

        bytes memory lowSignature = s.signature;
        s.signature = abi.encodePacked(r, high, twinV);
        vm.prank(SOURCE);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataBadSignature.selector, device, address(0)));
        dataRegistry.submit(s);

        s.signature = lowSignature;
        vm.prank(SOURCE);
        assertEq(dataRegistry.submit(s), 1);
    }

    /// Each digest is accepted once, whoever replays it and under whatever CID.
    function testFuzz_signatureAcceptedOnce(string calldata otherCid) public {
        vm.assume(bytes(otherCid).length != 0);
        IDataRegistry.Submission memory s = _submission(DEVICE_KEY, keccak256("data"), 0);
        vm.prank(SOURCE);
        dataRegistry.submit(s);
        s.cid = otherCid;
        bytes32 digest = dataRegistry.dataEntryDigest(s.fingerprint, s.metadataHash, s.producedAt);
        vm.prank(SOURCE);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataSignatureReused.selector, digest));
        dataRegistry.submit(s);
    }

    /// Data produced up to now + the clock skew is accepted; from the next second on it is not.
    function testFuzz_producedAtNotInFuture(uint64 producedAt) public {
        IDataRegistry.Submission memory s = _submission(DEVICE_KEY, keccak256("data"), 0);
        s.producedAt = producedAt;
        s.signature = _sign(DEVICE_KEY, s.fingerprint, s.metadataHash, producedAt);
        uint64 latest = uint64(block.timestamp) + dataRegistry.MAX_CLOCK_SKEW();
        vm.prank(SOURCE);
        if (producedAt > latest) {
            vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataProducedInFuture.selector, producedAt, latest));
            dataRegistry.submit(s);
        } else {
            assertEq(dataRegistry.submit(s), 1);
        }
    }

    /// Only REGULATOR holders validate (a third of the runs pick the regulator, a third a
    /// member with another role, a third any address), and only once.
    function testFuzz_onlyRegulatorsValidate(uint8 pick, address any, bool certify) public {
        address[5] memory others = [SOURCE, PROXY, SERVICER, ARBITER, OUTSIDER];
        address caller = pick % 3 == 0 ? REGULATOR : pick % 3 == 1 ? others[(pick / 3) % 5] : any;
        uint256 entryId = _submit(keccak256("data"), 0);
        if (caller != REGULATOR) vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataNotRegulator.selector, caller));
        vm.prank(caller);
        if (certify) dataRegistry.certify(entryId, "bafkcertificate");
        else dataRegistry.reject(entryId, "reason");
        if (caller != REGULATOR) return;

        IDataRegistry.EntryState state = dataRegistry.entryState(entryId);
        assertEq(uint8(state), uint8(certify ? IDataRegistry.EntryState.Certified : IDataRegistry.EntryState.Rejected));
        assertEq(dataRegistry.entry(entryId).validator, REGULATOR);
        vm.expectRevert(
            abi.encodeWithSelector(IDataRegistry.DataUnexpectedState.selector, entryId, state, IDataRegistry.EntryState.Pending)
        );
        vm.prank(REGULATOR);
        dataRegistry.reject(entryId, "again");
    }

    function test_selfValidationRefused() public {
        address regulatorDevice = _approvedDevice(REGULATOR, 0xBEEF);
        IDataRegistry.Submission memory s = _submission(0xBEEF, keccak256("regulator data"), 0);
        s.device = regulatorDevice;
        vm.startPrank(REGULATOR);
        uint256 entryId = dataRegistry.submit(s);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataSelfValidation.selector, entryId, REGULATOR));
        dataRegistry.certify(entryId, "bafkcertificate");
        vm.stopPrank();
    }

    /// A resubmission chain of any length, with unrelated entries in between, has one
    /// history, oldest first, whichever of its entries is asked.
    function testFuzz_historyOfAChain(uint8 length, uint8 probe) public {
        length = uint8(bound(length, 1, 8));
        uint256[] memory chain = new uint256[](length);
        for (uint256 i = 0; i < length; ++i) {
            _submit(keccak256(abi.encode("unrelated", i)), 0);
            chain[i] = _submit(keccak256(abi.encode("version", i)), i == 0 ? 0 : chain[i - 1]);
            if (i + 1 < length) {
                vm.prank(REGULATOR);
                dataRegistry.reject(chain[i], "try again");
            }
        }
        uint256[] memory ids = dataRegistry.history(chain[probe % length]);
        assertEq(ids, chain);
        assertEq(dataRegistry.history(chain[0] - 1).length, 1); // the unrelated entry before it

        // The latest is Pending: it cannot be corrected until rejected.
        IDataRegistry.Submission memory s = _submission(DEVICE_KEY, keccak256("next"), chain[length - 1]);
        vm.prank(SOURCE);
        vm.expectRevert(
            abi.encodeWithSelector(
                IDataRegistry.DataUnexpectedState.selector,
                chain[length - 1],
                IDataRegistry.EntryState.Pending,
                IDataRegistry.EntryState.Rejected
            )
        );
        dataRegistry.submit(s);
    }

    function test_resubmissionOnceAndBySubmitterOnly() public {
        uint256 first = _submit(keccak256("v1"), 0);
        vm.prank(REGULATOR);
        dataRegistry.reject(first, "no");
        uint256 second = _submit(keccak256("v2"), first);

        IDataRegistry.Submission memory s = _submission(DEVICE_KEY, keccak256("v2 again"), first);
        vm.prank(SOURCE);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataAlreadyResubmitted.selector, first, second));
        dataRegistry.submit(s);

        address proxyDevice = _approvedDevice(PROXY, 0xCAFE);
        s = _submission(0xCAFE, keccak256("proxy v2"), first);
        s.device = proxyDevice;
        vm.prank(PROXY);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataNotResubmitter.selector, first, SOURCE, PROXY));
        dataRegistry.submit(s);
    }

    function test_inputChecks() public {
        IDataRegistry.Submission memory s = _submission(DEVICE_KEY, keccak256("data"), 0);
        vm.prank(OUTSIDER);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataNotMember.selector, OUTSIDER));
        dataRegistry.submit(s);

        vm.prank(PROXY);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataNotDeviceOwner.selector, device, SOURCE, PROXY));
        dataRegistry.submit(s);

        IDataRegistry.Submission memory empty = _submission(DEVICE_KEY, bytes32(0), 0);
        vm.prank(SOURCE);
        vm.expectRevert(IDataRegistry.DataEmptyFingerprint.selector);
        dataRegistry.submit(empty);

        s.cid = "";
        vm.prank(SOURCE);
        vm.expectRevert(IDataRegistry.DataEmptyCid.selector);
        dataRegistry.submit(s);

        vm.prank(SOURCE);
        registry.revokeDevice(device);
        s.cid = "bafkentry";
        vm.prank(SOURCE);
        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataDeviceNotApproved.selector, device));
        dataRegistry.submit(s);

        vm.expectRevert(abi.encodeWithSelector(IDataRegistry.DataUnknownEntry.selector, 1));
        dataRegistry.entry(1);
    }

    function _split(bytes memory signature) private pure returns (bytes32 r, bytes32 s, uint8 v) {
        assembly {
            r := mload(add(signature, 0x20))
            s := mload(add(signature, 0x40))
            v := byte(0, mload(add(signature, 0x60)))
        }
    }
}
