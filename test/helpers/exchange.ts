import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { Wallet, ZeroAddress, id, sha256, toUtf8Bytes, type HDNodeWallet, type TypedDataDomain } from "ethers";

import SealedChainModule from "../../ignition/modules/SealedChain.js";
import { dataRegistryDomain, signDataEntry, type DataEntryFields } from "../../offchain/exchange/data-entry-signature.js";
import type {
  Ballot,
  ConsortiumRegistry,
  DataMarket,
  DataRegistry,
  FairExchangeEscrow,
} from "../../types/ethers-contracts/index.js";
import { makeProfile, roleId, type ExtraRoleName } from "./consortium.js";

export interface ExchangeFixture {
  connection: NetworkConnection;
  ballot: Ballot;
  registry: ConsortiumRegistry;
  escrow: FairExchangeEscrow;
  dataRegistry: DataRegistry;
  market: DataMarket;
  /** EIP-712 domain of `dataRegistry`. */
  domain: TypedDataDomain;
  /** Founder 0, REGULATOR: approves devices, certifies and rejects entries. */
  regulator: HardhatEthersSigner;
  /** Founder 1, REGULATOR: a second verification node (also submits, to test self-validation). */
  regulator2: HardhatEthersSigner;
  /** Founder 2, MEMBER: the data source (owns the device, submits, offers). */
  source: HardhatEthersSigner;
  /** Founder 3, MEMBER: buys from the source and offers on (proxy circulation). */
  proxy: HardhatEthersSigner;
  /** Founder 4, MEMBER: the enterprise at the end of the chain. */
  enterprise: HardhatEthersSigner;
  /** Founder 5, SERVICER and the only ARBITER. */
  servicer: HardhatEthersSigner;
  /** Not members. */
  outsiders: HardhatEthersSigner[];
}

/**
 * Deploys the SealedChain Ignition module (consortium + escrow) with six founders, then the
 * DataRegistry and the DataMarket on top of it. Wrap it in `networkHelpers.loadFixture`.
 */
export async function deployExchange(connection: NetworkConnection): Promise<ExchangeFixture> {
  const { ethers } = connection;
  const signers = await ethers.getSigners();
  const roles: ExtraRoleName[][] = [["REGULATOR"], ["REGULATOR"], [], [], [], ["SERVICER", "ARBITER"]];
  const founders = roles.map((extra, i) => ({
    account: signers[i]!.address,
    profile: makeProfile(`Exchange ${i}`).profile,
    roles: extra.map(roleId),
  }));
  const deployed = await connection.ignition.deploy(SealedChainModule, {
    parameters: {
      Consortium: { founders },
      SealedChain: { disputeSettings: { quorumBps: 5_000, votingPeriod: 3_600, executionWindow: 86_400 } },
    },
  });
  const registry = await ethers.getContractAt("ConsortiumRegistry", await deployed.registry.getAddress());
  const escrow = await ethers.getContractAt("FairExchangeEscrow", await deployed.escrow.getAddress());
  const dataRegistry = await ethers.deployContract("DataRegistry", [registry]);
  const market = await ethers.deployContract("DataMarket", [dataRegistry, escrow]);
  const { chainId } = await ethers.provider.getNetwork();
  const [regulator, regulator2, source, proxy, enterprise, servicer] = signers as [
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
  ];
  return {
    connection,
    ballot: await ethers.getContractAt("Ballot", await deployed.ballot.getAddress()),
    registry,
    escrow,
    dataRegistry,
    market,
    domain: dataRegistryDomain({ chainId, verifyingContract: await dataRegistry.getAddress() }),
    regulator,
    regulator2,
    source,
    proxy,
    enterprise,
    servicer,
    outsiders: signers.slice(6),
  };
}

/** A fresh device key registered by `owner` and approved by the regulator. */
export async function approvedDevice(f: ExchangeFixture, owner: HardhatEthersSigner): Promise<HDNodeWallet> {
  const device = Wallet.createRandom();
  await f.registry.connect(owner).registerDevice(device.address, id(`device ${device.address}`));
  await f.registry.connect(f.regulator).approveDevice(device.address);
  return device;
}

/** The Submission struct as ethers encodes it. */
export type SubmissionInput = DataEntryFields & {
  device: string;
  cid: string;
  resubmits: bigint;
  signature: string;
};

/** Entry fields derived from `seed`, produced one minute before the latest block. */
export async function entryFields(f: ExchangeFixture, seed: string): Promise<DataEntryFields> {
  const latest = await f.connection.networkHelpers.time.latest();
  return {
    fingerprint: sha256(toUtf8Bytes(`data ${seed}`)),
    metadataHash: id(`{"seed":"${seed}"}`),
    producedAt: BigInt(latest - 60),
  };
}

/** A submission of `fields` signed by `device`, with overrides (applied after signing). */
export async function signedSubmission(
  f: ExchangeFixture,
  device: HDNodeWallet,
  fields: DataEntryFields,
  overrides: Partial<SubmissionInput> = {},
): Promise<SubmissionInput> {
  const signature = await signDataEntry({ signer: device, domain: f.domain, fields });
  return { device: device.address, ...fields, cid: `bafkentry${fields.fingerprint.slice(2, 14)}`, resubmits: 0n, signature, ...overrides };
}

/** `submitter` submits an entry from `device` (fields from `seed`); returns the entry id. */
export async function submitEntry(
  f: ExchangeFixture,
  submitter: HardhatEthersSigner,
  device: HDNodeWallet,
  seed: string,
  resubmits = 0n,
): Promise<bigint> {
  const s = await signedSubmission(f, device, await entryFields(f, seed), { resubmits });
  await f.dataRegistry.connect(submitter).submit(s);
  return f.dataRegistry.entryCount();
}

/** As submitEntry, then certified by the regulator. */
export async function certifiedEntry(
  f: ExchangeFixture,
  submitter: HardhatEthersSigner,
  device: HDNodeWallet,
  seed: string,
): Promise<bigint> {
  const entryId = await submitEntry(f, submitter, device, seed);
  await f.dataRegistry.connect(f.regulator).certify(entryId, `bafkcertificate${entryId}`);
  return entryId;
}

/** The OfferTerms struct as ethers encodes it. */
export type OfferTermsInput = {
  entryId: bigint;
  category: string;
  token: string;
  price: bigint;
  deliveryPeriod: number;
  confirmationPeriod: number;
  usageTermsHash: string;
  usageTermsCid: string;
  resaleAllowed: boolean;
  upstreamTrade: bigint;
};

export const CATEGORY = "logistics.cold-chain";
export const PRICE = 10n ** 18n;
export const DELIVERY_PERIOD = 2 * 86_400;
export const CONFIRMATION_PERIOD = 86_400;

export function offerTerms(entryId: bigint, overrides: Partial<OfferTermsInput> = {}): OfferTermsInput {
  return {
    entryId,
    category: CATEGORY,
    token: ZeroAddress,
    price: PRICE,
    deliveryPeriod: DELIVERY_PERIOD,
    confirmationPeriod: CONFIRMATION_PERIOD,
    usageTermsHash: id("usage: internal analytics only"),
    usageTermsCid: "bafkusageterms",
    resaleAllowed: true,
    upstreamTrade: 0n,
    ...overrides,
  };
}

/** The RequestTerms struct as ethers encodes it. */
export type RequestTermsInput = {
  category: string;
  token: string;
  maxPrice: bigint;
  requirementsHash: string;
  requirementsCid: string;
};

export function requestTerms(overrides: Partial<RequestTermsInput> = {}): RequestTermsInput {
  return {
    category: CATEGORY,
    token: ZeroAddress,
    maxPrice: PRICE,
    requirementsHash: id("requirements: hourly temperatures"),
    requirementsCid: "bafkrequirements",
    ...overrides,
  };
}

/** The escrow OrderParams struct as ethers encodes it. */
export type OrderParamsInput = {
  seller: string;
  token: string;
  amount: bigint;
  deliveryPeriod: bigint | number;
  confirmationPeriod: bigint | number;
  subject: string;
};

/** `buyer` opens the escrow order that buys `offerId` on its terms, with overrides; returns the order id. */
export async function openOrderFor(
  f: ExchangeFixture,
  offerId: bigint,
  buyer: HardhatEthersSigner,
  overrides: Partial<OrderParamsInput> = {},
): Promise<bigint> {
  const offer = await f.market.offerOf(offerId);
  const params: OrderParamsInput = {
    seller: offer.supplier,
    token: offer.terms.token,
    amount: offer.terms.price,
    deliveryPeriod: offer.terms.deliveryPeriod,
    confirmationPeriod: offer.terms.confirmationPeriod,
    subject: await f.market.offerSubject(offerId),
    ...overrides,
  };
  await f.escrow.connect(buyer).openOrder(params, { value: params.token === ZeroAddress ? params.amount : 0n });
  return f.escrow.orderCount();
}

/** `buyer` opens the matching order and records the purchase; returns the order (trade) id. */
export async function buyOffer(f: ExchangeFixture, offerId: bigint, buyer: HardhatEthersSigner, requestId = 0n): Promise<bigint> {
  const orderId = await openOrderFor(f, offerId, buyer);
  await f.market.connect(buyer).buy(offerId, orderId, requestId);
  return orderId;
}

/** The supplier delivers, the buyer confirms, anyone records the sharing. */
export async function completeTrade(f: ExchangeFixture, orderId: bigint): Promise<void> {
  const { buyer, supplier } = await f.market.tradeOf(orderId);
  const [seller, payer] = [await f.connection.ethers.getSigner(supplier), await f.connection.ethers.getSigner(buyer)];
  await f.escrow.connect(seller).deliver(orderId, `bafkdatakey${orderId}`, id(`data key for order ${orderId}`));
  await f.escrow.connect(payer).confirm(orderId);
  await f.market.recordSharing(orderId);
}
