// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFairExchangeEscrow} from "./IFairExchangeEscrow.sol";
import {IQualityChannel} from "./IQualityChannel.sol";

/// @title IXorMarket
/// @notice Where a servicer S sells the XOR ciphertexts Enc(x_i XOR y_i) of a quality pair
/// (Nasu et al., Table II) through the shared {IFairExchangeEscrow}. S lists an offer for a
/// pair whose XOR data the lot owner posted to it. A buyer A pays by opening an escrow
/// order itself, then records the purchase here; S's agent sees `XorPurchased` and delivers
/// the bundle re-encrypted to A with `escrow.deliver`; A confirms or disputes on the escrow.
/// @dev Buying an offer, step by step (buyer = msg.sender of both calls):
/// 1. `escrow.openOrder({seller: offer.servicer, token: terms.token, amount: terms.price,
///    deliveryPeriod: terms.deliveryPeriod, confirmationPeriod: terms.confirmationPeriod,
///    subject: offerSubject(offerId)})`, paying `price` (native) or approving it (ERC-20);
/// 2. `purchase(offerId, orderId)` within `PURCHASE_WINDOW` seconds, while the offer is Listed.
/// `purchase` accepts the order only if every term matches: buyer, seller, token, amount,
/// subject, confirmation period, state Funded, and a delivery deadline consistent with the
/// offered delivery period (the escrow stores the deadline, not the period; see `purchase`).
/// Offer lifecycle: None -> Listed (`offer`) -> Withdrawn (`withdrawOffer`), nothing else.
interface IXorMarket {
    enum OfferState {
        None,
        Listed,
        Withdrawn
    }

    /// @notice What the servicer asks for; the buyer's escrow order must repeat it.
    struct OfferTerms {
        address token; // address(0) = native currency
        uint256 price; // > 0, the escrow order's amount
        uint64 deliveryPeriod; // 1..escrow MAX_PERIOD seconds
        uint64 confirmationPeriod; // 1..escrow MAX_PERIOD seconds
    }

    /// @notice An offer as stored.
    struct Offer {
        uint256 pairId;
        address servicer; // the seller of every order that buys this offer
        uint64 listedAt;
        bool withdrawn;
        OfferTerms terms;
    }

    /// @notice A recorded purchase: which offer an escrow order pays for.
    struct Purchase {
        uint256 offerId;
        address buyer;
        uint64 purchasedAt;
    }

    /// @notice Emitted when a servicer lists an offer for a pair's XOR data.
    event OfferListed(uint256 indexed offerId, uint256 indexed pairId, address indexed servicer, OfferTerms terms);

    /// @notice Emitted when a servicer withdraws an offer; recorded purchases are unaffected.
    event OfferWithdrawn(uint256 indexed offerId, address indexed servicer);

    /// @notice Emitted when a buyer records escrow order `orderId` as the purchase of `offerId`.
    /// The servicer's agent delivers on this event.
    event XorPurchased(uint256 indexed offerId, uint256 indexed orderId, address indexed buyer);

    error XorMarketRegistryMismatch(address channelRegistry, address escrowRegistry);
    error XorMarketNotServicer(address account);
    error XorMarketNoXorPost(uint256 pairId, address servicer);
    error XorMarketInvalidPrice(uint256 price);
    error XorMarketInvalidPeriod(uint64 deliveryPeriod, uint64 confirmationPeriod);
    error XorMarketUnexpectedOfferState(uint256 offerId, OfferState current, OfferState expected);
    error XorMarketNotOfferServicer(uint256 offerId, address account);
    error XorMarketUnknownOrder(uint256 orderId);
    error XorMarketAlreadyPurchased(uint256 orderId, uint256 offerId);
    error XorMarketUnknownPurchase(uint256 orderId);
    error XorMarketNotOrderBuyer(uint256 orderId, address buyer, address account);
    error XorMarketOrderNotFunded(uint256 orderId, IFairExchangeEscrow.OrderState current);
    error XorMarketSubjectMismatch(uint256 orderId, bytes32 expected, bytes32 actual);
    error XorMarketSellerMismatch(uint256 orderId, address expected, address actual);
    error XorMarketTokenMismatch(uint256 orderId, address expected, address actual);
    error XorMarketAmountMismatch(uint256 orderId, uint256 expected, uint256 actual);
    error XorMarketConfirmationPeriodMismatch(uint256 orderId, uint64 expected, uint64 actual);
    /// @dev `deliverBy` is outside [earliest, latest] = [now + deliveryPeriod - PURCHASE_WINDOW,
    /// now + deliveryPeriod].
    error XorMarketDeliveryDeadlineMismatch(uint256 orderId, uint64 deliverBy, uint64 earliest, uint64 latest);

    /// @notice Longest time between opening an escrow order and recording it with `purchase`
    /// (one hour), and so the most delivery time a buyer can take from the servicer.
    function PURCHASE_WINDOW() external view returns (uint64);

    /// @notice Lists pair `pairId`'s XOR data for sale on `terms`.
    /// @dev Caller must hold SERVICER and have an XOR post for the pair in the channel (the lot
    /// owner chose it); price > 0; both periods 1..escrow MAX_PERIOD. Several offers per
    /// (pair, servicer) may be listed, e.g. one per token.
    function offer(uint256 pairId, OfferTerms calldata terms) external returns (uint256 offerId);

    /// @notice Stops new purchases of `offerId`.
    /// @dev Caller must be the offer's servicer; state Listed. Orders already purchased
    /// proceed on the escrow; an order opened but not yet recorded can only be refunded
    /// after its delivery deadline.
    function withdrawOffer(uint256 offerId) external;

    /// @notice Records escrow order `orderId` as the caller's purchase of `offerId`.
    /// @dev Offer Listed; order known and not recorded before; order buyer = caller, seller =
    /// the offer's servicer, token, amount = price, subject = `offerSubject(offerId)`,
    /// confirmation period equal to the offer's, state Funded. The escrow keeps the delivery
    /// deadline `deliverBy = openedAt + deliveryPeriod` but not the period itself, so the
    /// deadline must lie in [now + deliveryPeriod - PURCHASE_WINDOW, now + deliveryPeriod]:
    /// an order opened with the offered period passes when recorded within PURCHASE_WINDOW,
    /// and no order can leave the servicer more than PURCHASE_WINDOW less than offered.
    function purchase(uint256 offerId, uint256 orderId) external;

    /// @notice The stored offer; reverts with `XorMarketUnexpectedOfferState` (None) if unknown.
    function offerOf(uint256 offerId) external view returns (Offer memory);

    /// @notice The offer's lifecycle state (None for an unknown id).
    function offerState(uint256 offerId) external view returns (OfferState);

    /// @notice The purchase recorded for escrow order `orderId`; reverts with
    /// `XorMarketUnknownPurchase` if none.
    function purchaseOf(uint256 orderId) external view returns (Purchase memory);

    /// @notice The escrow subject a buyer's order must carry:
    /// `keccak256(abi.encode("xor.offer", address(this), offerId))`.
    function offerSubject(uint256 offerId) external view returns (bytes32);

    /// @notice Number of offers listed so far; ids run from 1 to this number.
    function offerCount() external view returns (uint256);

    /// @notice The quality channel whose XOR posts offers refer to.
    function channel() external view returns (IQualityChannel);

    /// @notice The shared escrow through which offers are paid.
    function escrow() external view returns (IFairExchangeEscrow);
}
