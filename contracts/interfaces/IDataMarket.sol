// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IDataRegistry} from "./IDataRegistry.sol";
import {IFairExchangeEscrow} from "./IFairExchangeEscrow.sol";

/// @title IDataMarket
/// @notice The data market of the exchange part (ITU-T FG-DPM D3.6, clauses 8.3, 9.7 and
/// Appendix I.2): suppliers offer certified data entries, demanders post requests, a SERVICER
/// (the platform's matching agent) records matches, and every trade is paid through the shared
/// {IFairExchangeEscrow}. A trade is identified by its escrow order id.
/// @dev Buying an offer (buyer = msg.sender of both calls):
/// 1. `escrow.openOrder({seller: offer.supplier, token: terms.token, amount: terms.price,
///    deliveryPeriod: terms.deliveryPeriod, confirmationPeriod: terms.confirmationPeriod,
///    subject: offerSubject(offerId)})`;
/// 2. `buy(offerId, orderId, requestId)` while the offer is Listed and the order Funded; every
///    term must match exactly. `requestId` is 0 or an Open request of the buyer that was
///    matched with this offer; it becomes Filled.
/// The supplier's agent then delivers the data key encrypted to the buyer with
/// `escrow.deliver`; the buyer checks the data against the on-chain fingerprint and confirms
/// (or disputes) on the escrow; anyone then calls `recordSharing(orderId)`, which records the
/// completed sharing transaction and its permitted-usage statement.
/// Circulation through a proxy (I.2): a buyer whose trade is Shared and whose offer allowed
/// resale may offer the same entry on, naming that trade as `upstreamTrade`; its offer's
/// usage terms are its own. `provenance(orderId)` lists the trades from the source down.
/// Only Certified entries can be offered (by their submitter, or by a proxy as above).
/// Offer lifecycle: None -> Listed -> Withdrawn. Request lifecycle: None -> Open -> Filled |
/// Cancelled. Trade lifecycle: None -> Open (`buy`) -> Shared (`recordSharing`, escrow
/// Released); an escrow refund leaves the trade Open for ever (nothing was shared).
interface IDataMarket {
    enum OfferState {
        None,
        Listed,
        Withdrawn
    }

    enum RequestState {
        None,
        Open,
        Filled,
        Cancelled
    }

    enum TradeState {
        None,
        Open,
        Shared
    }

    /// @notice What a supplier asks for; the buyer's escrow order must repeat the payment terms.
    struct OfferTerms {
        uint256 entryId; // the data entry (dataset) offered; Certified in the DataRegistry
        string category; // non-empty label, e.g. "logistics.cold-chain"
        address token; // address(0) = native currency
        uint256 price; // > 0
        uint64 deliveryPeriod; // 1..escrow MAX_PERIOD seconds
        uint64 confirmationPeriod; // 1..escrow MAX_PERIOD seconds
        bytes32 usageTermsHash; // keccak256 of the usage-terms document; non-zero
        string usageTermsCid; // where the usage-terms document is; non-empty
        bool resaleAllowed; // whether a buyer may offer the entry on (proxy circulation)
        uint256 upstreamTrade; // 0 for the entry's submitter; else the supplier's Shared trade of it
    }

    struct Offer {
        address supplier;
        uint64 listedAt;
        bool withdrawn;
        bytes32 categoryId; // keccak256(bytes(category))
        OfferTerms terms;
    }

    struct RequestTerms {
        string category; // non-empty
        address token; // address(0) = native currency
        uint256 maxPrice; // > 0
        bytes32 requirementsHash; // keccak256 of the requirements document; non-zero
        string requirementsCid; // non-empty
    }

    struct Request {
        address demander;
        uint64 postedAt;
        RequestState state;
        bytes32 categoryId;
        uint256 matchedOffer; // last offer matched by a servicer, 0 if none
        uint256 filledBy; // trade (escrow order id) that filled it, 0 if none
        RequestTerms terms;
    }

    struct Trade {
        uint256 offerId;
        uint256 requestId; // 0 for a direct purchase
        address buyer;
        address supplier;
        uint256 entryId;
        uint256 upstreamTrade; // copied from the offer: the hop before this one, or 0
        bytes32 usageTermsHash; // copied from the offer: the permitted-usage statement
        TradeState state;
        uint64 boughtAt;
        uint64 sharedAt; // 0 until Shared
    }

    event OfferListed(
        uint256 indexed offerId,
        address indexed supplier,
        uint256 indexed entryId,
        bytes32 categoryId,
        uint256 upstreamTrade,
        OfferTerms terms
    );
    event OfferWithdrawn(uint256 indexed offerId, address indexed supplier);
    event RequestPosted(uint256 indexed requestId, address indexed demander, bytes32 indexed categoryId, RequestTerms terms);
    event RequestCancelled(uint256 indexed requestId, address indexed demander);
    event MatchRecorded(uint256 indexed requestId, uint256 indexed offerId, address indexed matcher);
    event TradeOpened(uint256 indexed orderId, uint256 indexed offerId, address indexed buyer, uint256 requestId);
    /// @notice The completed sharing transaction and its permitted-usage statement.
    event DataShared(
        uint256 indexed orderId,
        uint256 indexed entryId,
        address indexed buyer,
        address supplier,
        uint256 upstreamTrade,
        bytes32 usageTermsHash
    );

    error MarketRegistryMismatch(address dataRegistryRegistry, address escrowRegistry);
    error MarketNotMember(address account);
    error MarketNotServicer(address account);
    error MarketEntryNotCertified(uint256 entryId);
    error MarketNotEntryHolder(uint256 entryId, address account);
    error MarketUpstreamNotShared(uint256 upstreamTrade);
    error MarketUpstreamMismatch(uint256 upstreamTrade, uint256 entryId, address buyer);
    error MarketResaleNotAllowed(uint256 upstreamTrade);
    error MarketInvalidPrice(uint256 price);
    error MarketInvalidPeriod(uint64 deliveryPeriod, uint64 confirmationPeriod);
    error MarketEmptyCategory();
    error MarketEmptyTerms();
    error MarketUnexpectedOfferState(uint256 offerId, OfferState current, OfferState expected);
    error MarketUnexpectedRequestState(uint256 requestId, RequestState current, RequestState expected);
    error MarketNotOfferSupplier(uint256 offerId, address account);
    error MarketNotRequestDemander(uint256 requestId, address account);
    error MarketMismatch(uint256 requestId, uint256 offerId, string reason);
    error MarketNotMatched(uint256 requestId, uint256 offerId);
    error MarketUnknownOrder(uint256 orderId);
    error MarketAlreadyBought(uint256 orderId);
    error MarketOrderMismatch(uint256 orderId, string field);
    error MarketUnknownTrade(uint256 orderId);
    error MarketUnexpectedTradeState(uint256 orderId, TradeState current, TradeState expected);
    error MarketOrderNotReleased(uint256 orderId, IFairExchangeEscrow.OrderState current);

    /// @notice Lists an offer. Caller is a MEMBER that is the entry's submitter (upstreamTrade
    /// 0) or the buyer of `terms.upstreamTrade`, a Shared trade of the same entry whose offer
    /// allowed resale. The entry must be Certified.
    function offer(OfferTerms calldata terms) external returns (uint256 offerId);

    /// @notice Withdraws a Listed offer; supplier only. Open trades are unaffected.
    function withdrawOffer(uint256 offerId) external;

    /// @notice Posts a request; caller must be a MEMBER.
    function request(RequestTerms calldata terms) external returns (uint256 requestId);

    /// @notice Cancels an Open request; demander only.
    function cancelRequest(uint256 requestId) external;

    /// @notice Records that `offerId` satisfies `requestId`. Caller holds SERVICER. Reverts
    /// with `MarketMismatch` unless: request Open, offer Listed, same category and token,
    /// price <= maxPrice, supplier != demander.
    function recordMatch(uint256 requestId, uint256 offerId) external;

    /// @notice Records escrow order `orderId` as the purchase of `offerId` (see above).
    function buy(uint256 offerId, uint256 orderId, uint256 requestId) external;

    /// @notice Marks a trade Shared once its escrow order is Released; callable by anyone.
    function recordSharing(uint256 orderId) external;

    function offerOf(uint256 offerId) external view returns (Offer memory);

    function offerState(uint256 offerId) external view returns (OfferState);

    function requestOf(uint256 requestId) external view returns (Request memory);

    function tradeOf(uint256 orderId) external view returns (Trade memory);

    /// @notice The trades from the entry's source down to `orderId` (source hop first).
    function provenance(uint256 orderId) external view returns (uint256[] memory orderIds);

    /// @notice The escrow subject that buys `offerId`: keccak256(abi.encode("data.offer", this, offerId)).
    function offerSubject(uint256 offerId) external view returns (bytes32);

    function offerCount() external view returns (uint256);

    function requestCount() external view returns (uint256);

    function dataRegistry() external view returns (IDataRegistry);

    function escrow() external view returns (IFairExchangeEscrow);
}
