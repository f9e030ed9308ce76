import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import TorrentModule, { DEFAULT_TORRENT_SETTINGS } from "../../ignition/modules/Torrent.js";
import type { Ballot, ConsortiumRegistry, TorrentLedger } from "../../types/ethers-contracts/index.js";
import { makeProfile, roleId, type ExtraRoleName } from "./consortium.js";

export interface DeployTorrentResult {
  ballot: Ballot;
  registry: ConsortiumRegistry;
  ledger: TorrentLedger;
  /** The six founding members, in signer order (no extra roles). */
  members: HardhatEthersSigner[];
  /** Not members. */
  outsiders: HardhatEthersSigner[];
  settings: typeof DEFAULT_TORRENT_SETTINGS;
}

/**
 * Deploys the Torrent Ignition module (and with it the Consortium and SealedChain modules)
 * with six founders holding MEMBER only and the default torrent settings.
 * Wrap it in `networkHelpers.loadFixture` to reuse one deployment across tests.
 */
export async function deployTorrent(connection: NetworkConnection): Promise<DeployTorrentResult> {
  const signers = await connection.ethers.getSigners();
  const members = signers.slice(0, 6);
  const founders = members.map((signer, i) => ({
    account: signer.address,
    profile: makeProfile(`Member ${i}`).profile,
    roles: [],
  }));
  const deployed = await connection.ignition.deploy(TorrentModule, { parameters: { Consortium: { founders } } });
  const { ethers } = connection;
  return {
    ballot: await ethers.getContractAt("Ballot", await deployed.ballot.getAddress()),
    registry: await ethers.getContractAt("ConsortiumRegistry", await deployed.registry.getAddress()),
    ledger: await ethers.getContractAt("TorrentLedger", await deployed.torrentLedger.getAddress()),
    members,
    outsiders: signers.slice(6),
    settings: DEFAULT_TORRENT_SETTINGS,
  };
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

/** Every member but `owner`, ascending by address: the placement list of announceFile. */
export function placementOf(members: ReadonlyArray<{ address: string }>, owner: string): string[] {
  return members
    .map((m) => m.address)
    .filter((a) => a.toLowerCase() !== owner.toLowerCase())
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}
