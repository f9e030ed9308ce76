// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IFairExchangeEscrow} from "../interfaces/IFairExchangeEscrow.sol";
import {IQualityChannel} from "../interfaces/IQualityChannel.sol";
import {IXorMarket} from "../interfaces/IXorMarket.sol";

/// @title XorMarket
/// @notice Servicers' offers of XOR ciphertexts, paid through the shared escrow; records
/// which escrow order buys which offer. Holds no funds. See {IXorMarket}.
contract XorMarket is IXorMarket {
    /// @inheritdoc IXorMarket
    uint64 public constant PURCHASE_WINDOW = 1 hours;

    bytes32 private constant _SERVICER_ROLE = keccak256("SERVICER");

    IQualityChannel private immutable _channel;
    IFairExchangeEscrow private immutable _escrow;
    IConsortiumRegistry private immutable _registry;
    uint64 private immutable _maxPeriod;

    uint256 private _offerCount;
    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 orderId => Purchase) private _purchases;

    /// @param channel_ the quality channel: which servicer may sell which pair's XOR data.
    /// @param escrow_ the shared escrow; must use the same consortium registry as `channel_`.
    constructor(IQualityChannel channel_, IFairExchangeEscrow escrow_) {
        IConsortiumRegistry registry_ = channel_.registry();
        if (address(registry_) != address(escrow_.registry())) {
            revert XorMarketRegistryMismatch(address(registry_), address(escrow_.registry()));
        }
        _channel = channel_;
        _escrow = escrow_;
        _registry = registry_;
        _maxPeriod = escrow_.MAX_PERIOD();
    }

    /// @inheritdoc IXorMarket
    function offer(uint256 pairId, OfferTerms calldata terms) external returns (uint256 offerId) {
        address servicer = msg.sender;
        if (!_registry.hasRole(_SERVICER_ROLE, servicer)) revert XorMarketNotServicer(servicer);
        if (!_channel.hasXorPost(pairId, servicer)) revert XorMarketNoXorPost(pairId, servicer);
        if (terms.price == 0) revert XorMarketInvalidPrice(terms.price);
        if (
            terms.deliveryPeriod == 0 ||
            terms.deliveryPeriod > _maxPeriod ||
            terms.confirmationPeriod == 0 ||
            terms.confirmationPeriod > _maxPeriod
        ) {
            revert XorMarketInvalidPeriod(terms.deliveryPeriod, terms.confirmationPeriod);
        }

        offerId = ++_offerCount;
        Offer storage o = _offers[offerId];
        o.pairId = pairId;
        o.servicer = servicer;
        o.listedAt = uint64(block.timestamp);
        o.terms = terms;
        emit OfferListed(offerId, pairId, servicer, terms);
    }

    /// @inheritdoc IXorMarket
    function withdrawOffer(uint256 offerId) external {
        Offer storage o = _validateOfferState(offerId, OfferState.Listed);
        if (msg.sender != o.servicer) revert XorMarketNotOfferServicer(offerId, msg.sender);

        o.withdrawn = true;
        emit OfferWithdrawn(offerId, msg.sender);
    }

    /// @inheritdoc IXorMarket
    function purchase(uint256 offerId, uint256 orderId) external {
        Offer storage o = _validateOfferState(offerId, OfferState.Listed);
        if (orderId == 0 || orderId > _escrow.orderCount()) revert XorMarketUnknownOrder(orderId);
        uint256 recorded = _purchases[orderId].offerId;
        if (recorded != 0) revert XorMarketAlreadyPurchased(orderId, recorded);

        // A view call into the trusted escrow fixed at construction; nothing moves here.
        IFairExchangeEscrow.Order memory order = _escrow.order(orderId);
        _checkOrderMatches(offerId, orderId, o, order);

        _purchases[orderId] = Purchase({offerId: offerId, buyer: msg.sender, purchasedAt: uint64(block.timestamp)});
        emit XorPurchased(offerId, orderId, msg.sender);
    }

    /// @inheritdoc IXorMarket
    function offerOf(uint256 offerId) external view returns (Offer memory) {
        if (_offerState(offerId) == OfferState.None) {
            revert XorMarketUnexpectedOfferState(offerId, OfferState.None, OfferState.Listed);
        }
        return _offers[offerId];
    }

    /// @inheritdoc IXorMarket
    function offerState(uint256 offerId) external view returns (OfferState) {
        return _offerState(offerId);
    }

    /// @inheritdoc IXorMarket
    function purchaseOf(uint256 orderId) external view returns (Purchase memory) {
        Purchase storage p = _purchases[orderId];
        if (p.offerId == 0) revert XorMarketUnknownPurchase(orderId);
        return p;
    }

    /// @inheritdoc IXorMarket
    function offerSubject(uint256 offerId) public view returns (bytes32) {
        return keccak256(abi.encode("xor.offer", address(this), offerId));
    }

    /// @inheritdoc IXorMarket
    function offerCount() external view returns (uint256) {
        return _offerCount;
    }

    /// @inheritdoc IXorMarket
    function channel() external view returns (IQualityChannel) {
        return _channel;
    }

    /// @inheritdoc IXorMarket
    function escrow() external view returns (IFairExchangeEscrow) {
        return _escrow;
    }

    /// @dev Every field of the escrow order must repeat the offer; see {IXorMarket-purchase}.
    function _checkOrderMatches(
        uint256 offerId,
        uint256 orderId,
        Offer storage o,
        IFairExchangeEscrow.Order memory order
    ) private view {
        if (order.buyer != msg.sender) revert XorMarketNotOrderBuyer(orderId, order.buyer, msg.sender);
        if (order.state != IFairExchangeEscrow.OrderState.Funded) revert XorMarketOrderNotFunded(orderId, order.state);
        bytes32 subject = offerSubject(offerId);
        if (order.subject != subject) revert XorMarketSubjectMismatch(orderId, subject, order.subject);
        if (order.seller != o.servicer) revert XorMarketSellerMismatch(orderId, o.servicer, order.seller);
        OfferTerms storage terms = o.terms;
        if (order.token != terms.token) revert XorMarketTokenMismatch(orderId, terms.token, order.token);
        if (order.amount != terms.price) revert XorMarketAmountMismatch(orderId, terms.price, order.amount);
        if (order.confirmationPeriod != terms.confirmationPeriod) {
            revert XorMarketConfirmationPeriodMismatch(orderId, terms.confirmationPeriod, order.confirmationPeriod);
        }
        // deliverBy = openedAt + deliveryPeriod with openedAt in [now - PURCHASE_WINDOW, now].
        uint64 latest = uint64(block.timestamp) + terms.deliveryPeriod;
        uint64 earliest = latest > PURCHASE_WINDOW ? latest - PURCHASE_WINDOW : 0;
        if (order.deliverBy < earliest || order.deliverBy > latest) {
            revert XorMarketDeliveryDeadlineMismatch(orderId, order.deliverBy, earliest, latest);
        }
    }

    function _offerState(uint256 offerId) private view returns (OfferState) {
        Offer storage o = _offers[offerId];
        if (o.servicer == address(0)) return OfferState.None;
        return o.withdrawn ? OfferState.Withdrawn : OfferState.Listed;
    }

    function _validateOfferState(uint256 offerId, OfferState expected) private view returns (Offer storage o) {
        OfferState current = _offerState(offerId);
        if (current != expected) revert XorMarketUnexpectedOfferState(offerId, current, expected);
        o = _offers[offerId];
    }
}
