import type { ContractRunner } from "ethers";

import {
  IDataMarket__factory,
  IFairExchangeEscrow__factory,
  IDataRegistry__factory,
  ITraceLedger__factory,
  type IDataMarket,
  type IDataRegistry,
  type IFairExchangeEscrow,
  type ITraceLedger,
} from "../../types/ethers-contracts/index.js";
import type { Deployment } from "./load-deployment.js";

export type ConnectExchangeParameters = {
  deployment: Pick<Deployment, "address">;
  /** A provider for reads, a signer (participant wallet connected to a provider) for writes. */
  runner: ContractRunner;
};

/** The contracts of the exchange and trace part (ITU-T FG-DPM D3.6) plus the shared escrow
 * its trades pay through. */
export type ExchangeContracts = {
  dataRegistry: IDataRegistry;
  dataMarket: IDataMarket;
  traceLedger: ITraceLedger;
  escrow: IFairExchangeEscrow;
};

/** Typed handles (typechain) on the deployed exchange and trace contracts, through their
 * interfaces. Throws MissingContractError when the deployment has no Exchange module
 * (ignition/modules/Exchange.ts). */
export function connectExchange({ deployment, runner }: ConnectExchangeParameters): ExchangeContracts {
  return {
    dataRegistry: IDataRegistry__factory.connect(deployment.address("DataRegistry"), runner),
    dataMarket: IDataMarket__factory.connect(deployment.address("DataMarket"), runner),
    traceLedger: ITraceLedger__factory.connect(deployment.address("TraceLedger"), runner),
    escrow: IFairExchangeEscrow__factory.connect(deployment.address("FairExchangeEscrow"), runner),
  };
}
