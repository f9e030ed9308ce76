// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBallot} from "./IBallot.sol";
import {IBallotTarget} from "./IBallotTarget.sol";
import {IConsortiumRegistry} from "./IConsortiumRegistry.sol";

/// @title IFairExchangeEscrow
/// @notice The one escrow of SealedChain, used by XOR-data sales (quality) and data trades
/// (exchange). A buyer locks a payment (native currency or an ERC-20) for a seller; the
/// seller delivers a reference to the goods (an IPFS CID of data encrypted to the buyer and
/// the keccak256 of its exact bytes); the buyer confirms, or disputes before the
/// confirmation deadline, in which case the consortium's arbiters vote on the shared ballot.
/// All payouts are credits that their owner withdraws (pull payments).
/// @dev Lifecycle (no other transition exists):
/// - None -> Funded: `openOrder` by the buyer (both parties MEMBERs, payment taken);
/// - Funded -> Delivered: `deliver` by the seller while `block.timestamp <= deliverBy`;
/// - Funded -> Refunded: `refund` by the buyer once `block.timestamp > deliverBy`;
/// - Delivered -> Released: `confirm` by the buyer, or `claimAfterConfirmationPeriod` by the
///   seller once `block.timestamp > confirmBy`;
/// - Delivered -> Disputed: `dispute` by the buyer while `block.timestamp <= confirmBy`;
/// - Disputed -> Refunded: the arbiters' ballot "refund the buyer" is executed;
/// - Disputed -> Released: `resolveDispute` by anyone once that ballot is Defeated or
///   Expired. A tie, a missed quorum, or a success nobody executed in time therefore
///   releases the payment to the seller: the buyer must win the vote and have it executed.
/// Released credits the seller and Refunded credits the buyer with the full amount.
interface IFairExchangeEscrow is IBallotTarget {
    enum OrderState {
        None,
        Funded,
        Delivered,
        Released,
        Refunded,
        Disputed
    }

    /// @notice Ballot parameters used for every dispute.
    struct DisputeSettings {
        uint16 quorumBps; // 1..10_000, fraction of arbiters whose "for" (refund) votes are needed
        uint64 votingPeriod; // seconds, > 0
        uint64 executionWindow; // seconds after the vote during which a refund can be executed, > 0
    }

    /// @notice What a buyer chooses when opening an order.
    struct OrderParams {
        address seller;
        address token; // address(0) = native currency
        uint256 amount; // > 0; exactly what the escrow must receive
        uint64 deliveryPeriod; // seconds from opening to deliverBy, 1..MAX_PERIOD
        uint64 confirmationPeriod; // seconds from delivery to confirmBy, 1..MAX_PERIOD
        bytes32 subject; // what is bought, interpreted by the feature contract (e.g. a listing id)
    }

    /// @notice An order as stored.
    struct Order {
        address buyer;
        address seller;
        address token; // address(0) = native currency
        uint256 amount;
        bytes32 subject;
        OrderState state;
        uint64 deliveryPeriod; // as opened: seconds from opening to deliverBy
        uint64 confirmationPeriod; // as opened: seconds from delivery to confirmBy
        uint64 deliverBy; // last second at which the seller may deliver
        uint64 confirmBy; // last second at which the buyer may dispute; 0 before delivery
        string deliveryCid; // reference to the delivered bytes (encrypted to the buyer)
        bytes32 deliveryHash; // keccak256 of the delivered bytes
        uint256 disputeProposalId; // 0 unless disputed
    }

    /// @notice Emitted when a buyer opens and funds an order.
    event OrderOpened(
        uint256 indexed orderId,
        address indexed buyer,
        address indexed seller,
        address token,
        uint256 amount,
        bytes32 subject,
        uint64 deliverBy
    );

    /// @notice Emitted when the seller delivers.
    event OrderDelivered(uint256 indexed orderId, string cid, bytes32 contentHash, uint64 confirmBy);

    /// @notice Emitted when the buyer confirms a delivery.
    event OrderConfirmed(uint256 indexed orderId);

    /// @notice Emitted when the buyer disputes a delivery and the arbiters' ballot is opened.
    event OrderDisputed(uint256 indexed orderId, uint256 indexed proposalId, string reasonCid);

    /// @notice Emitted when a dispute ends; `refunded` is true when the arbiters' refund was executed.
    event DisputeResolved(uint256 indexed orderId, uint256 indexed proposalId, bool refunded);

    /// @notice Emitted whenever an order reaches Released or Refunded and `payee` is credited.
    event OrderSettled(uint256 indexed orderId, address indexed payee, uint256 amount);

    /// @notice Emitted when an account withdraws its credit in `token`.
    event Withdrawn(address indexed account, address indexed token, uint256 amount);

    error EscrowUnknownOrder(uint256 orderId);
    error EscrowEmptyDelivery(uint256 orderId);
    error EscrowUnexpectedState(uint256 orderId, OrderState current, OrderState expected);
    error EscrowNotBuyer(uint256 orderId, address account);
    error EscrowNotSeller(uint256 orderId, address account);
    error EscrowNotMember(address account);
    error EscrowSelfDealing(address account);
    error EscrowDeadlinePassed(uint256 orderId, uint64 deadline);
    error EscrowDeadlineNotReached(uint256 orderId, uint64 deadline);
    error EscrowInvalidAmount(uint256 amount, uint256 value);
    error EscrowInvalidPeriod(uint64 deliveryPeriod, uint64 confirmationPeriod);
    error EscrowInvalidDisputeSettings(uint16 quorumBps, uint64 votingPeriod, uint64 executionWindow);
    error EscrowFeeOnTransferToken(address token, uint256 expected, uint256 received);
    error EscrowNoArbiters();
    error EscrowDisputeNotOver(uint256 orderId, uint256 proposalId, IBallot.ProposalState current);
    error EscrowUnknownDispute(uint256 proposalId);
    error EscrowNothingToWithdraw(address account, address token);
    error EscrowTransferFailed(address account, uint256 amount);
    error EscrowOnlyBallot(address caller);

    /// @notice Role both parties of an order must hold in the registry: keccak256("MEMBER").
    function MEMBER_ROLE() external view returns (bytes32);

    /// @notice Role whose holders vote on disputes: keccak256("ARBITER").
    function ARBITER_ROLE() external view returns (bytes32);

    /// @notice Longest delivery or confirmation period an order may ask for (365 days).
    function MAX_PERIOD() external view returns (uint64);

    /// @notice Opens an order for `params.seller` and locks the payment.
    /// @dev Caller is the buyer. Both parties must hold MEMBER in the registry and differ.
    /// The order stores both periods as given, so a feature contract can match them against
    /// its own terms, and `deliverBy = block.timestamp + deliveryPeriod`.
    /// Native currency: `msg.value == amount`. ERC-20: `msg.value == 0`, the escrow pulls
    /// `amount` with `transferFrom` (approve it first) and rejects tokens that deliver less.
    function openOrder(OrderParams calldata params) external payable returns (uint256 orderId);

    /// @notice Records the delivery; the confirmation period starts now.
    /// @dev Seller only, state Funded, `block.timestamp <= deliverBy`, a non-empty `cid` and a
    /// non-zero `contentHash` (a delivery of nothing could otherwise be claimed after the window).
    function deliver(uint256 orderId, string calldata cid, bytes32 contentHash) external;

    /// @notice Accepts the delivery and credits the seller.
    /// @dev Buyer only, state Delivered.
    function confirm(uint256 orderId) external;

    /// @notice Credits the seller when the buyer neither confirmed nor disputed in time.
    /// @dev Seller only, state Delivered, `block.timestamp > confirmBy`.
    function claimAfterConfirmationPeriod(uint256 orderId) external;

    /// @notice Credits the buyer when the seller did not deliver in time.
    /// @dev Buyer only, state Funded, `block.timestamp > deliverBy`.
    function refund(uint256 orderId) external;

    /// @notice Disputes a delivery: opens an arbiters' ballot whose "for" means "refund the buyer".
    /// @dev Buyer only, state Delivered, `block.timestamp <= confirmBy`; reverts with
    /// `EscrowNoArbiters` when nobody holds ARBITER. `reasonCid` references the buyer's
    /// evidence (encrypted to the arbiters where it is confidential).
    function dispute(uint256 orderId, string calldata reasonCid) external returns (uint256 proposalId);

    /// @notice Releases a disputed order to the seller once the refund ballot is Defeated or
    /// Expired (a tie, a missed quorum, or an unexecuted success release to the seller).
    /// @dev Anyone may call; state Disputed.
    function resolveDispute(uint256 orderId) external;

    /// @notice Pays `msg.sender` its whole credit in `token` (address(0) = native currency).
    function withdraw(address token) external;

    /// @notice The stored order; reverts for an unknown id.
    function order(uint256 orderId) external view returns (Order memory);

    /// @notice The withdrawable credit of `account` in `token`.
    function credit(address account, address token) external view returns (uint256);

    /// @notice Number of orders opened so far; ids run from 1 to this number.
    function orderCount() external view returns (uint256);

    /// @notice The order a dispute ballot belongs to (0 if none).
    function disputeOrder(uint256 proposalId) external view returns (uint256 orderId);

    /// @notice The ballot subject of a dispute about `orderId`:
    /// `keccak256(abi.encode("escrow.dispute", orderId))`.
    function disputeSubject(uint256 orderId) external pure returns (bytes32);

    /// @notice Dispute ballot parameters.
    function disputeSettings() external view returns (DisputeSettings memory);

    /// @notice The consortium registry: MEMBER checks (AccessControl) and arbiter directory.
    function registry() external view returns (IConsortiumRegistry);

    /// @notice The shared ballot that decides disputes.
    function ballot() external view returns (IBallot);
}
