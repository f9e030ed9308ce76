// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {CommonBase} from "forge-std/Base.sol";
import {StdUtils} from "forge-std/StdUtils.sol";

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {FairExchangeEscrow} from "../../../contracts/escrow/FairExchangeEscrow.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IBallot} from "../../../contracts/interfaces/IBallot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {IFairExchangeEscrow} from "../../../contracts/interfaces/IFairExchangeEscrow.sol";
import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

/// @dev Drives the escrow with native-currency orders from three members and one outsider,
/// and disputes voted by three arbiters on the real Ballot; mirrors every order in a model, and counts every disagreement between model and escrow:
/// a call that succeeded when the model says it must revert (or the reverse), a state change
/// that is not an edge of the lifecycle, a credit or balance that differs from the model.
/// Counters rather than asserts, because the invariant runner ignores reverting handler calls.
contract EscrowHandler is CommonBase, StdUtils {
    uint256 internal constant ACTORS = 4; // actors[3] is not a member
    uint256 internal constant MAX_AMOUNT = 1_000 ether;
    uint64 internal constant MAX_TEST_PERIOD = 20 days;

    struct ModelOrder {
        address buyer;
        address seller;
        uint256 amount;
        IFairExchangeEscrow.OrderState state;
        uint64 confirmationPeriod;
        uint64 deliverBy;
        uint64 confirmBy;
        uint256 proposalId;
    }

    FairExchangeEscrow public immutable escrow;
    IBallot public immutable ballot;
    address[ACTORS] public actors;
    address[3] public arbiters;

    uint256 public orderCount;
    mapping(uint256 orderId => ModelOrder) public model;
    mapping(address account => uint256 amount) public modelCredit;

    uint256 public totalDeposited;
    uint256 public totalWithdrawn;
    uint256 public locked;
    uint256 public mismatches; // model said ok and the escrow reverted, or the reverse
    uint256 public illegalTransitions; // a state change off the lifecycle's edges
    uint256 public wrongPayouts; // a credit or a withdrawal that differs from the model
    uint256 public successfulCalls;
    uint256 public disputesOpened;
    uint256 public disputesRefunded; // arbiters' refund executed
    uint256 public disputesReleased; // resolveDispute after Defeated / Expired

    constructor(FairExchangeEscrow escrow_, address[ACTORS] memory actors_, address[3] memory arbiters_) {
        escrow = escrow_;
        ballot = escrow_.ballot();
        actors = actors_;
        arbiters = arbiters_;
    }

    // ---- actions ----

    function openOrder(uint256 buyerSeed, uint256 sellerSeed, uint256 amount, uint64 deliveryPeriod, uint64 confirmationPeriod)
        external
    {
        address buyer = actors[buyerSeed % ACTORS];
        address seller = actors[sellerSeed % ACTORS];
        amount = bound(amount, 0, MAX_AMOUNT);
        deliveryPeriod = uint64(bound(deliveryPeriod, 0, MAX_TEST_PERIOD));
        confirmationPeriod = uint64(bound(confirmationPeriod, 0, MAX_TEST_PERIOD));
        bool expectOk = buyer != actors[3] && seller != actors[3] && buyer != seller && amount > 0 && deliveryPeriod > 0
            && confirmationPeriod > 0;

        vm.deal(buyer, buyer.balance + amount);
        vm.prank(buyer);
        try escrow.openOrder{value: amount}(
            IFairExchangeEscrow.OrderParams({
                seller: seller,
                token: address(0),
                amount: amount,
                deliveryPeriod: deliveryPeriod,
                confirmationPeriod: confirmationPeriod,
                subject: keccak256(abi.encode(orderCount))
            })
        ) returns (uint256 orderId) {
            _expect(expectOk, true);
            if (orderId != orderCount + 1) mismatches++;
            orderCount = orderId;
            model[orderId] = ModelOrder({
                buyer: buyer,
                seller: seller,
                amount: amount,
                state: IFairExchangeEscrow.OrderState.Funded,
                confirmationPeriod: confirmationPeriod,
                deliverBy: uint64(block.timestamp) + deliveryPeriod,
                confirmBy: 0,
                proposalId: 0
            });
            totalDeposited += amount;
            locked += amount;
            _checkTransition(orderId, IFairExchangeEscrow.OrderState.None);
        } catch {
            _expect(expectOk, false);
        }
    }

    function deliver(uint256 orderSeed, uint256 callerSeed) external {
        (uint256 orderId, ModelOrder storage m) = _pickOrder(orderSeed);
        address caller = _pickCaller(callerSeed, m.seller);
        IFairExchangeEscrow.OrderState before = m.state;
        bool expectOk = before == IFairExchangeEscrow.OrderState.Funded && caller == m.seller
            && block.timestamp <= m.deliverBy;

        vm.prank(caller);
        try escrow.deliver(orderId, "bafy-delivery", keccak256(abi.encode(orderId))) {
            _expect(expectOk, true);
            m.state = IFairExchangeEscrow.OrderState.Delivered;
            m.confirmBy = uint64(block.timestamp) + m.confirmationPeriod;
            _checkTransition(orderId, before);
        } catch {
            _expect(expectOk, false);
        }
    }

    function confirm(uint256 orderSeed, uint256 callerSeed) external {
        (uint256 orderId, ModelOrder storage m) = _pickOrder(orderSeed);
        address caller = _pickCaller(callerSeed, m.buyer);
        IFairExchangeEscrow.OrderState before = m.state;
        bool expectOk = before == IFairExchangeEscrow.OrderState.Delivered && caller == m.buyer;

        vm.prank(caller);
        try escrow.confirm(orderId) {
            _expect(expectOk, true);
            _settle(orderId, m, before, IFairExchangeEscrow.OrderState.Released, m.seller);
        } catch {
            _expect(expectOk, false);
        }
    }

    function claimAfterConfirmationPeriod(uint256 orderSeed, uint256 callerSeed) external {
        (uint256 orderId, ModelOrder storage m) = _pickOrder(orderSeed);
        address caller = _pickCaller(callerSeed, m.seller);
        IFairExchangeEscrow.OrderState before = m.state;
        bool expectOk = before == IFairExchangeEscrow.OrderState.Delivered && caller == m.seller
            && block.timestamp > m.confirmBy;

        vm.prank(caller);
        try escrow.claimAfterConfirmationPeriod(orderId) {
            _expect(expectOk, true);
            _settle(orderId, m, before, IFairExchangeEscrow.OrderState.Released, m.seller);
        } catch {
            _expect(expectOk, false);
        }
    }

    function refund(uint256 orderSeed, uint256 callerSeed) external {
        (uint256 orderId, ModelOrder storage m) = _pickOrder(orderSeed);
        address caller = _pickCaller(callerSeed, m.buyer);
        IFairExchangeEscrow.OrderState before = m.state;
        bool expectOk = before == IFairExchangeEscrow.OrderState.Funded && caller == m.buyer
            && block.timestamp > m.deliverBy;

        vm.prank(caller);
        try escrow.refund(orderId) {
            _expect(expectOk, true);
            disputesRefunded++;
            _settle(orderId, m, before, IFairExchangeEscrow.OrderState.Refunded, m.buyer);
        } catch {
            _expect(expectOk, false);
        }
    }

    function dispute(uint256 orderSeed, uint256 callerSeed) external {
        (uint256 orderId, ModelOrder storage m) = _pickOrder(orderSeed);
        address caller = _pickCaller(callerSeed, m.buyer);
        IFairExchangeEscrow.OrderState before = m.state;
        bool expectOk = before == IFairExchangeEscrow.OrderState.Delivered && caller == m.buyer
            && block.timestamp <= m.confirmBy;

        vm.prank(caller);
        try escrow.dispute(orderId, "bafy-reason") returns (uint256 proposalId) {
            _expect(expectOk, true);
            m.state = IFairExchangeEscrow.OrderState.Disputed;
            m.proposalId = proposalId;
            disputesOpened++;
            if (escrow.disputeOrder(proposalId) != orderId) mismatches++;
            _checkTransition(orderId, before);
        } catch {
            _expect(expectOk, false);
        }
    }

    /// @dev An arbiter votes on the order's dispute; the ballot's own rules decide whether it counts.
    function vote(uint256 orderSeed, uint256 arbiterSeed, bool support) external {
        (uint256 orderId, ModelOrder storage m) = _pickOrder(orderSeed);
        if (m.proposalId == 0) return;
        vm.prank(arbiters[arbiterSeed % 3]);
        try ballot.castVote(m.proposalId, support) {} catch {}
        // voting never moves the order
        if (escrow.order(orderId).state != m.state) illegalTransitions++;
    }

    /// @dev Anyone executes the dispute ballot; it must succeed exactly when the ballot says Succeeded.
    function executeDispute(uint256 orderSeed) external {
        (uint256 orderId, ModelOrder storage m) = _pickOrder(orderSeed);
        if (m.proposalId == 0) return;
        IFairExchangeEscrow.OrderState before = m.state;
        bool expectOk = ballot.state(m.proposalId) == IBallot.ProposalState.Succeeded;
        if (expectOk && before != IFairExchangeEscrow.OrderState.Disputed) mismatches++;

        try ballot.execute(m.proposalId) {
            _expect(expectOk, true);
            disputesRefunded++;
            _settle(orderId, m, before, IFairExchangeEscrow.OrderState.Refunded, m.buyer);
        } catch {
            _expect(expectOk, false);
        }
    }

    function resolveDispute(uint256 orderSeed, uint256 callerSeed) external {
        (uint256 orderId, ModelOrder storage m) = _pickOrder(orderSeed);
        IFairExchangeEscrow.OrderState before = m.state;
        bool expectOk;
        if (before == IFairExchangeEscrow.OrderState.Disputed) {
            IBallot.ProposalState outcome = ballot.state(m.proposalId);
            expectOk = outcome == IBallot.ProposalState.Defeated || outcome == IBallot.ProposalState.Expired;
        }

        vm.prank(actors[callerSeed % ACTORS]);
        try escrow.resolveDispute(orderId) {
            _expect(expectOk, true);
            disputesReleased++;
            _settle(orderId, m, before, IFairExchangeEscrow.OrderState.Released, m.seller);
        } catch {
            _expect(expectOk, false);
        }
    }

    function withdraw(uint256 callerSeed) external {
        address caller = actors[callerSeed % ACTORS];
        uint256 expected = modelCredit[caller];
        uint256 balanceBefore = caller.balance;

        vm.prank(caller);
        try escrow.withdraw(address(0)) {
            _expect(expected > 0, true);
            if (caller.balance - balanceBefore != expected) wrongPayouts++;
            if (escrow.credit(caller, address(0)) != 0) wrongPayouts++;
            modelCredit[caller] = 0;
            totalWithdrawn += expected;
        } catch {
            _expect(expected > 0, false);
        }
    }

    /// @dev Mostly short steps (within a dispute's voting period), sometimes past any deadline.
    function warp(uint256 secondsForward) external {
        uint256 maxStep = secondsForward % 4 == 0 ? 25 days : 12 hours;
        vm.warp(block.timestamp + _bound(secondsForward >> 2, 0, maxStep));
    }

    // ---- views for the invariants ----

    function unwithdrawnCredits() public view returns (uint256 sum) {
        for (uint256 i = 0; i < ACTORS; i++) {
            sum += modelCredit[actors[i]];
        }
    }

    /// @dev Number of orders whose escrow state differs from the model.
    function stateDisagreements() external view returns (uint256 count) {
        for (uint256 id = 1; id <= orderCount; id++) {
            if (escrow.order(id).state != model[id].state) count++;
        }
    }

    // ---- internals ----

    /// @dev Mostly one of the three newest orders, so that multi-step paths (deliver, dispute,
    /// vote, execute) happen on the same order; otherwise any id up to one past the end
    /// (an unknown order).
    function _pickOrder(uint256 seed) private view returns (uint256 orderId, ModelOrder storage m) {
        if (seed % 4 == 0 || orderCount == 0) {
            orderId = _bound(seed >> 2, 1, orderCount + 1);
        } else {
            uint256 recent = orderCount < 3 ? orderCount : 3;
            orderId = orderCount - ((seed >> 2) % recent);
        }
        m = model[orderId];
    }

    /// @dev Three calls in four come from the party allowed to act, the rest from anyone.
    function _pickCaller(uint256 seed, address party) private view returns (address) {
        if (seed % 4 != 0 && party != address(0)) return party;
        return actors[(seed >> 2) % ACTORS];
    }

    function _settle(
        uint256 orderId,
        ModelOrder storage m,
        IFairExchangeEscrow.OrderState before,
        IFairExchangeEscrow.OrderState outcome,
        address payee
    ) private {
        m.state = outcome;
        locked -= m.amount;
        modelCredit[payee] += m.amount;
        if (escrow.credit(payee, address(0)) != modelCredit[payee]) wrongPayouts++;
        _checkTransition(orderId, before);
    }

    function _expect(bool expectOk, bool ok) private {
        if (expectOk != ok) mismatches++;
        if (ok) successfulCalls++;
    }

    /// @dev Compares the escrow's new state of `orderId` with the model and the lifecycle edges.
    function _checkTransition(uint256 orderId, IFairExchangeEscrow.OrderState from) private {
        IFairExchangeEscrow.OrderState to = escrow.order(orderId).state;
        if (to != model[orderId].state) mismatches++;
        if (!isLifecycleEdge(from, to)) illegalTransitions++;
    }

    function isLifecycleEdge(IFairExchangeEscrow.OrderState from, IFairExchangeEscrow.OrderState to)
        public
        pure
        returns (bool)
    {
        IFairExchangeEscrow.OrderState None = IFairExchangeEscrow.OrderState.None;
        IFairExchangeEscrow.OrderState Funded = IFairExchangeEscrow.OrderState.Funded;
        IFairExchangeEscrow.OrderState Delivered = IFairExchangeEscrow.OrderState.Delivered;
        IFairExchangeEscrow.OrderState Disputed = IFairExchangeEscrow.OrderState.Disputed;
        IFairExchangeEscrow.OrderState Released = IFairExchangeEscrow.OrderState.Released;
        IFairExchangeEscrow.OrderState Refunded = IFairExchangeEscrow.OrderState.Refunded;
        return (from == None && to == Funded) || (from == Funded && to == Delivered) || (from == Funded && to == Refunded)
            || (from == Delivered && to == Released) || (from == Delivered && to == Disputed)
            || (from == Disputed && to == Refunded) || (from == Disputed && to == Released);
    }
}

contract FairExchangeEscrowTest is ConsortiumSetup {
    Ballot internal ballot;
    ConsortiumRegistry internal registry;
    FairExchangeEscrow internal escrow;
    EscrowHandler internal handler;
    address internal buyer = makeAddr("buyer");
    address internal seller = makeAddr("seller");
    address internal third = makeAddr("third");
    address internal outsider = makeAddr("outsider");
    address[3] internal arbiters = [makeAddr("arbiter0"), makeAddr("arbiter1"), makeAddr("arbiter2")];

    function setUp() public {
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](6);
        founders[0] = _founderEntry(buyer, bytes32(0));
        founders[1] = _founderEntry(seller, bytes32(0));
        founders[2] = _founderEntry(third, bytes32(0));
        for (uint256 i = 0; i < 3; i++) {
            founders[3 + i] = _founderEntry(arbiters[i], keccak256("ARBITER"));
        }
        (ballot, registry) = _deployConsortium(founders, 1 days);
        escrow = new FairExchangeEscrow(
            registry,
            ballot,
            IFairExchangeEscrow.DisputeSettings({quorumBps: 5_000, votingPeriod: 1 days, executionWindow: 1 days})
        );
        handler = new EscrowHandler(escrow, [buyer, seller, third, outsider], arbiters);

        bytes4[] memory selectors = new bytes4[](11);
        selectors[0] = EscrowHandler.openOrder.selector;
        selectors[1] = EscrowHandler.deliver.selector;
        selectors[2] = EscrowHandler.confirm.selector;
        selectors[3] = EscrowHandler.claimAfterConfirmationPeriod.selector;
        selectors[4] = EscrowHandler.refund.selector;
        selectors[5] = EscrowHandler.withdraw.selector;
        selectors[6] = EscrowHandler.warp.selector;
        selectors[7] = EscrowHandler.dispute.selector;
        selectors[8] = EscrowHandler.vote.selector;
        selectors[9] = EscrowHandler.executeDispute.selector;
        selectors[10] = EscrowHandler.resolveDispute.selector;
        targetSelector(FuzzSelector({addr: address(handler), selectors: selectors}));
        targetContract(address(handler));
    }

    function test_constructor_usesTheRegistryRoles() public view {
        assertEq(escrow.MEMBER_ROLE(), registry.MEMBER_ROLE());
        assertEq(escrow.ARBITER_ROLE(), registry.ARBITER_ROLE());
        assertEq(address(escrow.registry()), address(registry));
        assertEq(address(escrow.ballot()), address(ballot));
    }

    // ---- single-step properties ----

    function testFuzz_openOrder_locksExactlyTheAmount(uint256 amount, uint64 deliveryPeriod, uint64 confirmationPeriod)
        public
    {
        amount = bound(amount, 1, 1e30);
        deliveryPeriod = uint64(bound(deliveryPeriod, 1, escrow.MAX_PERIOD()));
        confirmationPeriod = uint64(bound(confirmationPeriod, 1, escrow.MAX_PERIOD()));
        vm.deal(buyer, amount);

        uint256 orderId = _open(amount, deliveryPeriod, confirmationPeriod);

        assertEq(orderId, 1);
        assertEq(address(escrow).balance, amount);
        assertEq(buyer.balance, 0);
        IFairExchangeEscrow.Order memory o = escrow.order(orderId);
        assertEq(o.buyer, buyer);
        assertEq(o.seller, seller);
        assertEq(o.amount, amount);
        assertEq(uint8(o.state), uint8(IFairExchangeEscrow.OrderState.Funded));
        assertEq(o.deliveryPeriod, deliveryPeriod);
        assertEq(o.confirmationPeriod, confirmationPeriod);
        assertEq(o.deliverBy, block.timestamp + deliveryPeriod);
        assertEq(o.confirmBy, 0);
    }

    function testFuzz_openOrder_rejectsWrongValue(uint256 amount, uint256 value) public {
        amount = bound(amount, 1, 1e30);
        value = bound(value, 0, 2e30);
        vm.assume(value != amount);
        vm.deal(buyer, value);

        vm.prank(buyer);
        vm.expectRevert(abi.encodeWithSelector(IFairExchangeEscrow.EscrowInvalidAmount.selector, amount, value));
        escrow.openOrder{value: value}(_params(amount, 1 days, 1 days));
    }

    function testFuzz_deliver_onlyUntilDeliverBy(uint64 deliveryPeriod, uint256 elapsed) public {
        deliveryPeriod = uint64(bound(deliveryPeriod, 1, escrow.MAX_PERIOD()));
        elapsed = bound(elapsed, 0, uint256(deliveryPeriod) * 2);
        vm.deal(buyer, 1 ether);
        uint256 orderId = _open(1 ether, deliveryPeriod, 1 days);
        uint64 deliverBy = uint64(block.timestamp) + deliveryPeriod;
        vm.warp(block.timestamp + elapsed);

        vm.prank(seller);
        if (elapsed > deliveryPeriod) {
            vm.expectRevert(abi.encodeWithSelector(IFairExchangeEscrow.EscrowDeadlinePassed.selector, orderId, deliverBy));
            escrow.deliver(orderId, "bafy", bytes32(uint256(1)));
        } else {
            escrow.deliver(orderId, "bafy", bytes32(uint256(1)));
            assertEq(uint8(escrow.order(orderId).state), uint8(IFairExchangeEscrow.OrderState.Delivered));
            assertEq(escrow.order(orderId).confirmBy, block.timestamp + 1 days);
        }
    }

    function testFuzz_refund_onlyAfterDeliverBy(uint64 deliveryPeriod, uint256 elapsed) public {
        deliveryPeriod = uint64(bound(deliveryPeriod, 1, escrow.MAX_PERIOD()));
        elapsed = bound(elapsed, 0, uint256(deliveryPeriod) * 2);
        vm.deal(buyer, 1 ether);
        uint256 orderId = _open(1 ether, deliveryPeriod, 1 days);
        uint64 deliverBy = uint64(block.timestamp) + deliveryPeriod;
        vm.warp(block.timestamp + elapsed);

        vm.prank(buyer);
        if (elapsed <= deliveryPeriod) {
            vm.expectRevert(
                abi.encodeWithSelector(IFairExchangeEscrow.EscrowDeadlineNotReached.selector, orderId, deliverBy)
            );
            escrow.refund(orderId);
        } else {
            escrow.refund(orderId);
            assertEq(escrow.credit(buyer, address(0)), 1 ether);
            assertEq(escrow.credit(seller, address(0)), 0);
        }
    }

    function testFuzz_claimAfterConfirmationPeriod_onlyAfterConfirmBy(uint64 confirmationPeriod, uint256 elapsed)
        public
    {
        confirmationPeriod = uint64(bound(confirmationPeriod, 1, escrow.MAX_PERIOD()));
        elapsed = bound(elapsed, 0, uint256(confirmationPeriod) * 2);
        vm.deal(buyer, 1 ether);
        uint256 orderId = _open(1 ether, 1 days, confirmationPeriod);
        vm.prank(seller);
        escrow.deliver(orderId, "bafy", bytes32(uint256(1)));
        uint64 confirmBy = uint64(block.timestamp) + confirmationPeriod;
        vm.warp(block.timestamp + elapsed);

        vm.prank(seller);
        if (elapsed <= confirmationPeriod) {
            vm.expectRevert(
                abi.encodeWithSelector(IFairExchangeEscrow.EscrowDeadlineNotReached.selector, orderId, confirmBy)
            );
            escrow.claimAfterConfirmationPeriod(orderId);
        } else {
            escrow.claimAfterConfirmationPeriod(orderId);
            assertEq(escrow.credit(seller, address(0)), 1 ether);
            assertEq(escrow.credit(buyer, address(0)), 0);
        }
    }

    /// @notice A dispute refunds the buyer exactly when the arbiters' "refund" vote succeeds
    /// (quorum 2 of 3 "for" and more for than against); any other vote pattern, including a
    /// tie or no votes, releases the payment to the seller.
    function testFuzz_dispute_outcomeFollowsArbiterVotes(uint256 votes) public {
        vm.deal(buyer, 1 ether);
        uint256 orderId = _open(1 ether, 1 days, 1 days);
        vm.prank(seller);
        escrow.deliver(orderId, "bafy", bytes32(uint256(1)));
        vm.prank(buyer);
        uint256 proposalId = escrow.dispute(orderId, "bafy-reason");
        assertEq(escrow.order(orderId).disputeProposalId, proposalId);
        assertEq(escrow.disputeOrder(proposalId), orderId);

        uint256 forVotes;
        uint256 againstVotes;
        for (uint256 i = 0; i < 3; i++) {
            uint256 choice = (votes >> (8 * i)) % 3; // 0 abstain, 1 for, 2 against
            if (choice == 0) continue;
            if (ballot.state(proposalId) != IBallot.ProposalState.Active) break; // decided early
            vm.prank(arbiters[i]);
            ballot.castVote(proposalId, choice == 1);
            if (choice == 1) forVotes++;
            else againstVotes++;
        }
        vm.warp(block.timestamp + 1 days + 1);

        if (forVotes >= 2 && forVotes > againstVotes) {
            vm.expectRevert(
                abi.encodeWithSelector(
                    IFairExchangeEscrow.EscrowDisputeNotOver.selector,
                    orderId,
                    proposalId,
                    IBallot.ProposalState.Succeeded
                )
            );
            escrow.resolveDispute(orderId);
            ballot.execute(proposalId);
            assertEq(uint8(escrow.order(orderId).state), uint8(IFairExchangeEscrow.OrderState.Refunded));
            assertEq(escrow.credit(buyer, address(0)), 1 ether);
            assertEq(escrow.credit(seller, address(0)), 0);
        } else {
            escrow.resolveDispute(orderId);
            assertEq(uint8(escrow.order(orderId).state), uint8(IFairExchangeEscrow.OrderState.Released));
            assertEq(escrow.credit(seller, address(0)), 1 ether);
            assertEq(escrow.credit(buyer, address(0)), 0);
        }
        assertEq(address(escrow).balance, 1 ether);
    }

    // ---- random sequences ----

    /// @notice Escrow never pays out more than was paid in, and orders only move along the
    /// lifecycle's edges, over random sequences of open/deliver/confirm/claim/refund/withdraw
    /// and disputes (open, arbiter votes, execute, resolve) with time passing in between.
    /// hardhat-config: fuzz.runs = 128
    function testFuzz_randomSequence_conservesFundsAndFollowsLifecycle(uint256 seed) public {
        // one valid order first so that no sequence is vacuous
        handler.openOrder(0, 1, 1 ether, 1 days, 1 days);
        for (uint256 step = 0; step < 64; step++) {
            uint256 r = uint256(keccak256(abi.encode(seed, step)));
            uint256 a = uint256(keccak256(abi.encode(r, 1)));
            uint256 b = uint256(keccak256(abi.encode(r, 2)));
            uint256 action = r % 14;
            if (action <= 1) {
                handler.openOrder(a, b, a >> 128, uint64(b >> 64), uint64(b >> 128));
            } else if (action <= 3) {
                handler.deliver(a, b);
            } else if (action == 4) {
                handler.confirm(a, b);
            } else if (action == 5) {
                handler.claimAfterConfirmationPeriod(a, b);
            } else if (action == 6) {
                handler.refund(a, b);
            } else if (action == 7) {
                handler.withdraw(a);
            } else if (action == 8) {
                handler.warp(a);
            } else if (action == 9) {
                handler.dispute(a, b);
            } else if (action <= 11) {
                handler.vote(a, b, b % 2 == 0);
            } else if (action == 12) {
                handler.executeDispute(a);
            } else {
                handler.resolveDispute(a, b);
            }
            _assertConsistent();
        }
        assertGe(handler.orderCount(), 1);
        assertEq(handler.mismatches(), 0);
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_balanceEqualsLockedPlusCredits() public view {
        assertEq(address(escrow).balance, handler.locked() + handler.unwithdrawnCredits());
        assertLe(handler.totalWithdrawn(), handler.totalDeposited());
        assertEq(handler.totalDeposited(), handler.totalWithdrawn() + handler.locked() + handler.unwithdrawnCredits());
        assertEq(handler.wrongPayouts(), 0);
    }

    /// hardhat-config: invariant.runs = 64
    /// hardhat-config: invariant.depth = 64
    function invariant_ordersFollowLifecycle() public view {
        assertEq(handler.illegalTransitions(), 0);
        assertEq(handler.mismatches(), 0);
        assertEq(handler.stateDisagreements(), 0);
        assertEq(escrow.orderCount(), handler.orderCount());
    }

    function test_isLifecycleEdge_acceptsExactlySevenEdges() public view {
        uint256 edges;
        for (uint8 from = 0; from < 6; from++) {
            for (uint8 to = 0; to < 6; to++) {
                if (handler.isLifecycleEdge(IFairExchangeEscrow.OrderState(from), IFairExchangeEscrow.OrderState(to))) {
                    edges++;
                }
            }
        }
        assertEq(edges, 7);
    }

    // ---- helpers ----

    function _assertConsistent() private view {
        assertEq(address(escrow).balance, handler.locked() + handler.unwithdrawnCredits());
        assertLe(handler.totalWithdrawn(), handler.totalDeposited());
        assertEq(handler.mismatches(), 0);
        assertEq(handler.illegalTransitions(), 0);
        assertEq(handler.wrongPayouts(), 0);
    }

    function _open(uint256 amount, uint64 deliveryPeriod, uint64 confirmationPeriod) private returns (uint256) {
        vm.prank(buyer);
        return escrow.openOrder{value: amount}(_params(amount, deliveryPeriod, confirmationPeriod));
    }

    function _params(uint256 amount, uint64 deliveryPeriod, uint64 confirmationPeriod)
        private
        view
        returns (IFairExchangeEscrow.OrderParams memory)
    {
        return IFairExchangeEscrow.OrderParams({
            seller: seller,
            token: address(0),
            amount: amount,
            deliveryPeriod: deliveryPeriod,
            confirmationPeriod: confirmationPeriod,
            subject: keccak256("listing-1")
        });
    }
}
