// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControl} from "@openzeppelin/contracts/access/IAccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {IBallot} from "../interfaces/IBallot.sol";
import {IBallotTarget} from "../interfaces/IBallotTarget.sol";
import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IFairExchangeEscrow} from "../interfaces/IFairExchangeEscrow.sol";

/// @title FairExchangeEscrow
/// @notice Buyer-funded escrow with delivery and confirmation deadlines, arbiter disputes on
/// the shared ballot, and pull payments. See {IFairExchangeEscrow} for the lifecycle.
contract FairExchangeEscrow is IFairExchangeEscrow, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    /// @inheritdoc IFairExchangeEscrow
    bytes32 public constant MEMBER_ROLE = keccak256("MEMBER");
    /// @inheritdoc IFairExchangeEscrow
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER");
    /// @inheritdoc IFairExchangeEscrow
    uint64 public constant MAX_PERIOD = 365 days;

    IConsortiumRegistry private immutable _registry;
    IBallot private immutable _ballot;
    DisputeSettings private _disputeSettings;

    uint256 private _orderCount;
    mapping(uint256 orderId => Order) private _orders;
    mapping(uint256 proposalId => uint256 orderId) private _disputeOrders;
    mapping(address account => mapping(address token => uint256 amount)) private _credits;

    /// @param registry_ the consortium registry: MEMBER checks through its OpenZeppelin
    /// AccessControl `hasRole`, and the {IVoterDirectory} of the arbiters' ballot.
    /// @param ballot_ the shared ballot; the only caller allowed into {onBallotExecuted}.
    /// @param settings ballot parameters used for every dispute.
    constructor(IConsortiumRegistry registry_, IBallot ballot_, DisputeSettings memory settings) {
        if (
            settings.quorumBps == 0 ||
            settings.quorumBps > 10_000 ||
            settings.votingPeriod == 0 ||
            settings.executionWindow == 0
        ) {
            revert EscrowInvalidDisputeSettings(settings.quorumBps, settings.votingPeriod, settings.executionWindow);
        }
        _registry = registry_;
        _ballot = ballot_;
        _disputeSettings = settings;
    }

    modifier onlyBallot() {
        _checkBallot();
        _;
    }

    /// @inheritdoc IFairExchangeEscrow
    function openOrder(OrderParams calldata params) external payable nonReentrant returns (uint256 orderId) {
        address buyer = msg.sender;
        _checkMember(buyer);
        _checkMember(params.seller);
        if (params.seller == buyer) revert EscrowSelfDealing(buyer);
        if (params.amount == 0) revert EscrowInvalidAmount(params.amount, msg.value);
        if (params.token == address(0) ? msg.value != params.amount : msg.value != 0) {
            revert EscrowInvalidAmount(params.amount, msg.value);
        }
        if (
            params.deliveryPeriod == 0 ||
            params.deliveryPeriod > MAX_PERIOD ||
            params.confirmationPeriod == 0 ||
            params.confirmationPeriod > MAX_PERIOD
        ) {
            revert EscrowInvalidPeriod(params.deliveryPeriod, params.confirmationPeriod);
        }

        orderId = ++_orderCount;
        uint64 deliverBy = uint64(block.timestamp) + params.deliveryPeriod;
        Order storage o = _orders[orderId];
        o.buyer = buyer;
        o.seller = params.seller;
        o.token = params.token;
        o.amount = params.amount;
        o.subject = params.subject;
        o.state = OrderState.Funded;
        o.deliveryPeriod = params.deliveryPeriod;
        o.confirmationPeriod = params.confirmationPeriod;
        o.deliverBy = deliverBy;

        if (params.token != address(0)) {
            // Interaction after the order is recorded; the balance check rejects tokens that
            // deliver less than `amount` (fee on transfer), which would leave payouts unbacked.
            IERC20 token = IERC20(params.token);
            uint256 balanceBefore = token.balanceOf(address(this));
            token.safeTransferFrom(buyer, address(this), params.amount);
            uint256 received = token.balanceOf(address(this)) - balanceBefore;
            if (received != params.amount) revert EscrowFeeOnTransferToken(params.token, params.amount, received);
        }

        emit OrderOpened(orderId, buyer, params.seller, params.token, params.amount, params.subject, deliverBy);
    }

    /// @inheritdoc IFairExchangeEscrow
    function deliver(uint256 orderId, string calldata cid, bytes32 contentHash) external {
        Order storage o = _validateState(orderId, OrderState.Funded);
        _checkSeller(orderId, o);
        if (block.timestamp > o.deliverBy) revert EscrowDeadlinePassed(orderId, o.deliverBy);
        if (bytes(cid).length == 0 || contentHash == bytes32(0)) revert EscrowEmptyDelivery(orderId);

        uint64 confirmBy = uint64(block.timestamp) + o.confirmationPeriod;
        o.state = OrderState.Delivered;
        o.confirmBy = confirmBy;
        o.deliveryCid = cid;
        o.deliveryHash = contentHash;
        emit OrderDelivered(orderId, cid, contentHash, confirmBy);
    }

    /// @inheritdoc IFairExchangeEscrow
    function confirm(uint256 orderId) external {
        Order storage o = _validateState(orderId, OrderState.Delivered);
        _checkBuyer(orderId, o);

        emit OrderConfirmed(orderId);
        _settle(orderId, o, OrderState.Released);
    }

    /// @inheritdoc IFairExchangeEscrow
    function claimAfterConfirmationPeriod(uint256 orderId) external {
        Order storage o = _validateState(orderId, OrderState.Delivered);
        _checkSeller(orderId, o);
        if (block.timestamp <= o.confirmBy) revert EscrowDeadlineNotReached(orderId, o.confirmBy);

        _settle(orderId, o, OrderState.Released);
    }

    /// @inheritdoc IFairExchangeEscrow
    function refund(uint256 orderId) external {
        Order storage o = _validateState(orderId, OrderState.Funded);
        _checkBuyer(orderId, o);
        if (block.timestamp <= o.deliverBy) revert EscrowDeadlineNotReached(orderId, o.deliverBy);

        _settle(orderId, o, OrderState.Refunded);
    }

    /// @inheritdoc IFairExchangeEscrow
    function dispute(uint256 orderId, string calldata reasonCid) external returns (uint256 proposalId) {
        Order storage o = _validateState(orderId, OrderState.Delivered);
        _checkBuyer(orderId, o);
        if (block.timestamp > o.confirmBy) revert EscrowDeadlinePassed(orderId, o.confirmBy);
        // The ballot would revert with BallotNoEligibleVoters; say what it means here.
        (uint256 arbiters, ) = _registry.voterSnapshot(ARBITER_ROLE);
        if (arbiters == 0) revert EscrowNoArbiters();

        o.state = OrderState.Disputed;
        DisputeSettings memory s = _disputeSettings;
        // The ballot is trusted (fixed at construction); it calls back only through
        // onBallotExecuted, in a later transaction.
        proposalId = _ballot.propose(
            IBallot.ProposalParams({
                subject: disputeSubject(orderId),
                directory: _registry,
                voterRole: ARBITER_ROLE,
                quorumBps: s.quorumBps,
                votingDelay: 0,
                votingPeriod: s.votingPeriod,
                executionWindow: s.executionWindow
            })
        );
        o.disputeProposalId = proposalId;
        _disputeOrders[proposalId] = orderId;
        emit OrderDisputed(orderId, proposalId, reasonCid);
    }

    /// @inheritdoc IBallotTarget
    /// @dev Only the ballot, when the arbiters' "refund the buyer" proposal of a dispute is
    /// executed: Disputed -> Refunded, the buyer is credited.
    function onBallotExecuted(uint256 proposalId) external onlyBallot {
        uint256 orderId = _disputeOrders[proposalId];
        if (orderId == 0) revert EscrowUnknownDispute(proposalId);
        Order storage o = _validateState(orderId, OrderState.Disputed);

        emit DisputeResolved(orderId, proposalId, true);
        _settle(orderId, o, OrderState.Refunded);
    }

    /// @inheritdoc IFairExchangeEscrow
    function resolveDispute(uint256 orderId) external {
        Order storage o = _validateState(orderId, OrderState.Disputed);
        uint256 proposalId = o.disputeProposalId;
        IBallot.ProposalState outcome = _ballot.state(proposalId);
        if (outcome != IBallot.ProposalState.Defeated && outcome != IBallot.ProposalState.Expired) {
            revert EscrowDisputeNotOver(orderId, proposalId, outcome);
        }

        emit DisputeResolved(orderId, proposalId, false);
        _settle(orderId, o, OrderState.Released);
    }

    /// @inheritdoc IFairExchangeEscrow
    function withdraw(address token) external nonReentrant {
        address account = msg.sender;
        uint256 amount = _credits[account][token];
        if (amount == 0) revert EscrowNothingToWithdraw(account, token);

        // Checks-effects-interactions: the credit is cleared before any value moves.
        _credits[account][token] = 0;
        emit Withdrawn(account, token, amount);

        if (token == address(0)) {
            (bool ok, ) = payable(account).call{value: amount}("");
            if (!ok) revert EscrowTransferFailed(account, amount);
        } else {
            IERC20(token).safeTransfer(account, amount);
        }
    }

    /// @inheritdoc IFairExchangeEscrow
    function order(uint256 orderId) external view returns (Order memory) {
        Order storage o = _orders[orderId];
        if (o.state == OrderState.None) revert EscrowUnknownOrder(orderId);
        return o;
    }

    /// @inheritdoc IFairExchangeEscrow
    function credit(address account, address token) external view returns (uint256) {
        return _credits[account][token];
    }

    /// @inheritdoc IFairExchangeEscrow
    function orderCount() external view returns (uint256) {
        return _orderCount;
    }

    /// @inheritdoc IFairExchangeEscrow
    function disputeOrder(uint256 proposalId) external view returns (uint256) {
        return _disputeOrders[proposalId];
    }

    /// @inheritdoc IFairExchangeEscrow
    function disputeSettings() external view returns (DisputeSettings memory) {
        return _disputeSettings;
    }

    /// @inheritdoc IFairExchangeEscrow
    function registry() external view returns (IConsortiumRegistry) {
        return _registry;
    }

    /// @inheritdoc IFairExchangeEscrow
    function ballot() external view returns (IBallot) {
        return _ballot;
    }

    /// @inheritdoc IFairExchangeEscrow
    function disputeSubject(uint256 orderId) public pure returns (bytes32) {
        return keccak256(abi.encode("escrow.dispute", orderId));
    }

    /// @dev Moves `o` to its terminal `outcome` and credits the payee (pull payment).
    function _settle(uint256 orderId, Order storage o, OrderState outcome) private {
        address payee = outcome == OrderState.Released ? o.seller : o.buyer;
        uint256 amount = o.amount;
        o.state = outcome;
        _credits[payee][o.token] += amount;
        emit OrderSettled(orderId, payee, amount);
    }

    function _validateState(uint256 orderId, OrderState expected) private view returns (Order storage o) {
        o = _orders[orderId];
        if (o.state != expected) revert EscrowUnexpectedState(orderId, o.state, expected);
    }

    function _checkBuyer(uint256 orderId, Order storage o) private view {
        if (msg.sender != o.buyer) revert EscrowNotBuyer(orderId, msg.sender);
    }

    function _checkSeller(uint256 orderId, Order storage o) private view {
        if (msg.sender != o.seller) revert EscrowNotSeller(orderId, msg.sender);
    }

    function _checkMember(address account) private view {
        if (!IAccessControl(address(_registry)).hasRole(MEMBER_ROLE, account)) revert EscrowNotMember(account);
    }

    function _checkBallot() private view {
        if (msg.sender != address(_ballot)) revert EscrowOnlyBallot(msg.sender);
    }
}
