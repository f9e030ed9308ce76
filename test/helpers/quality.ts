import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import type { NetworkConnection } from "hardhat/types/network";

import { id } from "ethers";

import QualityModule from "../../ignition/modules/Quality.js";
import type {
  Ballot,
  ComparisonBoard,
  ConsortiumRegistry,
  FairExchangeEscrow,
  QualityChannel,
  XorMarket,
} from "../../types/ethers-contracts/index.js";
import { makeProfile, roleId } from "./consortium.js";

export interface DeployQualityOptions {
  /** Seconds a lot owner has to answer a comparison request; default: the module's default. */
  responsePeriod?: number;
  /** Dispute ballot settings of the escrow; default 50 % of the arbiters, 1 h vote, 1 day to execute. */
  disputeSettings?: { quorumBps: number; votingPeriod: number; executionWindow: number };
}

export interface DeployQualityResult {
  ballot: Ballot;
  registry: ConsortiumRegistry;
  escrow: FairExchangeEscrow;
  channel: QualityChannel;
  market: XorMarket;
  board: ComparisonBoard;
  /** Founder 0, MEMBER only: company B, owner of the lots. */
  owner: HardhatEthersSigner;
  /** Founder 1, SERVICER: S, sells the XOR data. */
  servicer: HardhatEthersSigner;
  /** Founder 2, ARBITER: the only arbiter of escrow disputes. */
  arbiter: HardhatEthersSigner;
  /** Founder 3, MEMBER only: supplier A, buys XOR data and asks for comparisons. */
  buyer: HardhatEthersSigner;
  /** Founder 4, MEMBER only: a bystander company C. */
  member: HardhatEthersSigner;
  /** Not members. */
  outsiders: HardhatEthersSigner[];
}

/**
 * Deploys the Quality Ignition module (and with it the Consortium and SealedChain modules)
 * with five founders: B (owner), S (SERVICER), an ARBITER, A (buyer) and C (member).
 * Wrap it in `networkHelpers.loadFixture` to reuse one deployment across tests.
 */
export async function deployQuality(
  connection: NetworkConnection,
  options: DeployQualityOptions = {},
): Promise<DeployQualityResult> {
  const signers = await connection.ethers.getSigners();
  const names = ["Owner B", "Servicer S", "Arbiter", "Buyer A", "Member C"];
  const roles = [[], ["SERVICER"], ["ARBITER"], [], []] as const;
  const founders = names.map((name, i) => ({
    account: signers[i]!.address,
    profile: makeProfile(name).profile,
    roles: roles[i]!.map((role) => roleId(role)),
  }));

  const deployed = await connection.ignition.deploy(QualityModule, {
    parameters: {
      Consortium: { founders },
      SealedChain: {
        disputeSettings: options.disputeSettings ?? { quorumBps: 5_000, votingPeriod: 3_600, executionWindow: 86_400 },
      },
      ...(options.responsePeriod === undefined ? {} : { Quality: { responsePeriod: options.responsePeriod } }),
    },
  });
  const { ethers } = connection;
  const [owner, servicer, arbiter, buyer, member] = signers as [
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
    HardhatEthersSigner,
  ];
  return {
    ballot: await ethers.getContractAt("Ballot", await deployed.ballot.getAddress()),
    registry: await ethers.getContractAt("ConsortiumRegistry", await deployed.registry.getAddress()),
    escrow: await ethers.getContractAt("FairExchangeEscrow", await deployed.escrow.getAddress()),
    channel: await ethers.getContractAt("QualityChannel", await deployed.qualityChannel.getAddress()),
    market: await ethers.getContractAt("XorMarket", await deployed.xorMarket.getAddress()),
    board: await ethers.getContractAt("ComparisonBoard", await deployed.comparisonBoard.getAddress()),
    owner,
    servicer,
    arbiter,
    buyer,
    member,
    outsiders: signers.slice(names.length),
  };
}

/** The PairParams struct as ethers encodes it. */
export type PairParamsInput = {
  labelT: string;
  labelT1: string;
  publicKeyCid: string;
  publicKeyHash: string;
  bitLength: number;
  bundleCid: string;
  bundleHash: string;
};

/**
 * Valid pair parameters whose CIDs and hashes are derived from `seed`, so that two seeds
 * never share a public key hash. The hashes stand for keccak256 of real JSON bytes.
 */
export function samplePairParams(seed: string, overrides: Partial<PairParamsInput> = {}): PairParamsInput {
  return {
    labelT: `${seed}/t`,
    labelT1: `${seed}/t+1`,
    publicKeyCid: `bafkpublickey${seed}`,
    publicKeyHash: id(`public key ${seed}`),
    bitLength: 8,
    bundleCid: `bafkbundle${seed}`,
    bundleHash: id(`bundle ${seed}`),
    ...overrides,
  };
}
