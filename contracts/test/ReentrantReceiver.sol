// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IFairExchangeEscrow} from "../interfaces/IFairExchangeEscrow.sol";

/// @title ReentrantReceiver
/// @notice Test-only escrow party that tries to withdraw again from inside the payment it
/// receives. It swallows the nested failure so the outer withdrawal can complete, and records
/// what happened; with `rejectPayments` set it refuses native payments instead.
contract ReentrantReceiver {
    error ReceiverRejected();

    IFairExchangeEscrow public immutable escrow;
    bool public rejectPayments;
    uint256 public reentryAttempts;
    uint256 public reentrySuccesses;
    bytes public lastReentryError;

    constructor(IFairExchangeEscrow escrow_) {
        escrow = escrow_;
    }

    function setRejectPayments(bool reject) external {
        rejectPayments = reject;
    }

    function openOrder(IFairExchangeEscrow.OrderParams calldata params) external payable returns (uint256) {
        return escrow.openOrder{value: msg.value}(params);
    }

    function deliver(uint256 orderId, string calldata cid, bytes32 contentHash) external {
        escrow.deliver(orderId, cid, contentHash);
    }

    function refund(uint256 orderId) external {
        escrow.refund(orderId);
    }

    function claimAfterConfirmationPeriod(uint256 orderId) external {
        escrow.claimAfterConfirmationPeriod(orderId);
    }

    function withdraw() external {
        escrow.withdraw(address(0));
    }

    receive() external payable {
        if (rejectPayments) revert ReceiverRejected();
        if (reentryAttempts < 3) {
            reentryAttempts++;
            try escrow.withdraw(address(0)) {
                reentrySuccesses++;
            } catch (bytes memory reason) {
                lastReentryError = reason;
            }
        }
    }
}
