import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import TorrentModule, { DEFAULT_TORRENT_SETTINGS } from "../../ignition/modules/Torrent.js";
import type { Ballot, ConsortiumRegistry, TorrentLedger } from "../../types/ethers-contracts/index.js";
import { sixFounders } from "./consortium.js";

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
  const { members, outsiders, founders } = await sixFounders(connection);
  const deployed = await connection.ignition.deploy(TorrentModule, { parameters: { Consortium: { founders } } });
  const { ethers } = connection;
  return {
    ballot: await ethers.getContractAt("Ballot", await deployed.ballot.getAddress()),
    registry: await ethers.getContractAt("ConsortiumRegistry", await deployed.registry.getAddress()),
    ledger: await ethers.getContractAt("TorrentLedger", await deployed.torrentLedger.getAddress()),
    members,
    outsiders,
    settings: DEFAULT_TORRENT_SETTINGS,
  };
}

/** Every member but `owner`, ascending by address: the placement list of announceFile. */
export function placementOf(members: ReadonlyArray<{ address: string }>, owner: string): string[] {
  return members
    .map((m) => m.address)
    .filter((a) => a.toLowerCase() !== owner.toLowerCase())
    .sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0));
}
