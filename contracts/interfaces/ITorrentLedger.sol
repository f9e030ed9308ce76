// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBallotTarget} from "./IBallotTarget.sol";

/// @title ITorrentLedger
/// @notice The torrent part (BlockTorrent, Hill et al.): the on-chain record of files that
/// a member stored encrypted on other members' nodes, of the key shares that let an auditor
/// rebuild them after a consortium vote without the owner, and of who failed to help.
/// Nothing secret is stored here: chunks, the master table and the shares live off chain,
/// encrypted; the chain holds CIDs, hashes, a key commitment and the Merkle root of shares.
/// @dev Lifecycle of a file (fileId = 32 random bytes chosen by its owner):
/// 1. `announceFile` by the owner (a MEMBER): the placement member list (every member but
///    the owner, ascending by address) and, per chunk owner, the CID of its assignment
///    envelope (encrypted to it off chain). Chunk owners are derived off chain by the
///    three-hash placement over that list; the contract records who was assigned.
/// 2. `acknowledgeChunks` by each assigned chunk owner once it pinned its chunks; the CID
///    points at the signed per-chunk receipts, encrypted to the file owner.
/// 3. `registerFile` by the owner once every assigned owner acknowledged: master table CID
///    and keccak256, SHA-256 of the whole plaintext, key commitment, Merkle root over
///    (fileId, share index, holder, keccak256(share)) leaves, threshold k and the n holders
///    with their share envelope CIDs (share i belongs to holders[i-1]).
/// 4. `acknowledgeShare` by each holder once its share verified under the root and is kept.
/// Audit: `requestAudit` by an AUDITOR opens a MEMBER ballot; once executed the audit is
/// approved and each holder may `releaseShare` (proof checked against the root) until the
/// release deadline; `recordMissedReleases` then records every holder that did not.
/// `reportUnservedChunk` lets the auditor record a chunk owner that did not serve.
/// Deposits: members `stake`; a MEMBER ballot on `proposePenalty` moves up to `amount` of
/// the offender's deposit to a beneficiary's credit (pull payment, `withdrawCredit`).
/// A deposit can be withdrawn `unstakeDelay` after `requestUnstake`, and only when no
/// penalty proposal against the account can still be executed.
interface ITorrentLedger is IBallotTarget {
    enum FileStatus {
        None,
        Announced,
        Registered
    }

    /// @notice Ballot and timing parameters, fixed at deployment.
    struct TorrentSettings {
        uint16 quorumBps; // 1..10_000, fraction of MEMBERs whose "for" votes approve an audit or a penalty
        uint64 votingPeriod; // seconds, > 0
        uint64 executionWindow; // seconds after the vote during which a success can be executed, > 0
        uint64 releasePeriod; // seconds holders have to release their shares after approval, > 0
        uint64 unstakeDelay; // seconds between requestUnstake and withdrawStake, > 0
    }

    /// @notice What the owner registers once the chunks are acknowledged.
    struct Registration {
        bytes32 fileHash; // SHA-256 of the whole plaintext file
        bytes32 masterTableHash; // keccak256 of the exact bytes of the encrypted master table
        string masterTableCid;
        bytes32 keyCommitment; // keccak256(abi.encode("SealedChain.torrent.key-commitment.v1", fileId, key))
        bytes32 shareRoot; // OpenZeppelin StandardMerkleTree root, leaf types (bytes32,uint256,address,bytes32)
        uint16 threshold; // k, 1..holders.length
        address[] holders; // n distinct MEMBERs other than the owner, n <= 255
        string[] shareCids; // envelope of share i+1, encrypted to holders[i]
    }

    /// @notice A file as stored.
    struct FileRecord {
        address owner;
        FileStatus status;
        uint32 chunkCount;
        uint64 announcedAt;
        uint64 registeredAt;
        uint16 threshold;
        uint16 shareCount;
        bytes32 fileHash;
        bytes32 masterTableHash;
        bytes32 keyCommitment;
        bytes32 shareRoot;
        string masterTableCid;
    }

    /// @notice An audit as stored.
    struct Audit {
        bytes32 fileId;
        address auditor;
        uint256 proposalId;
        uint64 requestedAt;
        uint64 approvedAt; // 0 until the ballot is executed
        uint64 releaseDeadline; // approvedAt + releasePeriod; 0 until approved
        uint16 releasedCount;
        bool missedReleasesRecorded;
    }

    /// @notice A penalty proposal as stored.
    struct Penalty {
        address offender;
        address beneficiary;
        uint256 amount;
        bool executed;
    }

    event FileAnnounced(bytes32 indexed fileId, address indexed owner, uint32 chunkCount, address[] placementMembers);
    event ChunksAssigned(bytes32 indexed fileId, address indexed chunkOwner, string assignmentCid);
    event ChunksAcknowledged(bytes32 indexed fileId, address indexed chunkOwner, uint32 chunkCount, string receiptsCid);
    event FileRegistered(
        bytes32 indexed fileId,
        address indexed owner,
        bytes32 fileHash,
        string masterTableCid,
        bytes32 masterTableHash,
        bytes32 keyCommitment,
        bytes32 shareRoot,
        uint16 threshold,
        uint16 shareCount
    );
    event ShareAssigned(bytes32 indexed fileId, uint16 indexed index, address indexed holder, string shareCid);
    event ShareAcknowledged(bytes32 indexed fileId, uint16 indexed index, address indexed holder);
    event AuditRequested(uint256 indexed auditId, bytes32 indexed fileId, address indexed auditor, uint256 proposalId, string reason);
    event AuditApproved(uint256 indexed auditId, bytes32 indexed fileId, address indexed auditor, uint64 releaseDeadline);
    event ShareReleased(
        uint256 indexed auditId,
        bytes32 indexed fileId,
        uint16 indexed index,
        address holder,
        bytes32 shareHash,
        string releasedCid
    );
    event ShareReleaseMissed(uint256 indexed auditId, bytes32 indexed fileId, uint16 indexed index, address holder);
    event ChunkNotServed(uint256 indexed auditId, bytes32 indexed fileId, uint32 indexed chunkIndex, address chunkOwner, string evidence);
    event Staked(address indexed account, uint256 amount, uint256 deposit);
    event UnstakeRequested(address indexed account, uint256 amount, uint64 availableAt);
    event StakeWithdrawn(address indexed account, uint256 amount, uint256 deposit);
    event PenaltyProposed(uint256 indexed proposalId, address indexed offender, address indexed beneficiary, uint256 amount, string reason);
    event PenaltyApplied(uint256 indexed proposalId, address indexed offender, address indexed beneficiary, uint256 amount);
    event CreditWithdrawn(address indexed account, uint256 amount);

    error TorrentNotMember(address account);
    error TorrentNotAuditor(address account);
    error TorrentOnlyBallot(address caller);
    error TorrentInvalidSettings();
    error TorrentFileExists(bytes32 fileId);
    error TorrentUnknownFile(bytes32 fileId);
    error TorrentNotFileOwner(bytes32 fileId, address account);
    error TorrentUnexpectedFileStatus(bytes32 fileId, FileStatus current, FileStatus expected);
    error TorrentInvalidChunkCount(uint32 chunkCount);
    /// @notice The placement list is not every member but the owner in ascending order.
    error TorrentInvalidPlacementMembers();
    error TorrentInvalidAssignment(address chunkOwner);
    error TorrentLengthMismatch(uint256 expected, uint256 got);
    error TorrentEmptyCid();
    error TorrentNotChunkOwner(bytes32 fileId, address account);
    error TorrentAlreadyAcknowledged(bytes32 fileId, address chunkOwner);
    error TorrentMissingAcknowledgement(bytes32 fileId, address chunkOwner);
    error TorrentInvalidThreshold(uint16 threshold, uint256 shareCount);
    error TorrentInvalidHolder(address holder);
    error TorrentZeroHash();
    error TorrentShareAlreadyAcknowledged(bytes32 fileId, uint16 index);
    error TorrentUnknownAudit(uint256 auditId);
    error TorrentAuditNotApproved(uint256 auditId);
    error TorrentReleaseClosed(uint256 auditId, uint64 releaseDeadline);
    error TorrentReleaseStillOpen(uint256 auditId, uint64 releaseDeadline);
    error TorrentInvalidShareIndex(uint16 index, uint16 shareCount);
    error TorrentShareAlreadyReleased(uint256 auditId, uint16 index);
    error TorrentInvalidShareProof(bytes32 fileId, uint16 index, address holder);
    error TorrentMissedReleasesAlreadyRecorded(uint256 auditId);
    error TorrentNotAuditAuditor(uint256 auditId, address account);
    error TorrentInvalidChunkIndex(uint32 chunkIndex, uint32 chunkCount);
    error TorrentZeroAmount();
    /// @notice A penalty must credit someone: credit of the zero address could never be withdrawn.
    error TorrentZeroBeneficiary();
    error TorrentInsufficientDeposit(address account, uint256 deposit, uint256 amount);
    error TorrentNoUnstakeRequested(address account);
    error TorrentUnstakeNotDue(address account, uint64 availableAt);
    error TorrentStakeLocked(address account, uint64 lockedUntil);
    error TorrentUnknownProposal(uint256 proposalId);
    error TorrentNothingToWithdraw(address account);
    error TorrentTransferFailed(address to, uint256 amount);

    /// @notice Step 1: announces `fileId` with its chunk count, the placement list, and one
    /// assignment envelope per chunk owner. Only a MEMBER; chunk owners must be in the list.
    function announceFile(
        bytes32 fileId,
        uint32 chunkCount,
        address[] calldata placementMembers,
        address[] calldata chunkOwners,
        string[] calldata assignmentCids
    ) external;

    /// @notice Step 2: an assigned chunk owner confirms it holds its `chunkCount` chunks.
    function acknowledgeChunks(bytes32 fileId, uint32 chunkCount, string calldata receiptsCid) external;

    /// @notice Step 3: the owner registers the file once every chunk owner acknowledged.
    function registerFile(bytes32 fileId, Registration calldata registration) external;

    /// @notice A holder confirms it received share `index` and that it verifies under the
    /// root (proof of (fileId, index, msg.sender, shareHash)), and that it keeps it. The
    /// owner waits for these before going offline; a share that does not verify cannot be
    /// confirmed, which is visible on chain.
    function acknowledgeShare(bytes32 fileId, uint16 index, bytes32 shareHash, bytes32[] calldata proof) external;

    /// @notice Whether (fileId, index, holder, shareHash) is a leaf under the file's share root.
    function verifyShare(bytes32 fileId, uint16 index, address holder, bytes32 shareHash, bytes32[] calldata proof) external view returns (bool);

    /// @notice An AUDITOR asks for a registered file; opens a MEMBER ballot. Everyone sees the event.
    function requestAudit(bytes32 fileId, string calldata reason) external returns (uint256 auditId);

    /// @notice A holder releases its share, re-encrypted to the auditor (`releasedCid`),
    /// with the Merkle proof of (fileId, index, msg.sender, shareHash). Only while approved
    /// and `block.timestamp <= releaseDeadline`.
    function releaseShare(uint256 auditId, uint16 index, bytes32 shareHash, bytes32[] calldata proof, string calldata releasedCid) external;

    /// @notice After the release deadline, records (once) every holder that did not release.
    function recordMissedReleases(uint256 auditId) external;

    /// @notice The audit's auditor records a chunk owner of the file that did not serve a chunk.
    function reportUnservedChunk(uint256 auditId, uint32 chunkIndex, address chunkOwner, string calldata evidence) external;

    /// @notice Adds `msg.value` to the caller's deposit (MEMBERs only).
    function stake() external payable;

    /// @notice Starts the notice period for withdrawing `amount` of the caller's deposit.
    function requestUnstake(uint256 amount) external;

    /// @notice Pays out the requested amount once the notice has passed and no penalty can still hit.
    function withdrawStake() external;

    /// @notice A MEMBER proposes to move up to `amount` of `offender`'s deposit to `beneficiary`.
    function proposePenalty(address offender, uint256 amount, address beneficiary, string calldata reason) external returns (uint256 proposalId);

    /// @notice Pays out the caller's credited penalties.
    function withdrawCredit() external;

    function file(bytes32 fileId) external view returns (FileRecord memory);
    function chunkOwners(bytes32 fileId) external view returns (address[] memory);
    function isAcknowledged(bytes32 fileId, address chunkOwner) external view returns (bool);
    function holders(bytes32 fileId) external view returns (address[] memory);
    function audit(uint256 auditId) external view returns (Audit memory);
    function auditCount() external view returns (uint256);
    function isShareReleased(uint256 auditId, uint16 index) external view returns (bool);
    function isShareAcknowledged(bytes32 fileId, uint16 index) external view returns (bool);
    function penalty(uint256 proposalId) external view returns (Penalty memory);
    function deposit(address account) external view returns (uint256);
    function pendingUnstake(address account) external view returns (uint256 amount, uint64 availableAt);
    function stakeLockedUntil(address account) external view returns (uint64);
    function credit(address account) external view returns (uint256);
    function settings() external view returns (TorrentSettings memory);
}
