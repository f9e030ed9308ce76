import type { ContractRunner } from "ethers";

import { ITorrentLedger__factory, type ITorrentLedger } from "../../types/ethers-contracts/index.js";
import type { Deployment } from "./load-deployment.js";

export type ConnectTorrentParameters = {
  deployment: Pick<Deployment, "address">;
  /** A provider for reads, a signer (participant wallet connected to a provider) for writes. */
  runner: ContractRunner;
};

/** The contracts of the torrent part (BlockTorrent, Hill et al.). */
export type TorrentContracts = {
  ledger: ITorrentLedger;
};

/** Typed handle (typechain) on the deployed TorrentLedger, through its interface. Throws
 * MissingContractError when the deployment has no torrent module (ignition/modules/Torrent.ts). */
export function connectTorrent({ deployment, runner }: ConnectTorrentParameters): TorrentContracts {
  return {
    ledger: ITorrentLedger__factory.connect(deployment.address("TorrentLedger"), runner),
  };
}
