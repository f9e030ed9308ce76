import type { IBallot, IModuleCertification } from "../../../types/ethers-contracts/index.js";
import { ballotStateName, versionStatusName, type BallotStateName, type VersionStatusName } from "./version-status.js";

export type ProposalVotes = {
  proposalId: bigint;
  state: BallotStateName;
  forVotes: number;
  againstVotes: number;
  quorumVotes: number;
  eligibleVoters: number;
  /** Every VoteCast of the proposal, with its note (the voter's validation log CID). */
  votes: { voter: string; support: boolean; logCid: string }[];
};

export type ModuleVersionStatus = {
  versionId: bigint;
  moduleId: string;
  version: string;
  status: VersionStatusName;
  sourceHash: string;
  artifactHash: string;
  proposer: string;
  validationLogCid: string;
  certifiedAt?: Date;
  revokedAt?: Date;
  certification: ProposalVotes;
  revocation?: ProposalVotes;
};

export type ReadCertificationStatusParameters = {
  certification: Pick<IModuleCertification, "moduleVersion" | "versionCount">;
  ballot: IBallot;
  /** One version; default: all of them. */
  versionId?: bigint;
  /** First block to search for VoteCast events (the deployment's). */
  fromBlock?: number;
};

/** The module versions on chain with their status, hashes and votes (with the voters' log CIDs). */
export async function readCertificationStatus({ certification, ballot, versionId, fromBlock = 0 }: ReadCertificationStatusParameters): Promise<ModuleVersionStatus[]> {
  const count = await certification.versionCount();
  const ids = versionId === undefined ? Array.from({ length: Number(count) }, (_, i) => BigInt(i + 1)) : [versionId];
  const out: ModuleVersionStatus[] = [];
  for (const id of ids) {
    const v = await certification.moduleVersion(id);
    out.push({
      versionId: id,
      moduleId: v.moduleId,
      version: v.version,
      status: versionStatusName(v.status),
      sourceHash: v.sourceHash,
      artifactHash: v.artifactHash,
      proposer: v.proposer,
      validationLogCid: v.validationLogCid,
      ...(v.certifiedAt === 0n ? {} : { certifiedAt: new Date(Number(v.certifiedAt) * 1000) }),
      ...(v.revokedAt === 0n ? {} : { revokedAt: new Date(Number(v.revokedAt) * 1000) }),
      certification: await readVotes(ballot, v.certificationProposalId, fromBlock),
      ...(v.revocationProposalId === 0n ? {} : { revocation: await readVotes(ballot, v.revocationProposalId, fromBlock) }),
    });
  }
  return out;
}

async function readVotes(ballot: IBallot, proposalId: bigint, fromBlock: number): Promise<ProposalVotes> {
  const [p, state, events] = await Promise.all([ballot.proposal(proposalId), ballot.state(proposalId), ballot.queryFilter(ballot.filters.VoteCast(proposalId), fromBlock)]);
  return {
    proposalId,
    state: ballotStateName(state),
    forVotes: Number(p.forVotes),
    againstVotes: Number(p.againstVotes),
    quorumVotes: Number(p.quorumVotes),
    eligibleVoters: Number(p.eligibleVoters),
    votes: events.map((e) => ({ voter: e.args.voter, support: e.args.support, logCid: e.args.note })),
  };
}
