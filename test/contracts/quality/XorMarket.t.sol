// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFairExchangeEscrow} from "../../../contracts/interfaces/IFairExchangeEscrow.sol";
import {IXorMarket} from "../../../contracts/interfaces/IXorMarket.sol";
import {TestToken} from "../../../contracts/test/TestToken.sol";

import {QualityTestBase} from "./QualityTestBase.sol";

contract XorMarketTest is QualityTestBase {
    /// @dev The order field that differs from the offer (None: an exact order).
    enum Field {
        None,
        Buyer,
        State,
        Subject,
        Seller,
        Token,
        Amount,
        ConfirmationPeriod,
        DeliveryPeriod
    }

    uint64 private constant MAX_PERIOD = 365 days;
    uint256 private constant MAX_PRICE = 1e24;

    TestToken private token;
    uint256 private pairId;

    function setUp() public override {
        super.setUp();
        token = new TestToken();
        pairId = _publishPair(keccak256("lot"), keccak256("key"));
        vm.prank(OWNER);
        channel.postXor(pairId, SERVICER, "bafkxor", keccak256("xor"));
    }

    /// purchase accepts an order iff every field matches the offer exactly: the buyer is the
    /// caller, the state is Funded, and subject, seller, token, amount, delivery period and
    /// confirmation period are equal. Each run changes one fuzzed field by a fuzzed amount and
    /// records the order after a fuzzed lag, which may run past deliverBy: time never matters.
    function testFuzz_purchaseAcceptsOnlyMatchingOrders(
        uint8 fieldSeed,
        uint256 price,
        uint64 deliveryPeriod,
        uint64 confirmationPeriod,
        bool erc20,
        uint256 mutation,
        uint64 lag
    ) public {
        Field field = Field(fieldSeed % 9);
        IXorMarket.OfferTerms memory terms = IXorMarket.OfferTerms({
            token: erc20 ? address(token) : address(0),
            price: bound(price, 1, MAX_PRICE),
            deliveryPeriod: uint64(bound(deliveryPeriod, 1, MAX_PERIOD)),
            confirmationPeriod: uint64(bound(confirmationPeriod, 1, MAX_PERIOD))
        });
        lag = uint64(bound(lag, 0, 2 * MAX_PERIOD));
        vm.prank(SERVICER);
        uint256 offerId = market.offer(pairId, terms);

        IFairExchangeEscrow.OrderParams memory params = IFairExchangeEscrow.OrderParams({
            seller: SERVICER,
            token: terms.token,
            amount: terms.price,
            deliveryPeriod: terms.deliveryPeriod,
            confirmationPeriod: terms.confirmationPeriod,
            subject: market.offerSubject(offerId)
        });
        address opener = BUYER;
        if (field == Field.Buyer) opener = MEMBER;
        else if (field == Field.Subject) params.subject = _differentBytes32(params.subject, mutation);
        else if (field == Field.Seller) params.seller = mutation % 2 == 0 ? OWNER : MEMBER;
        else if (field == Field.Token) params.token = erc20 ? address(0) : address(token);
        else if (field == Field.Amount) params.amount = _different(terms.price, mutation, 1, 2 * MAX_PRICE);
        else if (field == Field.ConfirmationPeriod) {
            params.confirmationPeriod = uint64(_different(terms.confirmationPeriod, mutation, 1, MAX_PERIOD));
        } else if (field == Field.DeliveryPeriod) {
            params.deliveryPeriod = uint64(_different(terms.deliveryPeriod, mutation, 1, MAX_PERIOD));
        }

        uint256 orderId = _open(opener, params);
        if (field == Field.State) {
            vm.prank(SERVICER);
            escrow.deliver(orderId, "bafkdelivery", keccak256("delivery"));
        }
        vm.warp(block.timestamp + lag);

        bytes memory expected = _expectedError(field, offerId, orderId, terms, params);
        vm.prank(BUYER);
        if (expected.length != 0) {
            vm.expectRevert(expected);
            market.purchase(offerId, orderId);
            vm.expectRevert(abi.encodeWithSelector(IXorMarket.XorMarketUnknownPurchase.selector, orderId));
            market.purchaseOf(orderId);
        } else {
            market.purchase(offerId, orderId);
            IXorMarket.Purchase memory p = market.purchaseOf(orderId);
            assertEq(p.offerId, offerId);
            assertEq(p.buyer, BUYER);
            // One purchase record per order.
            vm.prank(BUYER);
            vm.expectRevert(abi.encodeWithSelector(IXorMarket.XorMarketAlreadyPurchased.selector, orderId, offerId));
            market.purchase(offerId, orderId);
        }
    }

    /// A late purchase is no error: an exact order is recorded after any lag, even past
    /// deliverBy, as long as it is still Funded; once the buyer has refunded it, it is not.
    function testFuzz_latePurchaseDependsOnlyOnOrderState(uint64 deliveryPeriod, uint64 lag, bool refundFirst)
        public
    {
        IXorMarket.OfferTerms memory terms = IXorMarket.OfferTerms({
            token: address(0),
            price: 1 ether,
            deliveryPeriod: uint64(bound(deliveryPeriod, 1, MAX_PERIOD)),
            confirmationPeriod: 1 days
        });
        lag = uint64(bound(lag, 0, 2 * MAX_PERIOD));
        vm.prank(SERVICER);
        uint256 offerId = market.offer(pairId, terms);
        uint256 orderId = _open(
            BUYER,
            IFairExchangeEscrow.OrderParams({
                seller: SERVICER,
                token: address(0),
                amount: 1 ether,
                deliveryPeriod: terms.deliveryPeriod,
                confirmationPeriod: 1 days,
                subject: market.offerSubject(offerId)
            })
        );
        vm.warp(block.timestamp + lag);
        bool refunded = refundFirst && lag > terms.deliveryPeriod;
        if (refunded) {
            vm.prank(BUYER);
            escrow.refund(orderId);
        }

        vm.prank(BUYER);
        if (refunded) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IXorMarket.XorMarketOrderNotFunded.selector, orderId, IFairExchangeEscrow.OrderState.Refunded
                )
            );
            market.purchase(offerId, orderId);
        } else {
            market.purchase(offerId, orderId);
            assertEq(market.purchaseOf(orderId).purchasedAt, block.timestamp);
        }
    }

    function _expectedError(
        Field field,
        uint256 offerId,
        uint256 orderId,
        IXorMarket.OfferTerms memory terms,
        IFairExchangeEscrow.OrderParams memory params
    ) private view returns (bytes memory) {
        if (field == Field.Buyer) {
            return abi.encodeWithSelector(IXorMarket.XorMarketNotOrderBuyer.selector, orderId, MEMBER, BUYER);
        }
        if (field == Field.State) {
            return abi.encodeWithSelector(
                IXorMarket.XorMarketOrderNotFunded.selector, orderId, IFairExchangeEscrow.OrderState.Delivered
            );
        }
        if (field == Field.Subject) {
            return abi.encodeWithSelector(
                IXorMarket.XorMarketSubjectMismatch.selector, orderId, market.offerSubject(offerId), params.subject
            );
        }
        if (field == Field.Seller) {
            return abi.encodeWithSelector(IXorMarket.XorMarketSellerMismatch.selector, orderId, SERVICER, params.seller);
        }
        if (field == Field.Token) {
            return abi.encodeWithSelector(IXorMarket.XorMarketTokenMismatch.selector, orderId, terms.token, params.token);
        }
        if (field == Field.Amount) {
            return abi.encodeWithSelector(IXorMarket.XorMarketAmountMismatch.selector, orderId, terms.price, params.amount);
        }
        if (field == Field.ConfirmationPeriod) {
            return abi.encodeWithSelector(
                IXorMarket.XorMarketConfirmationPeriodMismatch.selector,
                orderId,
                terms.confirmationPeriod,
                params.confirmationPeriod
            );
        }
        if (field == Field.DeliveryPeriod) {
            return abi.encodeWithSelector(
                IXorMarket.XorMarketDeliveryPeriodMismatch.selector, orderId, terms.deliveryPeriod, params.deliveryPeriod
            );
        }
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
