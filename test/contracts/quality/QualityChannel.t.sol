// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IQualityChannel} from "../../../contracts/interfaces/IQualityChannel.sol";

import {QualityTestBase} from "./QualityTestBase.sol";

contract QualityChannelTest is QualityTestBase {
    uint256 private constant STEPS = 16;
    uint256 private constant KEYS = 5; // a small pool, so that random steps reuse keys often

    /// A public key hash is accepted exactly once, whatever the lot, the owner and the order
    /// of publications: every later use reverts with QualityKeyReused naming the first pair.
    function testFuzz_keyHashNeverAcceptedTwice(uint256 seed, bytes32 keySalt) public {
        address[2] memory owners = [OWNER, MEMBER];
        bytes32[4] memory lots = [keccak256("l0"), keccak256("l1"), keccak256("l2"), keccak256("l3")];
        for (uint256 i = 0; i < lots.length; ++i) {
            vm.prank(owners[i % 2]);
            channel.registerLot(lots[i], "");
        }
        uint256[KEYS] memory firstPair; // model: pair id that first used key k, 0 if none
        uint256 published;

        for (uint256 step = 0; step < STEPS; ++step) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 lotIndex = r % lots.length;
            uint256 k = (r >> 8) % KEYS;
            bytes32 keyHash = keccak256(abi.encode(keySalt, k));

            vm.prank(owners[lotIndex % 2]);
            if (firstPair[k] != 0) {
                vm.expectRevert(abi.encodeWithSelector(IQualityChannel.QualityKeyReused.selector, keyHash, firstPair[k]));
                channel.publishPair(lots[lotIndex], _pairParams(keyHash));
            } else {
                uint256 pairId = channel.publishPair(lots[lotIndex], _pairParams(keyHash));
                assertEq(pairId, ++published, "sequential pair ids");
                firstPair[k] = pairId;
            }
            assertEq(channel.pairByPublicKey(keyHash), firstPair[k], "key index");
        }
        assertEq(channel.pairCount(), published);
        uint256 total;
        for (uint256 i = 0; i < lots.length; ++i) {
            IQualityChannel.Lot memory l = channel.lot(lots[i]);
            for (uint256 j = 1; j <= l.pairCount; ++j) {
                assertEq(channel.pair(channel.lotPair(lots[i], j)).lotId, lots[i], "per-lot index");
            }
            total += l.pairCount;
        }
        assertEq(total, published, "per-lot counts add up");
    }

    /// bitLength is accepted iff 1 <= bitLength <= 256.
    function testFuzz_bitLengthRange(uint16 bitLength) public {
        vm.prank(OWNER);
        channel.registerLot(keccak256("lot"), "");
        IQualityChannel.PairParams memory p = _pairParams(keccak256("key"));
        p.bitLength = bitLength;
        vm.prank(OWNER);
        if (bitLength == 0 || bitLength > 256) {
            vm.expectRevert(abi.encodeWithSelector(IQualityChannel.QualityInvalidBitLength.selector, bitLength));
        }
        channel.publishPair(keccak256("lot"), p);
    }

    /// Only the lot owner publishes and posts, whoever else tries.
    function testFuzz_onlyOwnerPublishes(address caller) public {
        vm.assume(caller != OWNER);
        uint256 pairId = _publishPair(keccak256("lot"), keccak256("key"));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IQualityChannel.QualityNotLotOwner.selector, keccak256("lot"), caller));
        channel.publishPair(keccak256("lot"), _pairParams(keccak256("other key")));
        vm.prank(caller);
        vm.expectRevert(abi.encodeWithSelector(IQualityChannel.QualityNotLotOwner.selector, keccak256("lot"), caller));
        channel.postXor(pairId, SERVICER, "bafkxor", keccak256("xor"));
    }
}
