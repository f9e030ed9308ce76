// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {FairExchangeEscrow} from "../../../contracts/escrow/FairExchangeEscrow.sol";
import {DataMarket} from "../../../contracts/exchange/DataMarket.sol";
import {DataRegistry} from "../../../contracts/exchange/DataRegistry.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {IDataMarket} from "../../../contracts/interfaces/IDataMarket.sol";
import {IDataRegistry} from "../../../contracts/interfaces/IDataRegistry.sol";
import {IFairExchangeEscrow} from "../../../contracts/interfaces/IFairExchangeEscrow.sol";
import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

/// @dev The real consortium, escrow, data registry and market, with six founders: a
/// REGULATOR, the data SOURCE (owner of the approved device DEVICE_KEY), a PROXY, an
/// ENTERPRISE, a SERVICER and an ARBITER.
abstract contract ExchangeTestBase is ConsortiumSetup {
    uint256 internal constant START = 1_700_000_000;
    uint256 internal constant DEVICE_KEY = 0xD1CE;
    uint64 internal constant MAX_PERIOD = 365 days;

    address internal constant REGULATOR = address(0xE61);
    address internal constant SOURCE = address(0x5C);
    address internal constant PROXY = address(0x9A0);
    address internal constant ENTERPRISE = address(0xE7);
    address internal constant SERVICER = address(0x5E5);
    address internal constant ARBITER = address(0xA4B);
    address internal constant OUTSIDER = address(0xBAD);

    Ballot internal ballot;
    ConsortiumRegistry internal registry;
    FairExchangeEscrow internal escrow;
    DataRegistry internal dataRegistry;
    DataMarket internal market;
    address internal device;

    function setUp() public virtual {
        vm.warp(START);
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](6);
        founders[0] = _founderEntry(REGULATOR, keccak256("REGULATOR"));
        founders[1] = _founderEntry(SOURCE, bytes32(0));
        founders[2] = _founderEntry(PROXY, bytes32(0));
        founders[3] = _founderEntry(ENTERPRISE, bytes32(0));
        founders[4] = _founderEntry(SERVICER, keccak256("SERVICER"));
        founders[5] = _founderEntry(ARBITER, keccak256("ARBITER"));
        (ballot, registry) = _deployConsortium(founders, 1 hours);
        escrow = new FairExchangeEscrow(
            registry,
            ballot,
            IFairExchangeEscrow.DisputeSettings({quorumBps: 5_000, votingPeriod: 1 hours, executionWindow: 1 days})
        );
        dataRegistry = new DataRegistry(registry);
        market = new DataMarket(dataRegistry, escrow);
        device = _approvedDevice(SOURCE, DEVICE_KEY);
    }

    /// @dev `owner` registers the device of private key `key`, the regulator approves it.
    function _approvedDevice(address owner, uint256 key) internal returns (address account) {
        account = vm.addr(key);
        vm.prank(owner);
        registry.registerDevice(account, keccak256(abi.encode("device", account)));
        vm.prank(REGULATOR);
        registry.approveDevice(account);
    }

    /// @dev The 65-byte signature r ‖ s ‖ v of key `key` over the DataEntry fields.
    function _sign(uint256 key, bytes32 fingerprint, bytes32 metadataHash, uint64 producedAt)
        internal
        view
        returns (bytes memory)
    {
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, dataRegistry.dataEntryDigest(fingerprint, metadataHash, producedAt));
        return abi.encodePacked(r, s, v);
    }

    /// @dev A submission of `fingerprint` by the source's device, signed by `key`.
    function _submission(uint256 key, bytes32 fingerprint, uint256 resubmits)
        internal
        view
        returns (IDataRegistry.Submission memory s)
    {
        s.device = device;
        s.fingerprint = fingerprint;
        s.metadataHash = keccak256(abi.encode("metadata", fingerprint));
        s.producedAt = uint64(block.timestamp) - 60;
        s.cid = "bafkentry";
        s.resubmits = resubmits;
        s.signature = _sign(key, s.fingerprint, s.metadataHash, s.producedAt);
    }

    /// @dev The source submits `fingerprint` (device-signed); returns the entry id.
    function _submit(bytes32 fingerprint, uint256 resubmits) internal returns (uint256) {
        IDataRegistry.Submission memory s = _submission(DEVICE_KEY, fingerprint, resubmits);
        vm.prank(SOURCE);
        return dataRegistry.submit(s);
    }

    /// @dev As _submit, certified by the regulator.
    function _certified(bytes32 fingerprint) internal returns (uint256 entryId) {
        entryId = _submit(fingerprint, 0);
        vm.prank(REGULATOR);
        dataRegistry.certify(entryId, "bafkcertificate");
    }

    /// @dev Offer terms for `entryId` in native currency, resale allowed.
    function _terms(uint256 entryId, uint256 price) internal pure returns (IDataMarket.OfferTerms memory t) {
        t.entryId = entryId;
        t.category = "logistics.cold-chain";
        t.price = price;
        t.deliveryPeriod = 2 days;
        t.confirmationPeriod = 1 days;
        t.usageTermsHash = keccak256("usage terms");
        t.usageTermsCid = "bafkusage";
        t.resaleAllowed = true;
    }

    /// @dev The escrow order that buys `offerId` exactly on its terms.
    function _orderParams(uint256 offerId) internal view returns (IFairExchangeEscrow.OrderParams memory) {
        IDataMarket.Offer memory o = market.offerOf(offerId);
        return IFairExchangeEscrow.OrderParams({
            seller: o.supplier,
            token: o.terms.token,
            amount: o.terms.price,
            deliveryPeriod: o.terms.deliveryPeriod,
            confirmationPeriod: o.terms.confirmationPeriod,
            subject: market.offerSubject(offerId)
        });
    }

    /// @dev `buyer` opens (native currency) and records the purchase of `offerId`; then
    /// the supplier delivers, the buyer confirms and the sharing is recorded.
    function _buyAndShare(uint256 offerId, address buyer) internal returns (uint256 orderId) {
        IFairExchangeEscrow.OrderParams memory p = _orderParams(offerId);
        vm.deal(buyer, p.amount);
        vm.startPrank(buyer);
        orderId = escrow.openOrder{value: p.amount}(p);
        market.buy(offerId, orderId, 0);
        vm.stopPrank();
        vm.prank(p.seller);
        escrow.deliver(orderId, "bafkkey", keccak256("key"));
        vm.prank(buyer);
        escrow.confirm(orderId);
        market.recordSharing(orderId);
    }
}
