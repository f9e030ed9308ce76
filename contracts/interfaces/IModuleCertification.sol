// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IBallotTarget} from "./IBallotTarget.sol";

/// @title IModuleCertification
/// @notice The paper's Module Certification Authority (section 3.3) on the shared ballot: a
/// member proposes a version of a data module (e.g. the DCMB sender/receiver) with the hash of
/// its source, the hash of its artifact and the CID of the proposer's validation log; each
/// VALIDATOR rebuilds and validates it independently and votes on the ballot with its own log
/// CID as the vote note; the version is certified when the VALIDATOR ballot succeeds and is
/// executed. A certified version can be revoked by another VALIDATOR ballot. Modules check
/// `isCertified(artifactHash)` at start and refuse to run otherwise.
/// @dev A version is identified by versionId = 1, 2, 3, … ; an artifact hash can be proposed
/// again only after its previous proposal was defeated or expired (not while pending or
/// certified).
interface IModuleCertification is IBallotTarget {
    enum VersionStatus {
        None,
        Proposed, // certification vote open (or defeated/expired: see the ballot's state)
        Certified,
        Revoked
    }

    /// @notice Ballot parameters used for certification and revocation votes.
    struct CertificationSettings {
        uint16 quorumBps; // 1..10_000 of VALIDATORs
        uint64 votingPeriod; // seconds, > 0
        uint64 executionWindow; // seconds, > 0
    }

    /// @notice A module version as stored.
    struct ModuleVersion {
        bytes32 moduleId; // keccak256 of the module's name, e.g. keccak256("sealedchain.dcmb")
        string version; // e.g. "1.0.0"
        bytes32 sourceHash;
        bytes32 artifactHash;
        string validationLogCid; // the proposer's validation log
        address proposer;
        VersionStatus status;
        uint256 certificationProposalId;
        uint256 revocationProposalId; // 0 unless a revocation was proposed
        uint64 certifiedAt;
        uint64 revokedAt;
    }

    event ModuleProposed(
        uint256 indexed versionId,
        bytes32 indexed moduleId,
        bytes32 indexed artifactHash,
        string version,
        bytes32 sourceHash,
        string validationLogCid,
        address proposer,
        uint256 proposalId
    );
    event ModuleCertified(uint256 indexed versionId, bytes32 indexed moduleId, bytes32 indexed artifactHash);
    event RevocationProposed(uint256 indexed versionId, uint256 indexed proposalId, address proposer, string reason);
    event ModuleRevoked(uint256 indexed versionId, bytes32 indexed moduleId, bytes32 indexed artifactHash);

    error CertNotMember(address account);
    error CertOnlyBallot(address caller);
    error CertInvalidSettings();
    error CertZeroHash();
    error CertEmptyField(string field);
    error CertArtifactPending(bytes32 artifactHash, uint256 versionId);
    error CertUnknownVersion(uint256 versionId);
    error CertUnexpectedStatus(uint256 versionId, VersionStatus current, VersionStatus expected);
    error CertRevocationPending(uint256 versionId, uint256 proposalId);
    error CertUnknownProposal(uint256 proposalId);

    /// @notice A MEMBER proposes a module version; opens a VALIDATOR ballot.
    function proposeModule(
        bytes32 moduleId,
        string calldata version,
        bytes32 sourceHash,
        bytes32 artifactHash,
        string calldata validationLogCid
    ) external returns (uint256 versionId, uint256 proposalId);

    /// @notice A MEMBER proposes revoking a certified version; opens a VALIDATOR ballot.
    function proposeRevocation(uint256 versionId, string calldata reason) external returns (uint256 proposalId);

    /// @notice Whether a version with this artifact hash is certified and not revoked.
    function isCertified(bytes32 artifactHash) external view returns (bool);

    function moduleVersion(uint256 versionId) external view returns (ModuleVersion memory);
    /// @notice The latest version proposed with this artifact hash, 0 if none.
    function versionOfArtifact(bytes32 artifactHash) external view returns (uint256);
    function versionCount() external view returns (uint256);
    function settings() external view returns (CertificationSettings memory);
}
