// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {ILoyaltyLedger} from "../../../contracts/interfaces/ILoyaltyLedger.sol";
import {LoyaltyLedger} from "../../../contracts/points/LoyaltyLedger.sol";

import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

contract LoyaltyLedgerTest is ConsortiumSetup {
    address private constant BRAND = address(0xB1);
    address private constant PLATFORM = address(0xB2);
    address private constant KEY_HOLDER = address(0xB3);
    address private constant MPC = address(0xB4);
    address private constant MPC_2 = address(0xB5);
    address private constant OUTSIDER = address(0xB6);
    bytes32 private constant CONSUMER = keccak256("salt|mallory-member-account");
    uint8 private constant TIER = 1;
    uint8 private constant FORMULA = 2;

    LoyaltyLedger private ledger;
    uint256 private keyId;

    function setUp() public {
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](5);
        founders[0] = _founderEntry(BRAND, bytes32(0));
        founders[1] = _founderEntry(PLATFORM, bytes32(0));
        founders[2] = _founderEntry(KEY_HOLDER, bytes32(0));
        founders[3] = _founderEntry(MPC, keccak256("MPC"));
        founders[4] = _founderEntry(MPC_2, keccak256("MPC"));
        (, IConsortiumRegistry registry) = _deployConsortium(founders, 1 hours);
        ledger = new LoyaltyLedger(registry);
        vm.prank(KEY_HOLDER);
        keyId = ledger.registerKeyHolder("bafkpaillierkey", keccak256("paillier key"));
    }

    function test_thresholdsAndConstants() public view {
        uint256[3] memory t = ledger.tierThresholds();
        assertEq(t[0], 2_000);
        assertEq(t[1], 5_000);
        assertEq(t[2], 10_000);
        assertEq(ledger.MAX_TIER(), 3);
        assertEq(ledger.KIND_TIER(), TIER);
        assertEq(ledger.KIND_FORMULA(), FORMULA);
    }

    /// Mallory's case: brand and platform issue, the key holder authorises over both, the MPC
    /// platform posts tier 2 (2600 + 3200 = 5800 reaches 2000 and 5000).
    function test_mallorysFlow() public {
        uint256[] memory ids = new uint256[](2);
        ids[0] = _issue(BRAND, CONSUMER);
        ids[1] = _issue(PLATFORM, CONSUMER);
        uint256 authId = _authorize(TIER, ids, MPC, block.timestamp + 1 hours);
        vm.prank(MPC);
        ledger.postTier(authId, 2, "bafkevidence", keccak256("evidence"));

        assertEq(ledger.currentTier(CONSUMER), 2);
        ILoyaltyLedger.TierRecord[] memory history = ledger.tierHistory(CONSUMER);
        assertEq(history.length, 1);
        assertEq(history[0].authorizationId, authId);
        assertEq(history[0].evidenceHash, keccak256("evidence"));
        ILoyaltyLedger.Authorization memory a = ledger.authorization(authId);
        assertEq(uint8(a.state), uint8(ILoyaltyLedger.AuthorizationState.Used));
        assertEq(a.usedAt, block.timestamp);
        assertEq(a.issuanceIds, ids);
    }

    /// Only the MPC platform an authorisation names can post under it; anyone else, member,
    /// other MPC holder or outsider, is refused and the authorisation stays Active.
    function testFuzz_onlyTheAuthorisedMpcPosts(address poster, uint8 tier) public {
        vm.assume(poster != MPC);
        tier = uint8(bound(tier, 0, 3));
        uint256 authId = _authorize(TIER, _one(_issue(BRAND, CONSUMER)), MPC, block.timestamp + 1 hours);
        vm.prank(poster);
        vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyNotAuthorizedMpc.selector, authId, MPC, poster));
        ledger.postTier(authId, tier, "bafkevidence", keccak256("evidence"));
        assertEq(uint8(ledger.authorization(authId).state), uint8(ILoyaltyLedger.AuthorizationState.Active));
        assertEq(ledger.tierHistory(CONSUMER).length, 0);
    }

    /// Tiers 0..3 are accepted, anything above is refused.
    function testFuzz_tierMustBeAtMostThree(uint8 tier) public {
        uint256 authId = _authorize(TIER, _one(_issue(BRAND, CONSUMER)), MPC, block.timestamp + 1 hours);
        vm.prank(MPC);
        if (tier > 3) {
            vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyInvalidTier.selector, tier));
            ledger.postTier(authId, tier, "bafkevidence", keccak256("evidence"));
            assertEq(ledger.tierHistory(CONSUMER).length, 0);
        } else {
            ledger.postTier(authId, tier, "bafkevidence", keccak256("evidence"));
            assertEq(ledger.currentTier(CONSUMER), tier);
        }
    }

    /// A post succeeds iff it comes strictly before expiresAt; an expiry not after now is
    /// refused when authorising. Half the runs wait within one second of the expiry.
    function testFuzz_expiry(uint64 lifetime, uint64 wait, bool nearEdge) public {
        lifetime = uint64(bound(lifetime, 0, 365 days));
        wait = nearEdge && lifetime > 0 ? lifetime - 1 + (wait % 3) : uint64(bound(wait, 0, 2 * 365 days));
        uint64 expiresAt = uint64(block.timestamp) + lifetime;
        uint256[] memory ids = _one(_issue(BRAND, CONSUMER));
        if (lifetime == 0) {
            vm.prank(KEY_HOLDER);
            vm.expectRevert(
                abi.encodeWithSelector(ILoyaltyLedger.LoyaltyExpiryNotInFuture.selector, expiresAt, uint64(block.timestamp))
            );
            ledger.authorizeComputation(CONSUMER, TIER, ids, MPC, BRAND, expiresAt);
            return;
        }
        uint256 authId = _authorize(TIER, ids, MPC, expiresAt);
        vm.warp(block.timestamp + wait);
        vm.prank(MPC);
        if (wait >= lifetime) {
            vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyAuthorizationExpired.selector, authId, expiresAt));
            ledger.postTier(authId, 1, "bafkevidence", keccak256("evidence"));
        } else {
            ledger.postTier(authId, 1, "bafkevidence", keccak256("evidence"));
            assertEq(ledger.tierHistory(CONSUMER).length, 1);
        }
    }

    /// Whatever the listed subset, issuances under two keys never go into one authorisation.
    function testFuzz_keysNeverMix(uint8 oldCount, uint8 newCount) public {
        oldCount = uint8(bound(oldCount, 1, 5));
        newCount = uint8(bound(newCount, 1, 5));
        uint256[] memory ids = new uint256[](uint256(oldCount) + newCount);
        for (uint256 n = 0; n < oldCount; ++n) ids[n] = _issue(BRAND, CONSUMER);
        vm.prank(KEY_HOLDER);
        uint256 newKey = ledger.registerKeyHolder("bafkpaillierkey2", keccak256("paillier key 2"));
        for (uint256 n = oldCount; n < ids.length; ++n) ids[n] = _issueUnder(PLATFORM, CONSUMER, newKey);
        vm.prank(KEY_HOLDER);
        vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyMixedKeys.selector, ids[oldCount], newKey, keyId));
        ledger.authorizeComputation(CONSUMER, TIER, ids, MPC, BRAND, uint64(block.timestamp + 1 hours));
    }

    /// One use: a second post, of either kind's function, is refused; so is a revoke.
    function test_authorisationIsUsedOnce() public {
        uint256 authId = _authorize(FORMULA, _one(_issue(BRAND, CONSUMER)), MPC, block.timestamp + 1 hours);
        vm.startPrank(MPC);
        ledger.postFormulaResult(authId, "bafkresult", keccak256("result"));
        vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyAuthorizationUsed.selector, authId));
        ledger.postFormulaResult(authId, "bafkresult2", keccak256("result2"));
        vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyWrongKind.selector, authId, FORMULA, TIER));
        ledger.postTier(authId, 1, "bafkevidence", keccak256("evidence"));
        vm.stopPrank();
        vm.prank(KEY_HOLDER);
        vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyAuthorizationUsed.selector, authId));
        ledger.revokeAuthorization(authId);
        assertEq(ledger.formulaResult(authId).resultHash, keccak256("result"));
    }

    /// Any list that is not strictly ascending is refused, duplicates included.
    function testFuzz_issuanceIdsStrictlyAscending(uint8 count, uint8 swapAt) public {
        count = uint8(bound(count, 2, 8));
        uint256[] memory ids = new uint256[](count);
        for (uint256 n = 0; n < count; ++n) ids[n] = _issue(BRAND, CONSUMER);
        uint256 at = bound(swapAt, 1, count - 1);
        bool duplicate = swapAt % 2 == 0;
        if (duplicate) ids[at] = ids[at - 1];
        else (ids[at], ids[at - 1]) = (ids[at - 1], ids[at]);
        vm.prank(KEY_HOLDER);
        vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyIssuancesNotAscending.selector, ids[at - 1], ids[at]));
        ledger.authorizeComputation(CONSUMER, TIER, ids, MPC, BRAND, uint64(block.timestamp + 1 hours));
    }

    /// Only the key's holder authorises over its issuances.
    function testFuzz_onlyKeyHolderAuthorises(address caller) public {
        vm.assume(caller != KEY_HOLDER);
        uint256[] memory ids = _one(_issue(BRAND, CONSUMER));
        bool member = caller == BRAND || caller == PLATFORM || caller == MPC || caller == MPC_2;
        vm.prank(caller);
        if (member) {
            vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyNotKeyHolder.selector, keyId, KEY_HOLDER, caller));
        } else {
            vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyNotMember.selector, caller));
        }
        ledger.authorizeComputation(CONSUMER, TIER, ids, MPC, BRAND, uint64(block.timestamp + 1 hours));
    }

    function test_outsiderCannotIssue() public {
        vm.prank(OUTSIDER);
        vm.expectRevert(abi.encodeWithSelector(ILoyaltyLedger.LoyaltyNotMember.selector, OUTSIDER));
        ledger.issuePoints(CONSUMER, keyId, "bafkct", keccak256("ct"));
    }

    function _issue(address issuer, bytes32 consumerId) private returns (uint256) {
        return _issueUnder(issuer, consumerId, keyId);
    }

    function _issueUnder(address issuer, bytes32 consumerId, uint256 key) private returns (uint256) {
        vm.prank(issuer);
        return ledger.issuePoints(consumerId, key, "bafkciphertext", keccak256(abi.encode(issuer, block.number, gasleft())));
    }

    function _authorize(uint8 kind, uint256[] memory ids, address mpc, uint256 expiresAt) private returns (uint256) {
        vm.prank(KEY_HOLDER);
        return ledger.authorizeComputation(CONSUMER, kind, ids, mpc, BRAND, uint64(expiresAt));
    }

    function _one(uint256 id) private pure returns (uint256[] memory ids) {
        ids = new uint256[](1);
        ids[0] = id;
    }
}
