// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ITorrentLedger} from "../interfaces/ITorrentLedger.sol";

/// @title TorrentPayee
/// @notice Test-only penalty beneficiary: withdraws its credit from the TorrentLedger and,
/// with `rejectPayments` set, refuses the payment; otherwise it tries to withdraw again from
/// inside the payment and records whether that worked.
contract TorrentPayee {
    error PayeeRejected();

    ITorrentLedger public immutable ledger;
    bool public rejectPayments;
    bool public reentrySucceeded;
    bytes public lastReentryError;

    constructor(ITorrentLedger ledger_) {
        ledger = ledger_;
    }

    function setRejectPayments(bool reject) external {
        rejectPayments = reject;
    }

    function withdrawCredit() external {
        ledger.withdrawCredit();
    }

    receive() external payable {
        if (rejectPayments) revert PayeeRejected();
        try ledger.withdrawCredit() {
            reentrySucceeded = true;
        } catch (bytes memory reason) {
            lastReentryError = reason;
        }
    }
}
