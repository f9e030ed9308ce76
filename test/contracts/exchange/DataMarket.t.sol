// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {DataMarket} from "../../../contracts/exchange/DataMarket.sol";
import {DataRegistry} from "../../../contracts/exchange/DataRegistry.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {IDataMarket} from "../../../contracts/interfaces/IDataMarket.sol";
import {IFairExchangeEscrow} from "../../../contracts/interfaces/IFairExchangeEscrow.sol";
import {TestToken} from "../../../contracts/test/TestToken.sol";

import {ExchangeTestBase} from "./ExchangeTestBase.sol";

contract DataMarketTest is ExchangeTestBase {
    /// @dev The order field that differs from the offer (None: an exact order).
    enum Field {
        None,
        Buyer,
        State,
        Subject,
        Seller,
        Token,
        Amount,
        DeliveryPeriod,
        ConfirmationPeriod
    }

    uint256 private constant MAX_PRICE = 1e24;

    TestToken private token;
    uint256 private entryId;

    function setUp() public override {
        super.setUp();
        token = new TestToken();
        entryId = _certified(keccak256("dataset"));
    }

    function test_registryMismatch() public {
        DataRegistry foreign = new DataRegistry(IConsortiumRegistry(address(ballot)));
        vm.expectRevert(
            abi.encodeWithSelector(IDataMarket.MarketRegistryMismatch.selector, address(ballot), address(registry))
        );
        new DataMarket(foreign, escrow);
    }

    /// recordMatch accepts an offer iff its price is at most the request's maxPrice.
    function testFuzz_recordMatchPrice(uint256 price, uint256 maxPrice) public {
        price = bound(price, 1, type(uint256).max);
        maxPrice = bound(maxPrice, 1, type(uint256).max);
        vm.prank(SOURCE);
        uint256 offerId = market.offer(_terms(entryId, price));
        vm.prank(ENTERPRISE);
        uint256 requestId = market.request(
            IDataMarket.RequestTerms({
                category: "logistics.cold-chain",
                token: address(0),
                maxPrice: maxPrice,
                requirementsHash: keccak256("requirements"),
                requirementsCid: "bafkrequirements"
            })
        );
        if (price > maxPrice) {
            vm.expectRevert(abi.encodeWithSelector(IDataMarket.MarketMismatch.selector, requestId, offerId, "price"));
        }
        vm.prank(SERVICER);
        market.recordMatch(requestId, offerId);
        assertEq(market.requestOf(requestId).matchedOffer, price > maxPrice ? 0 : offerId);
    }

    /// buy accepts an order iff every field repeats the offer: buyer = caller, state Funded,
    /// subject, seller, token, amount and both periods. One fuzzed field is changed by a
    /// fuzzed amount, and the purchase is recorded after a fuzzed lag.
    function testFuzz_buyAcceptsOnlyMatchingOrders(
        uint8 fieldSeed,
        uint256 price,
        uint64 deliveryPeriod,
        uint64 confirmationPeriod,
        bool erc20,
        uint256 mutation,
        uint64 lag
    ) public {
        Field field = Field(fieldSeed % 9);
        IDataMarket.OfferTerms memory terms = _terms(entryId, bound(price, 1, MAX_PRICE));
        terms.token = erc20 ? address(token) : address(0);
        terms.deliveryPeriod = uint64(bound(deliveryPeriod, 1, MAX_PERIOD));
        terms.confirmationPeriod = uint64(bound(confirmationPeriod, 1, MAX_PERIOD));
        lag = uint64(bound(lag, 0, 2 * MAX_PERIOD));
        vm.prank(SOURCE);
        uint256 offerId = market.offer(terms);

        IFairExchangeEscrow.OrderParams memory params = _orderParams(offerId);
        address opener = ENTERPRISE;
        if (field == Field.Buyer) opener = PROXY;
        else if (field == Field.Subject) params.subject = _differentBytes32(params.subject, mutation);
        else if (field == Field.Seller) params.seller = mutation % 2 == 0 ? PROXY : SERVICER;
        else if (field == Field.Token) params.token = erc20 ? address(0) : address(token);
        else if (field == Field.Amount) params.amount = _different(terms.price, mutation, 1, 2 * MAX_PRICE);
        else if (field == Field.DeliveryPeriod) {
            params.deliveryPeriod = uint64(_different(terms.deliveryPeriod, mutation, 1, MAX_PERIOD));
        } else if (field == Field.ConfirmationPeriod) {
            params.confirmationPeriod = uint64(_different(terms.confirmationPeriod, mutation, 1, MAX_PERIOD));
        }
        uint256 orderId = _open(opener, params);
        if (field == Field.State) {
            vm.prank(SOURCE);
            escrow.deliver(orderId, "bafkkey", keccak256("key"));
        }
        vm.warp(block.timestamp + lag);

        string memory name = _fieldName(field);
        if (bytes(name).length != 0) {
            vm.expectRevert(abi.encodeWithSelector(IDataMarket.MarketOrderMismatch.selector, orderId, name));
        }
        vm.prank(ENTERPRISE);
        market.buy(offerId, orderId, 0);
        if (bytes(name).length != 0) {
            vm.expectRevert(abi.encodeWithSelector(IDataMarket.MarketUnknownTrade.selector, orderId));
            market.tradeOf(orderId);
        } else {
            assertEq(market.tradeOf(orderId).buyer, ENTERPRISE);
            vm.expectRevert(abi.encodeWithSelector(IDataMarket.MarketAlreadyBought.selector, orderId));
            vm.prank(ENTERPRISE);
            market.buy(offerId, orderId, 0);
        }
    }

    /// A trade becomes Shared iff its escrow order ends Released, whichever way it ends.
    function testFuzz_sharedOnlyWhenReleased(uint8 path) public {
        vm.prank(SOURCE);
        uint256 offerId = market.offer(_terms(entryId, 1 ether));
        uint256 orderId = _open(ENTERPRISE, _orderParams(offerId));
        vm.prank(ENTERPRISE);
        market.buy(offerId, orderId, 0);

        path %= 6;
        if (path == 0) {
            // nothing happens: still Funded
        } else if (path == 1) {
            vm.warp(block.timestamp + 2 days + 1);
            vm.prank(ENTERPRISE);
            escrow.refund(orderId);
        } else {
            vm.prank(SOURCE);
            escrow.deliver(orderId, "bafkkey", keccak256("key"));
            if (path == 2) {
                vm.prank(ENTERPRISE);
                escrow.confirm(orderId);
            } else if (path == 3) {
                vm.warp(block.timestamp + 1 days + 1);
                vm.prank(SOURCE);
                escrow.claimAfterConfirmationPeriod(orderId);
            } else {
                vm.prank(ENTERPRISE);
                uint256 proposalId = escrow.dispute(orderId, "bafkevidence");
                vm.prank(ARBITER);
                ballot.castVote(proposalId, path == 4);
                if (path == 4) {
                    ballot.execute(proposalId);
                } else {
                    vm.warp(block.timestamp + 1 hours + 1);
                    escrow.resolveDispute(orderId);
                }
            }
        }
        IFairExchangeEscrow.OrderState state = escrow.order(orderId).state;
        bool released = state == IFairExchangeEscrow.OrderState.Released;
        if (!released) {
            vm.expectRevert(abi.encodeWithSelector(IDataMarket.MarketOrderNotReleased.selector, orderId, state));
        }
        market.recordSharing(orderId);
        assertEq(uint8(market.tradeOf(orderId).state), uint8(released ? IDataMarket.TradeState.Shared : IDataMarket.TradeState.Open));
        assertEq(address(market).balance, 0);
    }

    /// Circulation through any number of proxies: provenance lists every hop, source first.
    function testFuzz_provenanceThroughProxies(uint8 hops) public {
        hops = uint8(bound(hops, 1, 6));
        uint256[] memory trades = new uint256[](hops);
        address holder = SOURCE;
        uint256 upstream;
        for (uint256 i = 0; i < hops; ++i) {
            IDataMarket.OfferTerms memory terms = _terms(entryId, 1 ether + i);
            terms.upstreamTrade = upstream;
            vm.prank(holder);
            uint256 offerId = market.offer(terms);
            address buyer = holder == PROXY ? ENTERPRISE : PROXY;
            trades[i] = _buyAndShare(offerId, buyer);
            assertEq(market.tradeOf(trades[i]).upstreamTrade, upstream);
            (holder, upstream) = (buyer, trades[i]);
        }
        assertEq(market.provenance(trades[hops - 1]), trades);
        // The last buyer's trade is not its neighbour's to resell.
        address other = holder == PROXY ? ENTERPRISE : PROXY;
        IDataMarket.OfferTerms memory stolen = _terms(entryId, 1 ether);
        stolen.upstreamTrade = upstream;
        vm.expectRevert(abi.encodeWithSelector(IDataMarket.MarketUpstreamMismatch.selector, upstream, entryId, holder));
        vm.prank(other);
        market.offer(stolen);
    }

    function _fieldName(Field field) private pure returns (string memory) {
        if (field == Field.Buyer) return "buyer";
        if (field == Field.State) return "state";
        if (field == Field.Subject) return "subject";
        if (field == Field.Seller) return "seller";
        if (field == Field.Token) return "token";
        if (field == Field.Amount) return "amount";
        if (field == Field.DeliveryPeriod) return "deliveryPeriod";
        if (field == Field.ConfirmationPeriod) return "confirmationPeriod";
        return "";
    }

    function _open(address opener, IFairExchangeEscrow.OrderParams memory params) private returns (uint256) {
        uint256 value;
        if (params.token == address(0)) {
            value = params.amount;
            vm.deal(opener, value);
        } else {
            token.mint(opener, params.amount);
            vm.prank(opener);
            token.approve(address(escrow), params.amount);
        }
        vm.prank(opener);
        return escrow.openOrder{value: value}(params);
    }

    /// @dev A value in [min, max] that differs from `original`.
    function _different(uint256 original, uint256 seed, uint256 min, uint256 max) private pure returns (uint256 v) {
        v = bound(seed, min, max);
        if (v == original) v = original == max ? original - 1 : original + 1;
    }

    function _differentBytes32(bytes32 original, uint256 seed) private pure returns (bytes32 v) {
        v = bytes32(seed);
        if (v == original) v = ~original;
    }
}
