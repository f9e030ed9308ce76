import type { ContractRunner } from "ethers";

import {
  IComparisonBoard__factory,
  IFairExchangeEscrow__factory,
  IQualityChannel__factory,
  IXorMarket__factory,
  type IComparisonBoard,
  type IFairExchangeEscrow,
  type IQualityChannel,
  type IXorMarket,
} from "../../types/ethers-contracts/index.js";
import type { Deployment } from "./load-deployment.js";

export type ConnectQualityParameters = {
  deployment: Pick<Deployment, "address">;
  /** A provider for reads, a signer (participant wallet connected to a provider) for writes. */
  runner: ContractRunner;
};

/** The contracts of the quality part (Nasu et al.) plus the shared escrow it pays through. */
export type QualityContracts = {
  channel: IQualityChannel;
  market: IXorMarket;
  board: IComparisonBoard;
  escrow: IFairExchangeEscrow;
};

/** Typed handles (typechain) on the deployed QualityChannel, XorMarket, ComparisonBoard and
 * FairExchangeEscrow, through their interfaces. Throws MissingContractError when the
 * deployment has no quality module (ignition/modules/Quality.ts). */
export function connectQuality({ deployment, runner }: ConnectQualityParameters): QualityContracts {
  return {
    channel: IQualityChannel__factory.connect(deployment.address("QualityChannel"), runner),
    market: IXorMarket__factory.connect(deployment.address("XorMarket"), runner),
    board: IComparisonBoard__factory.connect(deployment.address("ComparisonBoard"), runner),
    escrow: IFairExchangeEscrow__factory.connect(deployment.address("FairExchangeEscrow"), runner),
  };
}
