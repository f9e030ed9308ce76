// SPDX-License-Identifier: MIT
pragma solidity ^0.8.28;

import {AccessControl, IAccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {AccessControlEnumerable} from "@openzeppelin/contracts/access/extensions/AccessControlEnumerable.sol";

import {IBallot} from "../interfaces/IBallot.sol";
import {IBallotTarget} from "../interfaces/IBallotTarget.sol";
import {IConsortiumRegistry} from "../interfaces/IConsortiumRegistry.sol";
import {IVoterDirectory} from "../interfaces/IVoterDirectory.sol";

/// @title ConsortiumRegistry
/// @notice Members, roles, endpoints, encryption keys and devices of the SealedChain
/// consortium. Membership and roles change only through executed ballot proposals.
/// @dev Nobody holds DEFAULT_ADMIN_ROLE and the public AccessControl mutators revert, so the
/// only paths to {_grantRole} / {_revokeRole} are the constructor (founders) and
/// {onBallotExecuted}. Every successful grant gets the next value of `_grantCount`, which
/// is what {IVoterDirectory} snapshots refer to.
contract ConsortiumRegistry is IConsortiumRegistry, AccessControlEnumerable {
    /// @inheritdoc IConsortiumRegistry
    bytes32 public constant MEMBER_ROLE = keccak256("MEMBER");
    /// @inheritdoc IConsortiumRegistry
    bytes32 public constant SERVICER_ROLE = keccak256("SERVICER");
    /// @inheritdoc IConsortiumRegistry
    bytes32 public constant AUDITOR_ROLE = keccak256("AUDITOR");
    /// @inheritdoc IConsortiumRegistry
    bytes32 public constant REGULATOR_ROLE = keccak256("REGULATOR");
    /// @inheritdoc IConsortiumRegistry
    bytes32 public constant VALIDATOR_ROLE = keccak256("VALIDATOR");
    /// @inheritdoc IConsortiumRegistry
    bytes32 public constant MPC_ROLE = keccak256("MPC");
    /// @inheritdoc IConsortiumRegistry
    bytes32 public constant ARBITER_ROLE = keccak256("ARBITER");

    uint16 private constant _MAX_BPS = 10_000;

    IBallot private immutable _ballot;
    GovernanceSettings private _settings;

    uint256 private _grantCount;
    mapping(bytes32 role => mapping(address account => uint256 sequence)) private _grantSequence;
    mapping(address account => Member) private _members;
    mapping(uint256 proposalId => PendingAction) private _actions;
    mapping(address deviceAccount => Device) private _devices;

    modifier onlyMember() {
        _checkMember(msg.sender);
        _;
    }

    constructor(IBallot ballot_, Founder[] memory founders, GovernanceSettings memory settings) {
        if (address(ballot_) == address(0)) revert ConsortiumZeroAddress();
        if (
            settings.quorumBps == 0 ||
            settings.quorumBps > _MAX_BPS ||
            settings.votingPeriod == 0 ||
            settings.executionWindow == 0
        ) revert ConsortiumInvalidGovernanceSettings();
        if (founders.length == 0) revert ConsortiumNoFounders();

        _ballot = ballot_;
        _settings = settings;
        for (uint256 i = 0; i < founders.length; ++i) {
            Founder memory founder = founders[i];
            _checkAdmissible(founder.account);
            _validateProfile(founder.profile);
            _admit(founder.account, founder.profile, 0);
            for (uint256 j = 0; j < founder.roles.length; ++j) {
                _checkGrantableRole(founder.roles[j]);
                _grantRole(founder.roles[j], founder.account);
            }
        }
    }

    // ---------------------------------------------------------------- proposals

    /// @inheritdoc IConsortiumRegistry
    function proposeMember(
        address account,
        MemberProfile memory profile
    ) external onlyMember returns (uint256 proposalId) {
        _checkAdmissible(account);
        _validateProfile(profile);
        proposalId = _open(ActionKind.Admit, account, bytes32(0), keccak256(abi.encode(profile)));
        _actions[proposalId].profile = profile;
    }

    /// @inheritdoc IConsortiumRegistry
    function proposeRemoval(address account) external onlyMember returns (uint256 proposalId) {
        _checkRemovable(account);
        proposalId = _open(ActionKind.Remove, account, bytes32(0), bytes32(0));
    }

    /// @inheritdoc IConsortiumRegistry
    function proposeRoleGrant(bytes32 role, address account) external onlyMember returns (uint256 proposalId) {
        _checkCanGrant(role, account);
        proposalId = _open(ActionKind.GrantRole, account, role, bytes32(0));
    }

    /// @inheritdoc IConsortiumRegistry
    function proposeRoleRevoke(bytes32 role, address account) external onlyMember returns (uint256 proposalId) {
        _checkCanRevoke(role, account);
        proposalId = _open(ActionKind.RevokeRole, account, role, bytes32(0));
    }

    /// @inheritdoc IBallotTarget
    /// @dev Re-validates the action: the state may have changed since it was proposed (for
    /// example two admissions of the same account). A failed check reverts the whole
    /// execution, so the proposal stays Succeeded until it expires.
    function onBallotExecuted(uint256 proposalId) external {
        if (msg.sender != address(_ballot)) revert ConsortiumOnlyBallot(msg.sender);
        PendingAction storage action = _actions[proposalId];
        if (action.kind == ActionKind.None) revert ConsortiumUnknownAction(proposalId);
        if (action.executed) revert ConsortiumActionAlreadyExecuted(proposalId);
        action.executed = true;

        ActionKind kind = action.kind;
        address account = action.account;
        bytes32 role = action.role;
        if (kind == ActionKind.Admit) {
            _checkAdmissible(account);
            _admit(account, action.profile, proposalId);
        } else if (kind == ActionKind.Remove) {
            _checkRemovable(account);
            _remove(account, proposalId);
        } else if (kind == ActionKind.GrantRole) {
            _checkCanGrant(role, account);
            _grantRole(role, account);
        } else {
            _checkCanRevoke(role, account);
            _revokeRole(role, account);
        }
        emit MembershipActionExecuted(proposalId, kind, account, role);
    }

    // ---------------------------------------------------------------- self-service

    /// @inheritdoc IConsortiumRegistry
    function rotateEncryptionKey(bytes calldata key) external onlyMember {
        _validateEncryptionKey(key);
        MemberProfile storage profile = _members[msg.sender].profile;
        bytes32 oldKeyHash = keccak256(profile.encryptionKey);
        profile.encryptionKey = key;
        emit EncryptionKeyRotated(msg.sender, oldKeyHash, key);
    }

    /// @inheritdoc IConsortiumRegistry
    function updateEndpoints(string memory peerId, string[] memory multiaddrs) external onlyMember {
        MemberProfile storage profile = _members[msg.sender].profile;
        profile.peerId = peerId;
        profile.multiaddrs = multiaddrs;
        emit EndpointsUpdated(msg.sender, peerId, multiaddrs);
    }

    /// @inheritdoc IConsortiumRegistry
    function updateInfoServer(string calldata url) external onlyMember {
        _members[msg.sender].profile.infoServerUrl = url;
        emit InfoServerUpdated(msg.sender, url);
    }

    // ---------------------------------------------------------------- devices

    /// @inheritdoc IConsortiumRegistry
    function registerDevice(address deviceAccount, bytes32 metadataHash) external onlyMember {
        if (deviceAccount == address(0)) revert ConsortiumZeroAddress();
        Device storage d = _devices[deviceAccount];
        if (d.status != DeviceStatus.None) revert ConsortiumDeviceAlreadyRegistered(deviceAccount);
        d.owner = msg.sender;
        d.metadataHash = metadataHash;
        d.status = DeviceStatus.Registered;
        emit DeviceRegistered(deviceAccount, msg.sender, metadataHash);
    }

    /// @inheritdoc IConsortiumRegistry
    function approveDevice(address deviceAccount) external {
        if (!hasRole(REGULATOR_ROLE, msg.sender)) revert ConsortiumNotRegulator(msg.sender);
        Device storage d = _existingDevice(deviceAccount);
        if (d.status != DeviceStatus.Registered) {
            revert ConsortiumUnexpectedDeviceStatus(deviceAccount, d.status, DeviceStatus.Registered);
        }
        d.status = DeviceStatus.Approved;
        emit DeviceApproved(deviceAccount, msg.sender);
    }

    /// @inheritdoc IConsortiumRegistry
    function revokeDevice(address deviceAccount) external {
        Device storage d = _existingDevice(deviceAccount);
        if (msg.sender != d.owner && !hasRole(REGULATOR_ROLE, msg.sender)) {
            revert ConsortiumNotDeviceOwner(deviceAccount, msg.sender);
        }
        if (d.status == DeviceStatus.Revoked) {
            revert ConsortiumUnexpectedDeviceStatus(deviceAccount, d.status, DeviceStatus.Approved);
        }
        d.status = DeviceStatus.Revoked;
        emit DeviceRevoked(deviceAccount, msg.sender);
    }

    // ---------------------------------------------------------------- governed roles

    /// @notice Always reverts: roles change only through executed ballot proposals.
    function grantRole(bytes32, address) public pure override(AccessControl, IAccessControl) {
        revert ConsortiumRolesAreGoverned();
    }

    /// @notice Always reverts: roles change only through executed ballot proposals.
    function revokeRole(bytes32, address) public pure override(AccessControl, IAccessControl) {
        revert ConsortiumRolesAreGoverned();
    }

    /// @notice Always reverts: a member leaves, or drops a role, through a ballot proposal.
    function renounceRole(bytes32, address) public pure override(AccessControl, IAccessControl) {
        revert ConsortiumRolesAreGoverned();
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IVoterDirectory
    function voterSnapshot(bytes32 role) external view returns (uint256 count, uint256 sequence) {
        return (getRoleMemberCount(role), _grantCount);
    }

    /// @inheritdoc IVoterDirectory
    function isVoter(bytes32 role, address account, uint256 sequence) external view returns (bool) {
        return hasRole(role, account) && _grantSequence[role][account] <= sequence;
    }

    /// @inheritdoc IConsortiumRegistry
    function isDeviceApproved(address deviceAccount) external view returns (bool) {
        Device storage d = _devices[deviceAccount];
        return d.status == DeviceStatus.Approved && hasRole(MEMBER_ROLE, d.owner);
    }

    /// @inheritdoc IConsortiumRegistry
    function device(address deviceAccount) external view returns (Device memory) {
        return _devices[deviceAccount];
    }

    /// @inheritdoc IConsortiumRegistry
    function member(address account) external view returns (Member memory) {
        return _members[account];
    }

    /// @inheritdoc IConsortiumRegistry
    function isMember(address account) external view returns (bool) {
        return hasRole(MEMBER_ROLE, account);
    }

    /// @inheritdoc IConsortiumRegistry
    function members() external view returns (address[] memory) {
        return getRoleMembers(MEMBER_ROLE);
    }

    /// @inheritdoc IConsortiumRegistry
    function ballot() external view returns (IBallot) {
        return _ballot;
    }

    /// @inheritdoc IConsortiumRegistry
    function governanceSettings() external view returns (GovernanceSettings memory) {
        return _settings;
    }

    /// @inheritdoc IConsortiumRegistry
    function pendingAction(uint256 proposalId) external view returns (PendingAction memory) {
        return _actions[proposalId];
    }

    /// @inheritdoc IConsortiumRegistry
    function grantSequence(bytes32 role, address account) external view returns (uint256) {
        return _grantSequence[role][account];
    }

    /// @inheritdoc AccessControlEnumerable
    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return
            interfaceId == type(IConsortiumRegistry).interfaceId ||
            interfaceId == type(IVoterDirectory).interfaceId ||
            interfaceId == type(IBallotTarget).interfaceId ||
            super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Records the grant's sequence number for voter snapshots.
    function _grantRole(bytes32 role, address account) internal override returns (bool granted) {
        granted = super._grantRole(role, account);
        if (granted) _grantSequence[role][account] = ++_grantCount;
    }

    function _revokeRole(bytes32 role, address account) internal override returns (bool revoked) {
        revoked = super._revokeRole(role, account);
        if (revoked) delete _grantSequence[role][account];
    }

    function _open(
        ActionKind kind,
        address account,
        bytes32 role,
        bytes32 profileHash
    ) private returns (uint256 proposalId) {
        GovernanceSettings memory s = _settings;
        proposalId = _ballot.propose(
            IBallot.ProposalParams({
                subject: keccak256(abi.encode(kind, account, role, profileHash)),
                directory: this,
                voterRole: MEMBER_ROLE,
                quorumBps: s.quorumBps,
                votingDelay: s.votingDelay,
                votingPeriod: s.votingPeriod,
                executionWindow: s.executionWindow
            })
        );
        PendingAction storage action = _actions[proposalId];
        action.kind = kind;
        action.account = account;
        action.role = role;
        action.proposer = msg.sender;
        emit MembershipProposed(proposalId, kind, account, role, msg.sender);
    }

    function _admit(address account, MemberProfile memory profile, uint256 proposalId) private {
        Member storage m = _members[account];
        m.profile = profile;
        m.joinedAt = uint64(block.timestamp);
        m.active = true;
        _grantRole(MEMBER_ROLE, account);
        emit MemberAdmitted(account, proposalId, profile.name);
    }

    /// @dev Revokes the extra roles first and MEMBER_ROLE last.
    function _remove(address account, uint256 proposalId) private {
        bytes32[6] memory extra = _grantableRoles();
        for (uint256 i = 0; i < extra.length; ++i) {
            _revokeRole(extra[i], account);
        }
        _revokeRole(MEMBER_ROLE, account);
        _members[account].active = false;
        emit MemberRemoved(account, proposalId);
    }

    function _existingDevice(address deviceAccount) private view returns (Device storage d) {
        d = _devices[deviceAccount];
        if (d.status == DeviceStatus.None) revert ConsortiumUnknownDevice(deviceAccount);
    }

    function _checkMember(address account) private view {
        if (!hasRole(MEMBER_ROLE, account)) revert ConsortiumNotMember(account);
    }

    function _checkAdmissible(address account) private view {
        if (account == address(0)) revert ConsortiumZeroAddress();
        if (hasRole(MEMBER_ROLE, account)) revert ConsortiumAlreadyMember(account);
    }

    function _checkRemovable(address account) private view {
        _checkMember(account);
        if (getRoleMemberCount(MEMBER_ROLE) == 1) revert ConsortiumLastMember(account);
    }

    function _checkCanGrant(bytes32 role, address account) private view {
        _checkGrantableRole(role);
        _checkMember(account);
        if (hasRole(role, account)) revert ConsortiumRoleAlreadyGranted(role, account);
    }

    function _checkCanRevoke(bytes32 role, address account) private view {
        _checkGrantableRole(role);
        if (!hasRole(role, account)) revert ConsortiumRoleNotGranted(role, account);
    }

    function _checkGrantableRole(bytes32 role) private pure {
        bytes32[6] memory roles = _grantableRoles();
        for (uint256 i = 0; i < roles.length; ++i) {
            if (roles[i] == role) return;
        }
        revert ConsortiumUnknownRole(role);
    }

    function _grantableRoles() private pure returns (bytes32[6] memory) {
        return [SERVICER_ROLE, AUDITOR_ROLE, REGULATOR_ROLE, VALIDATOR_ROLE, MPC_ROLE, ARBITER_ROLE];
    }

    function _validateProfile(MemberProfile memory profile) private pure {
        if (bytes(profile.name).length == 0) revert ConsortiumEmptyName();
        _validateEncryptionKey(profile.encryptionKey);
    }

    /// @dev Checks the SEC 1 encoding only (length and prefix), not that the point is on the curve.
    function _validateEncryptionKey(bytes memory key) private pure {
        bool compressed = key.length == 33 && (key[0] == 0x02 || key[0] == 0x03);
        bool uncompressed = key.length == 65 && key[0] == 0x04;
        if (!compressed && !uncompressed) revert ConsortiumInvalidEncryptionKey(key);
    }
}
