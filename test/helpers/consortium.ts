import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { SigningKey, hexlify, id, randomBytes } from "ethers";

import ConsortiumModule from "../../ignition/modules/Consortium.js";
import type { Ballot, ConsortiumRegistry } from "../../types/ethers-contracts/index.js";

/** The roles a member can hold besides MEMBER. */
export type ExtraRoleName = "SERVICER" | "AUDITOR" | "REGULATOR" | "VALIDATOR" | "MPC" | "ARBITER";
export type RoleName = "MEMBER" | ExtraRoleName;

/** On-chain role id: keccak256 of the name, as in ConsortiumRegistry. */
export function roleId(name: RoleName): string {
  return id(name);
}

// Type aliases rather than interfaces so that they fit Ignition's parameter type.

/** The MemberProfile struct as ethers encodes it. */
export type MemberProfileInput = {
  name: string;
  encryptionKey: string;
  peerId: string;
  multiaddrs: string[];
  infoServerUrl: string;
};

/** The GovernanceSettings struct. */
export type GovernanceSettingsInput = {
  quorumBps: number;
  votingDelay: number;
  votingPeriod: number;
  executionWindow: number;
};

/** A member profile with a fresh secp256k1 encryption key pair (test use only). */
export interface TestProfile {
  profile: MemberProfileInput;
  encryptionKey: SigningKey;
}

/** Builds a valid profile for `name` with a random compressed encryption public key. */
export function makeProfile(name: string): TestProfile {
  const encryptionKey = new SigningKey(hexlify(randomBytes(32)));
  const tag = name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
  return {
    encryptionKey,
    profile: {
      name,
      encryptionKey: encryptionKey.compressedPublicKey,
      peerId: `12D3KooW${tag}`,
      multiaddrs: [`/ip4/127.0.0.1/tcp/0/p2p/12D3KooW${tag}`],
      infoServerUrl: `http://127.0.0.1/${tag}`,
    },
  };
}

export interface DeployConsortiumOptions {
  /** Number of founding members taken from the first signers; default 5. */
  founders?: number;
  quorumBps?: number;
  votingDelay?: number;
  votingPeriod?: number;
  executionWindow?: number;
  /** Extra roles per founder index, e.g. `[["REGULATOR"], [], ["ARBITER", "AUDITOR"]]`. */
  founderRoles?: ReadonlyArray<ReadonlyArray<ExtraRoleName>>;
}

export interface DeployConsortiumResult {
  ballot: Ballot;
  registry: ConsortiumRegistry;
  /** The founding members' wallets, in order. */
  founders: HardhatEthersSigner[];
  /** The remaining signers, none of them members. */
  others: HardhatEthersSigner[];
  settings: GovernanceSettingsInput;
  /** Each founder's registered profile and encryption key pair, same order as `founders`. */
  founderProfiles: TestProfile[];
}

/**
 * Deploys the Consortium Ignition module (Ballot + ConsortiumRegistry) on `connection`
 * with the first `founders` signers as founding members named "Founder 0", "Founder 1", ….
 * Wrap it in `networkHelpers.loadFixture` to reuse one deployment across tests.
 */
export async function deployConsortium(
  connection: NetworkConnection,
  options: DeployConsortiumOptions = {},
): Promise<DeployConsortiumResult> {
  const founderCount = options.founders ?? 5;
  const signers = await connection.ethers.getSigners();
  if (founderCount < 1 || founderCount > signers.length) {
    throw new RangeError(`founders must be between 1 and ${signers.length}, got ${founderCount}`);
  }
  const settings: GovernanceSettingsInput = {
    quorumBps: options.quorumBps ?? 5_000,
    votingDelay: options.votingDelay ?? 0,
    votingPeriod: options.votingPeriod ?? 3_600,
    executionWindow: options.executionWindow ?? 86_400,
  };

  const founders = signers.slice(0, founderCount);
  const founderProfiles = founders.map((_, i) => makeProfile(`Founder ${i}`));
  const founderParams = founders.map((signer, i) => ({
    account: signer.address,
    profile: founderProfiles[i]!.profile,
    roles: (options.founderRoles?.[i] ?? []).map(roleId),
  }));

  const deployed = await connection.ignition.deploy(ConsortiumModule, {
    parameters: { Consortium: { founders: founderParams, governance: { ...settings } } },
  });
  const ballot = await connection.ethers.getContractAt("Ballot", await deployed.ballot.getAddress());
  const registry = await connection.ethers.getContractAt(
    "ConsortiumRegistry",
    await deployed.registry.getAddress(),
  );

  return {
    ballot,
    registry,
    founders,
    others: signers.slice(founderCount),
    settings,
    founderProfiles,
  };
}

/** The first six signers as founders holding MEMBER only (`Consortium.founders` entries), and
 * the signers after them as outsiders: the set-up of the part contracts' tests. */
export async function sixFounders(connection: NetworkConnection) {
  const signers = await connection.ethers.getSigners();
  const members = signers.slice(0, 6);
  const founders = members.map((signer, i) => ({ account: signer.address, profile: makeProfile(`Member ${i}`).profile, roles: [] as string[] }));
  return { signers, members, outsiders: signers.slice(6), founders };
}

/** `voters` vote for `proposalId` and the last of them executes it. */
export async function passProposal(ballot: Ballot, proposalId: bigint, voters: HardhatEthersSigner[]): Promise<void> {
  for (const voter of voters) await ballot.connect(voter).castVote(proposalId, true);
  await ballot.connect(voters[voters.length - 1]!).execute(proposalId);
}

/** Grants `role` to `account` through a registry proposal voted by `voters`. */
export async function grantRoleByBallot(
  registry: ConsortiumRegistry,
  ballot: Ballot,
  role: ExtraRoleName,
  account: string,
  voters: HardhatEthersSigner[],
): Promise<void> {
  const proposer = voters[0]!;
  const proposalId = await registry.connect(proposer).proposeRoleGrant.staticCall(roleId(role), account);
  await registry.connect(proposer).proposeRoleGrant(roleId(role), account);
  await passProposal(ballot, proposalId, voters);
}
