// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {ConsortiumRegistry} from "../../../contracts/consortium/ConsortiumRegistry.sol";
import {FairExchangeEscrow} from "../../../contracts/escrow/FairExchangeEscrow.sol";
import {Ballot} from "../../../contracts/governance/Ballot.sol";
import {IConsortiumRegistry} from "../../../contracts/interfaces/IConsortiumRegistry.sol";
import {IFairExchangeEscrow} from "../../../contracts/interfaces/IFairExchangeEscrow.sol";
import {IQualityChannel} from "../../../contracts/interfaces/IQualityChannel.sol";
import {ComparisonBoard} from "../../../contracts/quality/ComparisonBoard.sol";
import {QualityChannel} from "../../../contracts/quality/QualityChannel.sol";
import {XorMarket} from "../../../contracts/quality/XorMarket.sol";
import {ConsortiumSetup} from "../helpers/ConsortiumSetup.sol";

/// @dev The real consortium, escrow and quality contracts, with five founders:
/// B (owner, MEMBER), S (SERVICER), an ARBITER, A (buyer, MEMBER), C (MEMBER).
abstract contract QualityTestBase is ConsortiumSetup {
    uint64 internal constant RESPONSE_PERIOD = 1 days;
    uint256 internal constant START = 1_700_000_000;

    address internal constant OWNER = address(0xB0B);
    address internal constant SERVICER = address(0x5E5);
    address internal constant ARBITER = address(0xA4B);
    address internal constant BUYER = address(0xA11CE);
    address internal constant MEMBER = address(0xC0C);
    address internal constant OUTSIDER = address(0xBAD);

    Ballot internal ballot;
    ConsortiumRegistry internal registry;
    FairExchangeEscrow internal escrow;
    QualityChannel internal channel;
    XorMarket internal market;
    ComparisonBoard internal board;

    function setUp() public virtual {
        vm.warp(START);
        IConsortiumRegistry.Founder[] memory founders = new IConsortiumRegistry.Founder[](5);
        founders[0] = _founderEntry(OWNER, bytes32(0));
        founders[1] = _founderEntry(SERVICER, keccak256("SERVICER"));
        founders[2] = _founderEntry(ARBITER, keccak256("ARBITER"));
        founders[3] = _founderEntry(BUYER, bytes32(0));
        founders[4] = _founderEntry(MEMBER, bytes32(0));
        (ballot, registry) = _deployConsortium(founders, 1 hours);
        escrow = new FairExchangeEscrow(
            registry,
            ballot,
            IFairExchangeEscrow.DisputeSettings({quorumBps: 5_000, votingPeriod: 1 hours, executionWindow: 1 days})
        );
        channel = new QualityChannel(registry);
        market = new XorMarket(channel, escrow);
        board = new ComparisonBoard(channel, RESPONSE_PERIOD);
    }

    /// @dev Valid pair parameters for public key hash `keyHash`.
    function _pairParams(bytes32 keyHash) internal pure returns (IQualityChannel.PairParams memory p) {
        p.labelT = "t";
        p.labelT1 = "t+1";
        p.publicKeyCid = "bafkpublickey";
        p.publicKeyHash = keyHash;
        p.bitLength = 8;
        p.bundleCid = "bafkbundle";
        p.bundleHash = keccak256("bundle");
    }

    /// @dev B registers `lotId` and publishes one pair; returns its id.
    function _publishPair(bytes32 lotId, bytes32 keyHash) internal returns (uint256 pairId) {
        vm.startPrank(OWNER);
        channel.registerLot(lotId, "lot");
        pairId = channel.publishPair(lotId, _pairParams(keyHash));
        vm.stopPrank();
    }
}
