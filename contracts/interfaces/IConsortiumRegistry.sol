// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {IAccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/IAccessControlEnumerable.sol";
import {IBallot} from "./IBallot.sol";
import {IBallotTarget} from "./IBallotTarget.sol";
import {IVoterDirectory} from "./IVoterDirectory.sol";

/// @title IConsortiumRegistry
/// @notice Who is in the SealedChain consortium and how to reach them: member organisations
/// (encryption public key, p2p peer id and multiaddrs, information-server URL), their roles
/// and their devices. There is no administrator: after deployment members are admitted and
/// removed, and roles granted and revoked, only by executed proposals on the shared
/// {IBallot}, voted by the members. The registry is the {IVoterDirectory} for every ballot
/// that needs members or role holders as voters.
/// @dev Roles are OpenZeppelin AccessControl roles, `keccak256("MEMBER")` and so on.
/// MEMBER_ROLE is held exactly by the active members; the six other roles are granted only
/// to members and all of them are revoked when a member is removed.
interface IConsortiumRegistry is IAccessControlEnumerable, IVoterDirectory, IBallotTarget {
    /// @notice What a member publishes about itself. Nothing here is secret.
    struct MemberProfile {
        string name; // organisation name, non-empty
        bytes encryptionKey; // secp256k1 public key: 33 bytes (0x02/0x03) or 65 bytes (0x04)
        string peerId; // libp2p peer id of the member's storage / p2p node
        string[] multiaddrs; // where that node listens
        string infoServerUrl; // traceability information server, may be empty
    }

    /// @notice A member as stored; removed members stay readable with `active == false`.
    struct Member {
        MemberProfile profile;
        uint64 joinedAt; // timestamp of the latest admission
        bool active;
    }

    /// @notice A founding member passed to the constructor.
    struct Founder {
        address account;
        MemberProfile profile;
        bytes32[] roles; // roles besides MEMBER_ROLE
    }

    /// @notice Parameters of every membership proposal this registry opens on the ballot.
    struct GovernanceSettings {
        uint16 quorumBps; // 1..10_000
        uint64 votingDelay; // seconds
        uint64 votingPeriod; // seconds, > 0
        uint64 executionWindow; // seconds, > 0
    }

    enum ActionKind {
        None,
        Admit,
        Remove,
        GrantRole,
        RevokeRole
    }

    /// @notice A membership change waiting for its ballot proposal to be executed.
    /// @dev `profile` is set only for Admit; `role` only for GrantRole / RevokeRole.
    struct PendingAction {
        ActionKind kind;
        address account;
        bytes32 role;
        address proposer;
        bool executed;
        MemberProfile profile;
    }

    enum DeviceStatus {
        None,
        Registered,
        Approved,
        Revoked
    }

    /// @notice A device (e.g. a sensor or smart lock) whose signed submissions count once approved.
    struct Device {
        address owner; // the member that registered it
        bytes32 metadataHash; // keccak256 of the off-chain device description
        DeviceStatus status;
    }

    /// @notice Emitted when a member opens a membership proposal on the ballot.
    /// @dev The ballot proposal's subject is
    /// `keccak256(abi.encode(kind, account, role, profileHash))` where `profileHash` is
    /// `keccak256(abi.encode(profile))` for Admit and zero otherwise.
    event MembershipProposed(
        uint256 indexed proposalId,
        ActionKind indexed kind,
        address indexed account,
        bytes32 role,
        address proposer
    );

    /// @notice Emitted when the registry applies an executed membership proposal.
    event MembershipActionExecuted(uint256 indexed proposalId, ActionKind indexed kind, address indexed account, bytes32 role);

    /// @notice Emitted when an account becomes a member; `proposalId` is 0 for founders.
    event MemberAdmitted(address indexed account, uint256 indexed proposalId, string name);

    /// @notice Emitted when a member is removed (after all its roles were revoked).
    event MemberRemoved(address indexed account, uint256 indexed proposalId);

    /// @notice Emitted when a member replaces its encryption public key.
    event EncryptionKeyRotated(address indexed member, bytes32 oldKeyHash, bytes newKey);

    /// @notice Emitted when a member changes its p2p peer id or multiaddrs.
    event EndpointsUpdated(address indexed member, string peerId, string[] multiaddrs);

    /// @notice Emitted when a member changes its information-server URL.
    event InfoServerUpdated(address indexed member, string url);

    /// @notice Emitted when a member registers a device.
    event DeviceRegistered(address indexed device, address indexed owner, bytes32 metadataHash);

    /// @notice Emitted when a regulator approves a registered device.
    event DeviceApproved(address indexed device, address indexed regulator);

    /// @notice Emitted when a device's owner or a regulator revokes it.
    event DeviceRevoked(address indexed device, address indexed revokedBy);

    error ConsortiumNotMember(address account);
    error ConsortiumAlreadyMember(address account);
    error ConsortiumZeroAddress();
    error ConsortiumNoFounders();
    error ConsortiumEmptyName();
    error ConsortiumInvalidEncryptionKey(bytes key);
    error ConsortiumInvalidGovernanceSettings();
    /// @dev `role` is not one of the six grantable roles; MEMBER_ROLE changes only by admission and removal.
    error ConsortiumUnknownRole(bytes32 role);
    error ConsortiumRoleAlreadyGranted(bytes32 role, address account);
    error ConsortiumRoleNotGranted(bytes32 role, address account);
    error ConsortiumOnlyBallot(address caller);
    error ConsortiumUnknownAction(uint256 proposalId);
    error ConsortiumActionAlreadyExecuted(uint256 proposalId);
    error ConsortiumLastMember(address account);
    /// @dev Raised by grantRole, revokeRole and renounceRole: roles change only through the ballot.
    error ConsortiumRolesAreGoverned();
    error ConsortiumDeviceAlreadyRegistered(address device);
    error ConsortiumUnknownDevice(address device);
    error ConsortiumUnexpectedDeviceStatus(address device, DeviceStatus current, DeviceStatus expected);
    error ConsortiumNotDeviceOwner(address device, address account);
    error ConsortiumNotRegulator(address account);

    /// @notice Role of every member organisation; the voters on membership proposals.
    function MEMBER_ROLE() external view returns (bytes32);
    /// @notice Sells encrypted comparison data (quality part).
    function SERVICER_ROLE() external view returns (bytes32);
    /// @notice May request file audits (torrent part).
    function AUDITOR_ROLE() external view returns (bytes32);
    /// @notice Verification node: approves devices, validates submissions and trace records.
    function REGULATOR_ROLE() external view returns (bytes32);
    /// @notice Votes on module certification (dcmb part).
    function VALIDATOR_ROLE() external view returns (bytes32);
    /// @notice Runs secure computation (points part).
    function MPC_ROLE() external view returns (bytes32);
    /// @notice Votes on escrow disputes.
    function ARBITER_ROLE() external view returns (bytes32);

    /// @notice Opens a ballot proposal to admit `account` with `profile`. Caller must be a member.
    function proposeMember(address account, MemberProfile memory profile) external returns (uint256 proposalId);

    /// @notice Opens a ballot proposal to remove member `account` and all its roles.
    function proposeRemoval(address account) external returns (uint256 proposalId);

    /// @notice Opens a ballot proposal to grant `role` to member `account`.
    function proposeRoleGrant(bytes32 role, address account) external returns (uint256 proposalId);

    /// @notice Opens a ballot proposal to revoke `role` from `account`.
    function proposeRoleRevoke(bytes32 role, address account) external returns (uint256 proposalId);

    /// @notice Replaces the caller's encryption public key.
    function rotateEncryptionKey(bytes calldata key) external;

    /// @notice Replaces the caller's peer id and multiaddrs.
    function updateEndpoints(string memory peerId, string[] memory multiaddrs) external;

    /// @notice Replaces the caller's information-server URL (empty to clear it).
    function updateInfoServer(string calldata url) external;

    /// @notice Registers `deviceAccount` as owned by the calling member.
    function registerDevice(address deviceAccount, bytes32 metadataHash) external;

    /// @notice Approves a registered device. Caller must hold REGULATOR_ROLE.
    function approveDevice(address deviceAccount) external;

    /// @notice Revokes a registered or approved device, for good. Caller must be its owner or a regulator.
    function revokeDevice(address deviceAccount) external;

    /// @notice True if `deviceAccount` is approved and its owner is still a member.
    function isDeviceApproved(address deviceAccount) external view returns (bool);

    /// @notice The stored device (status None if unknown).
    function device(address deviceAccount) external view returns (Device memory);

    /// @notice The stored member (active false and empty profile if never admitted).
    function member(address account) external view returns (Member memory);

    /// @notice True if `account` is a current member.
    function isMember(address account) external view returns (bool);

    /// @notice All current members, in no particular order.
    function members() external view returns (address[] memory);

    /// @notice The ballot on which membership proposals are voted.
    function ballot() external view returns (IBallot);

    /// @notice The settings used for every membership proposal.
    function governanceSettings() external view returns (GovernanceSettings memory);

    /// @notice The membership action behind ballot proposal `proposalId` (kind None if none).
    function pendingAction(uint256 proposalId) external view returns (PendingAction memory);

    /// @notice Sequence number of the grant by which `account` holds `role` (0 if it does not).
    function grantSequence(bytes32 role, address account) external view returns (uint256);
}
