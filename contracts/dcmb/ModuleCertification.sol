// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {BallotClient} from "../governance/BallotClient.sol";
import {IBallot} from "../interfaces/IBallot.sol";
import {IBallotTarget} from "../interfaces/IBallotTarget.sol";
import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IModuleCertification} from "../interfaces/IModuleCertification.sol";

/// @title ModuleCertification
/// @notice The Module Certification Authority (Stodt & Reich, section 3.3) on the shared
/// ballot: MEMBERs propose module versions and revocations, VALIDATORs vote with their
/// validation-log CIDs as notes, the ballot's execution certifies or revokes; see
/// {IModuleCertification}.
contract ModuleCertification is IModuleCertification, BallotClient {
    bytes32 private constant _MEMBER_ROLE = keccak256("MEMBER");
    bytes32 private constant _VALIDATOR_ROLE = keccak256("VALIDATOR");

    /// @dev What an executed proposal does.
    enum ProposalKind {
        None,
        Certification,
        Revocation
    }

    /// @dev The version a proposal of this contract is about.
    struct ProposalTarget {
        ProposalKind kind;
        uint256 versionId;
    }

    CertificationSettings private _settings;

    uint256 private _versionCount;
    mapping(uint256 versionId => ModuleVersion) private _versions;
    mapping(bytes32 artifactHash => uint256 versionId) private _latestVersionOf;
    mapping(uint256 proposalId => ProposalTarget) private _targets;

    /// @param registry_ the consortium registry: MEMBER checks and the {IVoterDirectory} of
    /// every ballot (VALIDATORs vote).
    /// @param ballot_ the shared ballot; the only caller allowed into {onBallotExecuted}.
    /// @param settings_ ballot parameters (quorum 1..10_000 bps, each period 1 second .. 365 days).
    constructor(
        IConsortiumRegistry registry_,
        IBallot ballot_,
        CertificationSettings memory settings_
    ) BallotClient(registry_, ballot_) {
        if (!_validBallotSettings(settings_.quorumBps, settings_.votingPeriod, settings_.executionWindow)) revert CertInvalidSettings();
        _settings = settings_;
    }

    modifier onlyMember() {
        _checkMember(msg.sender);
        _;
    }

    /// @inheritdoc IModuleCertification
    function proposeModule(
        bytes32 moduleId,
        string calldata version,
        bytes32 sourceHash,
        bytes32 artifactHash,
        string calldata validationLogCid
    ) external onlyMember returns (uint256 versionId, uint256 proposalId) {
        if (moduleId == bytes32(0) || sourceHash == bytes32(0) || artifactHash == bytes32(0)) revert CertZeroHash();
        if (bytes(version).length == 0) revert CertEmptyField("version");
        if (bytes(validationLogCid).length == 0) revert CertEmptyField("validationLogCid");
        uint256 previous = _latestVersionOf[artifactHash];
        if (previous != 0 && _blocksReproposal(_versions[previous])) revert CertArtifactPending(artifactHash, previous);

        versionId = ++_versionCount;
        // The ballot is trusted (fixed at construction); it calls back only through
        // onBallotExecuted, in a later transaction.
        proposalId = _propose(keccak256(abi.encode("SealedChain.dcmb.certify", versionId, artifactHash)));
        ModuleVersion storage v = _versions[versionId];
        v.moduleId = moduleId;
        v.version = version;
        v.sourceHash = sourceHash;
        v.artifactHash = artifactHash;
        v.validationLogCid = validationLogCid;
        v.proposer = msg.sender;
        v.status = VersionStatus.Proposed;
        v.certificationProposalId = proposalId;
        _latestVersionOf[artifactHash] = versionId;
        _targets[proposalId] = ProposalTarget({kind: ProposalKind.Certification, versionId: versionId});
        emit ModuleProposed(versionId, moduleId, artifactHash, version, sourceHash, validationLogCid, msg.sender, proposalId);
    }

    /// @inheritdoc IModuleCertification
    function proposeRevocation(uint256 versionId, string calldata reason) external onlyMember returns (uint256 proposalId) {
        ModuleVersion storage v = _validateStatus(versionId, VersionStatus.Certified);
        uint256 open = v.revocationProposalId;
        if (open != 0 && _isOpen(open)) revert CertRevocationPending(versionId, open);

        proposalId = _propose(keccak256(abi.encode("SealedChain.dcmb.revoke", versionId, keccak256(bytes(reason)))));
        v.revocationProposalId = proposalId;
        _targets[proposalId] = ProposalTarget({kind: ProposalKind.Revocation, versionId: versionId});
        emit RevocationProposed(versionId, proposalId, msg.sender, reason);
    }

    /// @inheritdoc IBallotTarget
    /// @dev Only the ballot: certifies or revokes the version the proposal is about.
    function onBallotExecuted(uint256 proposalId) external onlyBallot {
        ProposalTarget memory t = _targets[proposalId];
        if (t.kind == ProposalKind.Certification) {
            ModuleVersion storage v = _validateStatus(t.versionId, VersionStatus.Proposed);
            v.status = VersionStatus.Certified;
            v.certifiedAt = uint64(block.timestamp);
            emit ModuleCertified(t.versionId, v.moduleId, v.artifactHash);
        } else if (t.kind == ProposalKind.Revocation) {
            ModuleVersion storage v = _validateStatus(t.versionId, VersionStatus.Certified);
            v.status = VersionStatus.Revoked;
            v.revokedAt = uint64(block.timestamp);
            emit ModuleRevoked(t.versionId, v.moduleId, v.artifactHash);
        } else {
            revert CertUnknownProposal(proposalId);
        }
    }

    /// @inheritdoc IModuleCertification
    function isCertified(bytes32 artifactHash) external view returns (bool) {
        uint256 versionId = _latestVersionOf[artifactHash];
        return versionId != 0 && _versions[versionId].status == VersionStatus.Certified;
    }

    /// @inheritdoc IModuleCertification
    function moduleVersion(uint256 versionId) external view returns (ModuleVersion memory) {
        return _existingVersion(versionId);
    }

    /// @inheritdoc IModuleCertification
    function versionOfArtifact(bytes32 artifactHash) external view returns (uint256) {
        return _latestVersionOf[artifactHash];
    }

    /// @inheritdoc IModuleCertification
    function versionCount() external view returns (uint256) {
        return _versionCount;
    }

    /// @inheritdoc IModuleCertification
    function settings() external view returns (CertificationSettings memory) {
        return _settings;
    }

    // ---------------------------------------------------------------- internals

    /// @dev Opens a VALIDATOR proposal on the shared ballot with this contract's settings.
    function _propose(bytes32 subject) private returns (uint256) {
        CertificationSettings memory s = _settings;
        return _proposeOnBallot(subject, _VALIDATOR_ROLE, s.quorumBps, s.votingPeriod, s.executionWindow);
    }

    function _revertNotBallot(address caller) internal pure override {
        revert CertOnlyBallot(caller);
    }

    /// @dev A certified version, or a proposed one whose vote can still lead to certification,
    /// keeps its artifact hash from being proposed again; defeated, expired and revoked do not.
    function _blocksReproposal(ModuleVersion storage v) private view returns (bool) {
        if (v.status == VersionStatus.Certified) return true;
        return v.status == VersionStatus.Proposed && _isOpen(v.certificationProposalId);
    }

    /// @dev Pending, Active or Succeeded: the proposal may still be executed.
    function _isOpen(uint256 proposalId) private view returns (bool) {
        IBallot.ProposalState s = _ballot.state(proposalId);
        return
            s == IBallot.ProposalState.Pending ||
            s == IBallot.ProposalState.Active ||
            s == IBallot.ProposalState.Succeeded;
    }

    function _existingVersion(uint256 versionId) private view returns (ModuleVersion storage v) {
        if (versionId == 0 || versionId > _versionCount) revert CertUnknownVersion(versionId);
        v = _versions[versionId];
    }

    function _validateStatus(uint256 versionId, VersionStatus expected) private view returns (ModuleVersion storage v) {
        v = _existingVersion(versionId);
        if (v.status != expected) revert CertUnexpectedStatus(versionId, v.status, expected);
    }

    function _checkMember(address account) private view {
        if (!_registry.hasRole(_MEMBER_ROLE, account)) revert CertNotMember(account);
    }
}
