// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IDataMarket} from "../interfaces/IDataMarket.sol";
import {IDataRegistry} from "../interfaces/IDataRegistry.sol";
import {IFairExchangeEscrow} from "../interfaces/IFairExchangeEscrow.sol";

/// @title DataMarket
/// @notice Offers of certified data entries, requests, servicer matches and the trades that
/// buy them through the shared escrow, with proxy circulation. Holds no funds. See {IDataMarket}.
contract DataMarket is IDataMarket {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    bytes32 private constant _SERVICER_ROLE = keccak256("SERVICER");

    IDataRegistry private immutable _dataRegistry;
    IFairExchangeEscrow private immutable _escrow;
    IConsortiumRegistry private immutable _registry;
    uint64 private immutable _maxPeriod;

    uint256 private _offerCount;
    uint256 private _requestCount;
    mapping(uint256 offerId => Offer) private _offers;
    mapping(uint256 requestId => Request) private _requests;
    mapping(uint256 orderId => Trade) private _trades;

    /// @param dataRegistry_ the data registry: certified entries and their submitters.
    /// @param escrow_ the shared escrow; must use the same consortium registry as `dataRegistry_`.
    constructor(IDataRegistry dataRegistry_, IFairExchangeEscrow escrow_) {
        IConsortiumRegistry registry_ = dataRegistry_.registry();
        if (address(registry_) != address(escrow_.registry())) {
            revert MarketRegistryMismatch(address(registry_), address(escrow_.registry()));
        }
        _dataRegistry = dataRegistry_;
        _escrow = escrow_;
        _registry = registry_;
        _maxPeriod = escrow_.MAX_PERIOD();
    }

    // ---------------------------------------------------------------- offers

    /// @inheritdoc IDataMarket
    function offer(OfferTerms calldata terms) external returns (uint256 offerId) {
        address supplier = msg.sender;
        _checkMember(supplier);
        if (bytes(terms.category).length == 0) revert MarketEmptyCategory();
        if (terms.price == 0) revert MarketInvalidPrice(terms.price);
        if (
            terms.deliveryPeriod == 0 ||
            terms.deliveryPeriod > _maxPeriod ||
            terms.confirmationPeriod == 0 ||
            terms.confirmationPeriod > _maxPeriod
        ) {
            revert MarketInvalidPeriod(terms.deliveryPeriod, terms.confirmationPeriod);
        }
        if (terms.usageTermsHash == bytes32(0) || bytes(terms.usageTermsCid).length == 0) revert MarketEmptyTerms();
        _checkHolder(terms.entryId, terms.upstreamTrade, supplier);

        offerId = ++_offerCount;
        Offer storage o = _offers[offerId];
        o.supplier = supplier;
        o.listedAt = uint64(block.timestamp);
        o.categoryId = keccak256(bytes(terms.category));
        o.terms = terms;
        emit OfferListed(offerId, supplier, terms.entryId, o.categoryId, terms.upstreamTrade, terms);
    }

    /// @inheritdoc IDataMarket
    function withdrawOffer(uint256 offerId) external {
        Offer storage o = _validateOfferState(offerId, OfferState.Listed);
        if (msg.sender != o.supplier) revert MarketNotOfferSupplier(offerId, msg.sender);

        o.withdrawn = true;
        emit OfferWithdrawn(offerId, msg.sender);
    }

    // ---------------------------------------------------------------- requests

    /// @inheritdoc IDataMarket
    function request(RequestTerms calldata terms) external returns (uint256 requestId) {
        address demander = msg.sender;
        _checkMember(demander);
        if (bytes(terms.category).length == 0) revert MarketEmptyCategory();
        if (terms.maxPrice == 0) revert MarketInvalidPrice(terms.maxPrice);
        if (terms.requirementsHash == bytes32(0) || bytes(terms.requirementsCid).length == 0) revert MarketEmptyTerms();

        requestId = ++_requestCount;
        Request storage r = _requests[requestId];
        r.demander = demander;
        r.postedAt = uint64(block.timestamp);
        r.state = RequestState.Open;
        r.categoryId = keccak256(bytes(terms.category));
        r.terms = terms;
        emit RequestPosted(requestId, demander, r.categoryId, terms);
    }

    /// @inheritdoc IDataMarket
    function cancelRequest(uint256 requestId) external {
        Request storage r = _validateRequestState(requestId, RequestState.Open);
        if (msg.sender != r.demander) revert MarketNotRequestDemander(requestId, msg.sender);

        r.state = RequestState.Cancelled;
        emit RequestCancelled(requestId, msg.sender);
    }

    /// @inheritdoc IDataMarket
    function recordMatch(uint256 requestId, uint256 offerId) external {
        if (!_registry.hasRole(_SERVICER_ROLE, msg.sender)) revert MarketNotServicer(msg.sender);
        Request storage r = _requests[requestId];
        Offer storage o = _offers[offerId];
        string memory reason = _mismatch(r, o, offerId);
        if (bytes(reason).length != 0) revert MarketMismatch(requestId, offerId, reason);

        r.matchedOffer = offerId;
        emit MatchRecorded(requestId, offerId, msg.sender);
    }

    // ---------------------------------------------------------------- trades

    /// @inheritdoc IDataMarket
    function buy(uint256 offerId, uint256 orderId, uint256 requestId) external {
        Offer storage o = _validateOfferState(offerId, OfferState.Listed);
        if (orderId == 0 || orderId > _escrow.orderCount()) revert MarketUnknownOrder(orderId);
        if (_trades[orderId].state != TradeState.None) revert MarketAlreadyBought(orderId);

        // A view call into the trusted escrow fixed at construction; nothing moves here.
        string memory field = _orderMismatch(offerId, o, _escrow.order(orderId));
        if (bytes(field).length != 0) revert MarketOrderMismatch(orderId, field);
        if (requestId != 0) _fill(requestId, offerId, orderId);

        Trade storage t = _trades[orderId];
        t.offerId = offerId;
        t.requestId = requestId;
        t.buyer = msg.sender;
        t.supplier = o.supplier;
        t.entryId = o.terms.entryId;
        t.upstreamTrade = o.terms.upstreamTrade;
        t.usageTermsHash = o.terms.usageTermsHash;
        t.state = TradeState.Open;
        t.boughtAt = uint64(block.timestamp);
        emit TradeOpened(orderId, offerId, msg.sender, requestId);
    }

    /// @inheritdoc IDataMarket
    function recordSharing(uint256 orderId) external {
        Trade storage t = _trades[orderId];
        if (t.state == TradeState.None) revert MarketUnknownTrade(orderId);
        if (t.state != TradeState.Open) revert MarketUnexpectedTradeState(orderId, t.state, TradeState.Open);
        IFairExchangeEscrow.OrderState escrowState = _escrow.order(orderId).state;
        if (escrowState != IFairExchangeEscrow.OrderState.Released) revert MarketOrderNotReleased(orderId, escrowState);

        t.state = TradeState.Shared;
        t.sharedAt = uint64(block.timestamp);
        emit DataShared(orderId, t.entryId, t.buyer, t.supplier, t.upstreamTrade, t.usageTermsHash);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IDataMarket
    /// @dev Reverts with `MarketUnexpectedOfferState(offerId, None, Listed)` for an unknown id.
    function offerOf(uint256 offerId) external view returns (Offer memory) {
        OfferState current = _offerState(offerId);
        if (current == OfferState.None) revert MarketUnexpectedOfferState(offerId, current, OfferState.Listed);
        return _offers[offerId];
    }

    /// @inheritdoc IDataMarket
    function offerState(uint256 offerId) external view returns (OfferState) {
        return _offerState(offerId);
    }

    /// @inheritdoc IDataMarket
    /// @dev Reverts with `MarketUnexpectedRequestState(requestId, None, Open)` for an unknown id.
    function requestOf(uint256 requestId) external view returns (Request memory) {
        Request storage r = _requests[requestId];
        if (r.state == RequestState.None) revert MarketUnexpectedRequestState(requestId, r.state, RequestState.Open);
        return r;
    }

    /// @inheritdoc IDataMarket
    /// @dev Reverts with `MarketUnknownTrade` for an unknown id.
    function tradeOf(uint256 orderId) external view returns (Trade memory) {
        return _existingTrade(orderId);
    }

    /// @inheritdoc IDataMarket
    /// @dev Reverts with `MarketUnknownTrade` for an unknown id.
    function provenance(uint256 orderId) external view returns (uint256[] memory orderIds) {
        uint256 hops = 1;
        for (uint256 id = _existingTrade(orderId).upstreamTrade; id != 0; id = _trades[id].upstreamTrade) ++hops;
        orderIds = new uint256[](hops);
        uint256 current = orderId;
        for (uint256 i = hops; i > 0; --i) {
            orderIds[i - 1] = current;
            current = _trades[current].upstreamTrade;
        }
    }

    /// @inheritdoc IDataMarket
    function offerSubject(uint256 offerId) public view returns (bytes32) {
        return keccak256(abi.encode("data.offer", address(this), offerId));
    }

    /// @inheritdoc IDataMarket
    function offerCount() external view returns (uint256) {
        return _offerCount;
    }

    /// @inheritdoc IDataMarket
    function requestCount() external view returns (uint256) {
        return _requestCount;
    }

    /// @inheritdoc IDataMarket
    function dataRegistry() external view returns (IDataRegistry) {
        return _dataRegistry;
    }

    /// @inheritdoc IDataMarket
    function escrow() external view returns (IFairExchangeEscrow) {
        return _escrow;
    }

    // ---------------------------------------------------------------- internals

    /// @dev The entry is Certified and `supplier` holds it: as its submitter (no upstream
    /// trade) or as the buyer of a Shared trade of it whose offer allowed resale.
    function _checkHolder(uint256 entryId, uint256 upstreamTrade, address supplier) private view {
        if (_dataRegistry.entryState(entryId) != IDataRegistry.EntryState.Certified) {
            revert MarketEntryNotCertified(entryId);
        }
        if (upstreamTrade == 0) {
            if (_dataRegistry.entry(entryId).submitter != supplier) revert MarketNotEntryHolder(entryId, supplier);
            return;
        }
        Trade storage up = _trades[upstreamTrade];
        if (up.state != TradeState.Shared) revert MarketUpstreamNotShared(upstreamTrade);
        if (up.entryId != entryId || up.buyer != supplier) revert MarketUpstreamMismatch(upstreamTrade, up.entryId, up.buyer);
        if (!_offers[up.offerId].terms.resaleAllowed) revert MarketResaleNotAllowed(upstreamTrade);
    }

    /// @dev Why `o` cannot satisfy `r` (see {IDataMarket-recordMatch}); empty when it can.
    function _mismatch(Request storage r, Offer storage o, uint256 offerId) private view returns (string memory) {
        if (r.state != RequestState.Open) return "request not open";
        if (_offerState(offerId) != OfferState.Listed) return "offer not listed";
        if (r.categoryId != o.categoryId) return "category";
        if (r.terms.token != o.terms.token) return "token";
        if (o.terms.price > r.terms.maxPrice) return "price";
        if (o.supplier == r.demander) return "self";
        return "";
    }

    /// @dev The first escrow order field that does not repeat the offer; empty when all do.
    function _orderMismatch(
        uint256 offerId,
        Offer storage o,
        IFairExchangeEscrow.Order memory order
    ) private view returns (string memory) {
        if (order.buyer != msg.sender) return "buyer";
        if (order.state != IFairExchangeEscrow.OrderState.Funded) return "state";
        if (order.subject != offerSubject(offerId)) return "subject";
        if (order.seller != o.supplier) return "seller";
        OfferTerms storage terms = o.terms;
        if (order.token != terms.token) return "token";
        if (order.amount != terms.price) return "amount";
        if (order.deliveryPeriod != terms.deliveryPeriod) return "deliveryPeriod";
        if (order.confirmationPeriod != terms.confirmationPeriod) return "confirmationPeriod";
        return "";
    }

    /// @dev The buyer's Open request, matched with `offerId`, becomes Filled by `orderId`.
    function _fill(uint256 requestId, uint256 offerId, uint256 orderId) private {
        Request storage r = _validateRequestState(requestId, RequestState.Open);
        if (msg.sender != r.demander) revert MarketNotRequestDemander(requestId, msg.sender);
        if (r.matchedOffer != offerId) revert MarketNotMatched(requestId, offerId);
        r.state = RequestState.Filled;
        r.filledBy = orderId;
    }

    function _checkMember(address account) private view {
        if (!_registry.hasRole(_MEMBER_ROLE, account)) revert MarketNotMember(account);
    }

    function _offerState(uint256 offerId) private view returns (OfferState) {
        Offer storage o = _offers[offerId];
        if (o.supplier == address(0)) return OfferState.None;
        return o.withdrawn ? OfferState.Withdrawn : OfferState.Listed;
    }

    function _validateOfferState(uint256 offerId, OfferState expected) private view returns (Offer storage o) {
        OfferState current = _offerState(offerId);
        if (current != expected) revert MarketUnexpectedOfferState(offerId, current, expected);
        o = _offers[offerId];
    }

    function _validateRequestState(uint256 requestId, RequestState expected) private view returns (Request storage r) {
        r = _requests[requestId];
        if (r.state != expected) revert MarketUnexpectedRequestState(requestId, r.state, expected);
    }

    function _existingTrade(uint256 orderId) private view returns (Trade storage t) {
        t = _trades[orderId];
        if (t.state == TradeState.None) revert MarketUnknownTrade(orderId);
    }
}
