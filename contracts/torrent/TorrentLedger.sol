// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";

import {BallotClient} from "../governance/BallotClient.sol";
import {IBallot} from "../interfaces/IBallot.sol";
import {IBallotTarget} from "../interfaces/IBallotTarget.sol";
import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {ITorrentLedger} from "../interfaces/ITorrentLedger.sol";

/// @title TorrentLedger
/// @notice Files stored encrypted on other members' nodes, their chunk acknowledgements,
/// the Merkle root of their key shares, ballot-approved audits, share releases and member
/// deposits that a ballot can slash. References and commitments only; see {ITorrentLedger}.
contract TorrentLedger is ITorrentLedger, BallotClient, ReentrancyGuardTransient {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    bytes32 private constant _AUDITOR_ROLE = keccak256("AUDITOR");
    uint32 private constant _MAX_CHUNK_COUNT = 100_000;
    uint256 private constant _MAX_HOLDERS = 255;

    /// @dev A requested withdrawal of (part of) a deposit.
    struct UnstakeRequest {
        uint256 amount;
        uint64 availableAt;
    }

    TorrentSettings private _settings;

    mapping(bytes32 fileId => FileRecord) private _files;
    mapping(bytes32 fileId => address[]) private _chunkOwners;
    mapping(bytes32 fileId => mapping(address chunkOwner => bool)) private _assigned;
    mapping(bytes32 fileId => mapping(address chunkOwner => bool)) private _acknowledged;
    mapping(bytes32 fileId => address[]) private _holders;

    uint256 private _auditCount;
    mapping(uint256 auditId => Audit) private _audits;
    mapping(uint256 auditId => mapping(uint16 index => bool)) private _released;
    mapping(bytes32 fileId => mapping(uint16 index => bool)) private _shareAcknowledged;
    mapping(uint256 proposalId => uint256 auditId) private _auditOfProposal;
    mapping(uint256 proposalId => Penalty) private _penalties;

    mapping(address account => uint256) private _deposits;
    mapping(address account => UnstakeRequest) private _unstakes;
    mapping(address account => uint64) private _stakeLockedUntil;
    mapping(address account => uint256) private _credits;

    /// @param registry_ the consortium registry: MEMBER and AUDITOR checks via `hasRole`,
    /// the member list for placement checks, and the {IVoterDirectory} of every ballot.
    /// @param ballot_ the shared ballot; the only caller allowed into {onBallotExecuted}.
    /// @param settings_ ballot and timing parameters (each period 1 second .. 365 days).
    constructor(
        IConsortiumRegistry registry_,
        IBallot ballot_,
        TorrentSettings memory settings_
    ) BallotClient(registry_, ballot_) {
        if (
            !_validBallotSettings(settings_.quorumBps, settings_.votingPeriod, settings_.executionWindow) ||
            !_validPeriod(settings_.releasePeriod) ||
            !_validPeriod(settings_.unstakeDelay)
        ) {
            revert TorrentInvalidSettings();
        }
        _settings = settings_;
    }

    modifier onlyMember() {
        _checkMember(msg.sender);
        _;
    }

    // ---------------------------------------------------------------- files

    /// @inheritdoc ITorrentLedger
    function announceFile(
        bytes32 fileId,
        uint32 chunkCount,
        address[] calldata placementMembers,
        address[] calldata chunkOwners_,
        string[] calldata assignmentCids
    ) external onlyMember {
        address owner = msg.sender;
        if (_files[fileId].status != FileStatus.None) revert TorrentFileExists(fileId);
        if (chunkCount == 0 || chunkCount > _MAX_CHUNK_COUNT) revert TorrentInvalidChunkCount(chunkCount);
        _checkPlacementMembers(owner, placementMembers);
        if (chunkOwners_.length != assignmentCids.length) {
            revert TorrentLengthMismatch(chunkOwners_.length, assignmentCids.length);
        }
        // Distinct members other than the owner are at most placementMembers.length.
        if (chunkOwners_.length == 0) revert TorrentInvalidAssignment(address(0));

        FileRecord storage f = _files[fileId];
        f.owner = owner;
        f.status = FileStatus.Announced;
        f.chunkCount = chunkCount;
        f.announcedAt = uint64(block.timestamp);
        mapping(address => bool) storage assigned = _assigned[fileId];
        for (uint256 i = 0; i < chunkOwners_.length; ++i) {
            address chunkOwner = chunkOwners_[i];
            // The assigned flag doubles as the duplicate check.
            if (chunkOwner == owner || assigned[chunkOwner] || !_isMember(chunkOwner)) {
                revert TorrentInvalidAssignment(chunkOwner);
            }
            if (bytes(assignmentCids[i]).length == 0) revert TorrentEmptyCid();
            assigned[chunkOwner] = true;
        }
        _chunkOwners[fileId] = chunkOwners_;

        emit FileAnnounced(fileId, owner, chunkCount, placementMembers);
        for (uint256 i = 0; i < chunkOwners_.length; ++i) {
            emit ChunksAssigned(fileId, chunkOwners_[i], assignmentCids[i]);
        }
    }

    /// @inheritdoc ITorrentLedger
    function acknowledgeChunks(bytes32 fileId, uint32 chunkCount, string calldata receiptsCid) external {
        FileRecord storage f = _validateStatus(fileId, FileStatus.Announced);
        address chunkOwner = msg.sender;
        if (!_assigned[fileId][chunkOwner]) revert TorrentNotChunkOwner(fileId, chunkOwner);
        if (_acknowledged[fileId][chunkOwner]) revert TorrentAlreadyAcknowledged(fileId, chunkOwner);
        if (bytes(receiptsCid).length == 0) revert TorrentEmptyCid();
        if (chunkCount == 0 || chunkCount > f.chunkCount) revert TorrentInvalidChunkCount(chunkCount);

        _acknowledged[fileId][chunkOwner] = true;
        emit ChunksAcknowledged(fileId, chunkOwner, chunkCount, receiptsCid);
    }

    /// @inheritdoc ITorrentLedger
    function registerFile(bytes32 fileId, Registration calldata registration) external {
        FileRecord storage f = _validateStatus(fileId, FileStatus.Announced);
        address owner = f.owner;
        if (msg.sender != owner) revert TorrentNotFileOwner(fileId, msg.sender);
        address[] storage owners = _chunkOwners[fileId];
        for (uint256 i = 0; i < owners.length; ++i) {
            if (!_acknowledged[fileId][owners[i]]) revert TorrentMissingAcknowledgement(fileId, owners[i]);
        }
        _checkRegistration(owner, registration);

        uint16 shareCount = uint16(registration.holders.length); // <= 255, checked above
        f.status = FileStatus.Registered;
        f.registeredAt = uint64(block.timestamp);
        f.threshold = registration.threshold;
        f.shareCount = shareCount;
        f.fileHash = registration.fileHash;
        f.masterTableHash = registration.masterTableHash;
        f.keyCommitment = registration.keyCommitment;
        f.shareRoot = registration.shareRoot;
        f.masterTableCid = registration.masterTableCid;
        _holders[fileId] = registration.holders;

        emit FileRegistered(
            fileId,
            owner,
            registration.fileHash,
            registration.masterTableCid,
            registration.masterTableHash,
            registration.keyCommitment,
            registration.shareRoot,
            registration.threshold,
            shareCount
        );
        for (uint256 i = 0; i < shareCount; ++i) {
            emit ShareAssigned(fileId, uint16(i + 1), registration.holders[i], registration.shareCids[i]);
        }
    }

    /// @inheritdoc ITorrentLedger
    function acknowledgeShare(bytes32 fileId, uint16 index, bytes32 shareHash, bytes32[] calldata proof) external {
        FileRecord storage f = _validateStatus(fileId, FileStatus.Registered);
        if (index == 0 || index > f.shareCount) revert TorrentInvalidShareIndex(index, f.shareCount);
        if (_shareAcknowledged[fileId][index]) revert TorrentShareAlreadyAcknowledged(fileId, index);
        // The leaf names the holder, so only the holder of share `index` can confirm it.
        if (!MerkleProof.verifyCalldata(proof, f.shareRoot, _shareLeaf(fileId, index, msg.sender, shareHash))) {
            revert TorrentInvalidShareProof(fileId, index, msg.sender);
        }
        _shareAcknowledged[fileId][index] = true;
        emit ShareAcknowledged(fileId, index, msg.sender);
    }

    /// @inheritdoc ITorrentLedger
    function verifyShare(
        bytes32 fileId,
        uint16 index,
        address holder,
        bytes32 shareHash,
        bytes32[] calldata proof
    ) public view returns (bool) {
        FileRecord storage f = _files[fileId];
        if (f.status != FileStatus.Registered) return false;
        return MerkleProof.verifyCalldata(proof, f.shareRoot, _shareLeaf(fileId, index, holder, shareHash));
    }

    // ---------------------------------------------------------------- audits

    /// @inheritdoc ITorrentLedger
    function requestAudit(bytes32 fileId, string calldata reason) external returns (uint256 auditId) {
        address auditor = msg.sender;
        if (!_registry.hasRole(_AUDITOR_ROLE, auditor)) revert TorrentNotAuditor(auditor);
        _validateStatus(fileId, FileStatus.Registered);

        auditId = ++_auditCount;
        // The ballot is trusted (fixed at construction); it calls back only through
        // onBallotExecuted, in a later transaction.
        uint256 proposalId = _propose(keccak256(abi.encode("SealedChain.torrent.audit", auditId, fileId)));
        Audit storage a = _audits[auditId];
        a.fileId = fileId;
        a.auditor = auditor;
        a.proposalId = proposalId;
        a.requestedAt = uint64(block.timestamp);
        _auditOfProposal[proposalId] = auditId;
        emit AuditRequested(auditId, fileId, auditor, proposalId, reason);
    }

    /// @inheritdoc IBallotTarget
    /// @dev Only the ballot: approves an audit (opens the release period) or applies a penalty.
    function onBallotExecuted(uint256 proposalId) external onlyBallot {
        uint256 auditId = _auditOfProposal[proposalId];
        if (auditId != 0) {
            Audit storage a = _audits[auditId];
            uint64 releaseDeadline = uint64(block.timestamp) + _settings.releasePeriod;
            a.approvedAt = uint64(block.timestamp);
            a.releaseDeadline = releaseDeadline;
            emit AuditApproved(auditId, a.fileId, a.auditor, releaseDeadline);
            return;
        }
        Penalty storage p = _penalties[proposalId];
        if (p.offender == address(0)) revert TorrentUnknownProposal(proposalId);
        // The offender may have withdrawn part of its deposit before the proposal (the lock
        // only starts with it): take what is left, up to the amount voted on.
        uint256 available = _deposits[p.offender];
        uint256 slashed = p.amount < available ? p.amount : available;
        p.executed = true;
        _deposits[p.offender] = available - slashed;
        _credits[p.beneficiary] += slashed;
        emit PenaltyApplied(proposalId, p.offender, p.beneficiary, slashed);
    }

    /// @inheritdoc ITorrentLedger
    function releaseShare(
        uint256 auditId,
        uint16 index,
        bytes32 shareHash,
        bytes32[] calldata proof,
        string calldata releasedCid
    ) external {
        Audit storage a = _validateApproved(auditId);
        if (block.timestamp > a.releaseDeadline) revert TorrentReleaseClosed(auditId, a.releaseDeadline);
        bytes32 fileId = a.fileId;
        uint16 shareCount = _files[fileId].shareCount;
        if (index == 0 || index > shareCount) revert TorrentInvalidShareIndex(index, shareCount);
        if (_released[auditId][index]) revert TorrentShareAlreadyReleased(auditId, index);
        // The leaf names the holder, so only the holder of share `index` can release it.
        if (!verifyShare(fileId, index, msg.sender, shareHash, proof)) {
            revert TorrentInvalidShareProof(fileId, index, msg.sender);
        }
        if (bytes(releasedCid).length == 0) revert TorrentEmptyCid();

        _released[auditId][index] = true;
        ++a.releasedCount;
        emit ShareReleased(auditId, fileId, index, msg.sender, shareHash, releasedCid);
    }

    /// @inheritdoc ITorrentLedger
    function recordMissedReleases(uint256 auditId) external {
        Audit storage a = _validateApproved(auditId);
        if (block.timestamp <= a.releaseDeadline) revert TorrentReleaseStillOpen(auditId, a.releaseDeadline);
        if (a.missedReleasesRecorded) revert TorrentMissedReleasesAlreadyRecorded(auditId);

        a.missedReleasesRecorded = true;
        bytes32 fileId = a.fileId;
        address[] storage holders_ = _holders[fileId];
        for (uint256 i = 0; i < holders_.length; ++i) {
            uint16 index = uint16(i + 1);
            if (!_released[auditId][index]) emit ShareReleaseMissed(auditId, fileId, index, holders_[i]);
        }
    }

    /// @inheritdoc ITorrentLedger
    function reportUnservedChunk(uint256 auditId, uint32 chunkIndex, address chunkOwner, string calldata evidence) external {
        Audit storage a = _existingAudit(auditId);
        if (msg.sender != a.auditor) revert TorrentNotAuditAuditor(auditId, msg.sender);
        if (a.approvedAt == 0) revert TorrentAuditNotApproved(auditId);
        bytes32 fileId = a.fileId;
        uint32 chunkCount = _files[fileId].chunkCount;
        if (chunkIndex >= chunkCount) revert TorrentInvalidChunkIndex(chunkIndex, chunkCount);
        if (!_assigned[fileId][chunkOwner]) revert TorrentNotChunkOwner(fileId, chunkOwner);

        emit ChunkNotServed(auditId, fileId, chunkIndex, chunkOwner, evidence);
    }

    // ---------------------------------------------------------------- deposits

    /// @inheritdoc ITorrentLedger
    function stake() external payable onlyMember {
        if (msg.value == 0) revert TorrentZeroAmount();
        uint256 newDeposit = _deposits[msg.sender] + msg.value;
        _deposits[msg.sender] = newDeposit;
        emit Staked(msg.sender, msg.value, newDeposit);
    }

    /// @inheritdoc ITorrentLedger
    /// @dev Not restricted to members: a removed member must still get its deposit back.
    function requestUnstake(uint256 amount) external {
        address account = msg.sender;
        if (amount == 0) revert TorrentZeroAmount();
        uint256 current = _deposits[account];
        if (amount > current) revert TorrentInsufficientDeposit(account, current, amount);

        uint64 availableAt = uint64(block.timestamp) + _settings.unstakeDelay;
        _unstakes[account] = UnstakeRequest({amount: amount, availableAt: availableAt});
        emit UnstakeRequested(account, amount, availableAt);
    }

    /// @inheritdoc ITorrentLedger
    function withdrawStake() external nonReentrant {
        address account = msg.sender;
        UnstakeRequest memory request = _unstakes[account];
        if (request.amount == 0) revert TorrentNoUnstakeRequested(account);
        if (block.timestamp < request.availableAt) revert TorrentUnstakeNotDue(account, request.availableAt);
        uint64 lockedUntil = _stakeLockedUntil[account];
        if (block.timestamp <= lockedUntil) revert TorrentStakeLocked(account, lockedUntil);
        // A penalty may have reduced the deposit since the request.
        uint256 current = _deposits[account];
        uint256 amount = request.amount < current ? request.amount : current;
        if (amount == 0) revert TorrentNothingToWithdraw(account);

        // Checks-effects-interactions: deposit and request are updated before value moves.
        uint256 remaining = current - amount;
        _deposits[account] = remaining;
        delete _unstakes[account];
        emit StakeWithdrawn(account, amount, remaining);
        _pay(account, amount);
    }

    /// @inheritdoc ITorrentLedger
    function proposePenalty(
        address offender,
        uint256 amount,
        address beneficiary,
        string calldata reason
    ) external onlyMember returns (uint256 proposalId) {
        if (!_isMember(offender) && _deposits[offender] == 0) revert TorrentNotMember(offender);
        if (amount == 0) revert TorrentZeroAmount();
        if (beneficiary == address(0)) revert TorrentZeroBeneficiary();

        proposalId = _propose(
            keccak256(abi.encode("SealedChain.torrent.penalty", offender, amount, beneficiary, keccak256(bytes(reason))))
        );
        _penalties[proposalId] = Penalty({offender: offender, beneficiary: beneficiary, amount: amount, executed: false});
        // The deposit must stay until the proposal can no longer be executed.
        uint64 executeBy = _ballot.proposal(proposalId).executeBy;
        if (executeBy > _stakeLockedUntil[offender]) _stakeLockedUntil[offender] = executeBy;
        emit PenaltyProposed(proposalId, offender, beneficiary, amount, reason);
    }

    /// @inheritdoc ITorrentLedger
    function withdrawCredit() external nonReentrant {
        address account = msg.sender;
        uint256 amount = _credits[account];
        if (amount == 0) revert TorrentNothingToWithdraw(account);

        // Checks-effects-interactions: the credit is cleared before value moves.
        _credits[account] = 0;
        emit CreditWithdrawn(account, amount);
        _pay(account, amount);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc ITorrentLedger
    function file(bytes32 fileId) external view returns (FileRecord memory) {
        return _existingFile(fileId);
    }

    /// @inheritdoc ITorrentLedger
    function chunkOwners(bytes32 fileId) external view returns (address[] memory) {
        return _chunkOwners[fileId];
    }

    /// @inheritdoc ITorrentLedger
    function isAcknowledged(bytes32 fileId, address chunkOwner) external view returns (bool) {
        return _acknowledged[fileId][chunkOwner];
    }

    /// @inheritdoc ITorrentLedger
    function holders(bytes32 fileId) external view returns (address[] memory) {
        return _holders[fileId];
    }

    /// @inheritdoc ITorrentLedger
    function audit(uint256 auditId) external view returns (Audit memory) {
        return _existingAudit(auditId);
    }

    /// @inheritdoc ITorrentLedger
    function auditCount() external view returns (uint256) {
        return _auditCount;
    }

    /// @inheritdoc ITorrentLedger
    function isShareAcknowledged(bytes32 fileId, uint16 index) external view returns (bool) {
        return _shareAcknowledged[fileId][index];
    }

    /// @inheritdoc ITorrentLedger
    function isShareReleased(uint256 auditId, uint16 index) external view returns (bool) {
        return _released[auditId][index];
    }

    /// @inheritdoc ITorrentLedger
    function penalty(uint256 proposalId) external view returns (Penalty memory) {
        Penalty storage p = _penalties[proposalId];
        if (p.offender == address(0)) revert TorrentUnknownProposal(proposalId);
        return p;
    }

    /// @inheritdoc ITorrentLedger
    function deposit(address account) external view returns (uint256) {
        return _deposits[account];
    }

    /// @inheritdoc ITorrentLedger
    function pendingUnstake(address account) external view returns (uint256 amount, uint64 availableAt) {
        UnstakeRequest storage request = _unstakes[account];
        return (request.amount, request.availableAt);
    }

    /// @inheritdoc ITorrentLedger
    function stakeLockedUntil(address account) external view returns (uint64) {
        return _stakeLockedUntil[account];
    }

    /// @inheritdoc ITorrentLedger
    function credit(address account) external view returns (uint256) {
        return _credits[account];
    }

    /// @inheritdoc ITorrentLedger
    function settings() external view returns (TorrentSettings memory) {
        return _settings;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Opens a MEMBER proposal on the shared ballot with this ledger's settings.
    function _propose(bytes32 subject) private returns (uint256) {
        TorrentSettings memory s = _settings;
        return _proposeOnBallot(subject, _MEMBER_ROLE, s.quorumBps, s.votingPeriod, s.executionWindow);
    }

    /// @dev Sends native currency; the caller has already updated its books.
    function _pay(address to, uint256 amount) private {
        (bool ok, ) = payable(to).call{value: amount}("");
        if (!ok) revert TorrentTransferFailed(to, amount);
    }

    /// @dev The list must be every current member but `owner`, strictly ascending: with the
    /// length equal to members - 1, ascending (hence distinct) members other than the owner
    /// can only be exactly that set.
    function _checkPlacementMembers(address owner, address[] calldata placementMembers) private view {
        if (placementMembers.length != _registry.members().length - 1) revert TorrentInvalidPlacementMembers();
        address previous = address(0);
        for (uint256 i = 0; i < placementMembers.length; ++i) {
            address m = placementMembers[i];
            if (m <= previous || m == owner || !_isMember(m)) revert TorrentInvalidPlacementMembers();
            previous = m;
        }
    }

    function _checkRegistration(address owner, Registration calldata r) private view {
        if (
            r.fileHash == bytes32(0) ||
            r.masterTableHash == bytes32(0) ||
            r.keyCommitment == bytes32(0) ||
            r.shareRoot == bytes32(0)
        ) {
            revert TorrentZeroHash();
        }
        if (bytes(r.masterTableCid).length == 0) revert TorrentEmptyCid();
        uint256 n = r.holders.length;
        if (r.shareCids.length != n) revert TorrentLengthMismatch(n, r.shareCids.length);
        if (n == 0 || n > _MAX_HOLDERS || r.threshold == 0 || r.threshold > n) {
            revert TorrentInvalidThreshold(r.threshold, n);
        }
        for (uint256 i = 0; i < n; ++i) {
            address holder = r.holders[i];
            if (holder == owner || !_isMember(holder)) revert TorrentInvalidHolder(holder);
            // Quadratic, but n <= 255 and usually a handful.
            for (uint256 j = 0; j < i; ++j) {
                if (r.holders[j] == holder) revert TorrentInvalidHolder(holder);
            }
            if (bytes(r.shareCids[i]).length == 0) revert TorrentEmptyCid();
        }
    }

    /// @dev The StandardMerkleTree leaf of @openzeppelin/merkle-tree for the types
    /// (bytes32, uint256, address, bytes32): keccak256 of keccak256 of the ABI encoding
    /// (double hashing keeps a leaf from passing as an inner node).
    function _shareLeaf(bytes32 fileId, uint16 index, address holder, bytes32 shareHash) private pure returns (bytes32) {
        return keccak256(bytes.concat(keccak256(abi.encode(fileId, uint256(index), holder, shareHash))));
    }

    function _existingFile(bytes32 fileId) private view returns (FileRecord storage f) {
        f = _files[fileId];
        if (f.status == FileStatus.None) revert TorrentUnknownFile(fileId);
    }

    function _validateStatus(bytes32 fileId, FileStatus expected) private view returns (FileRecord storage f) {
        f = _existingFile(fileId);
        if (f.status != expected) revert TorrentUnexpectedFileStatus(fileId, f.status, expected);
    }

    function _existingAudit(uint256 auditId) private view returns (Audit storage a) {
        a = _audits[auditId];
        if (a.auditor == address(0)) revert TorrentUnknownAudit(auditId);
    }

    function _validateApproved(uint256 auditId) private view returns (Audit storage a) {
        a = _existingAudit(auditId);
        if (a.approvedAt == 0) revert TorrentAuditNotApproved(auditId);
    }

    function _isMember(address account) private view returns (bool) {
        return _registry.hasRole(_MEMBER_ROLE, account);
    }

    function _checkMember(address account) private view {
        if (!_isMember(account)) revert TorrentNotMember(account);
    }

    function _revertNotBallot(address caller) internal pure override {
        revert TorrentOnlyBallot(caller);
    }
}
