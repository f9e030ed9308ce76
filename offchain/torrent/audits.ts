import { getAddress } from "ethers";

import type { IBallot, ITorrentLedger } from "../../types/ethers-contracts/index.js";
import { TorrentStateError } from "./errors.js";

export const BALLOT_STATES = ["Pending", "Active", "Succeeded", "Defeated", "Executed", "Expired"] as const;

/** An AUDITOR asks for a registered file; the request (and its reason) is an event every member sees. */
export async function requestAudit({ ledger, fileId, reason }: { ledger: ITorrentLedger; fileId: string; reason: string }): Promise<{ auditId: bigint; proposalId: bigint; txHash: string }> {
  const receipt = await (await ledger.requestAudit(fileId, reason)).wait();
  for (const log of receipt!.logs) {
    const parsed = ledger.interface.parseLog(log);
    if (parsed?.name === "AuditRequested") return { auditId: parsed.args.auditId, proposalId: parsed.args.proposalId, txHash: receipt!.hash };
  }
  throw new TorrentStateError({ what: `audit request tx ${receipt!.hash}`, expected: "an AuditRequested event", got: "none" });
}

export type VoteOnAuditResult = { voted: boolean; state: (typeof BALLOT_STATES)[number]; executed: boolean; txHashes: string[] };

/** A member's vote on an audit request; executes the ballot (approving the audit) when the vote made it succeed. */
export async function voteOnAudit({
  ledger,
  ballot,
  voter,
  auditId,
  support,
  note,
}: {
  ledger: ITorrentLedger;
  ballot: IBallot;
  voter: string;
  auditId: bigint;
  support: boolean;
  note?: string;
}): Promise<VoteOnAuditResult> {
  const audit = await ledger.audit(auditId);
  if (audit.proposalId === 0n) throw new TorrentStateError({ what: `audit ${auditId}`, expected: "an audit requested on chain", got: "none" });
  const txHashes: string[] = [];
  let voted = false;
  if (!(await ballot.hasVoted(audit.proposalId, voter))) {
    const state = BALLOT_STATES[Number(await ballot.state(audit.proposalId))]!;
    if (state !== "Active") throw new TorrentStateError({ what: `audit ${auditId} (proposal #${audit.proposalId})`, expected: "an Active vote", got: state });
    const tx = note === undefined ? await ballot.castVote(audit.proposalId, support) : await ballot.castVoteWithNote(audit.proposalId, support, note);
    txHashes.push((await tx.wait())!.hash);
    voted = true;
  }
  let state = BALLOT_STATES[Number(await ballot.state(audit.proposalId))]!;
  let executed = false;
  if (state === "Succeeded") {
    txHashes.push((await (await ballot.execute(audit.proposalId)).wait())!.hash);
    executed = true;
    state = "Executed";
  }
  return { voted, state, executed, txHashes };
}

export type AuditStatus = {
  auditId: bigint;
  fileId: string;
  auditor: string;
  reason: string;
  vote: { state: (typeof BALLOT_STATES)[number]; forVotes: number; againstVotes: number; quorumVotes: number; eligibleVoters: number };
  approved: boolean;
  releaseDeadline?: Date;
  threshold: number;
  holders: { index: number; holder: string; released: boolean }[];
  missedReleasesRecorded: boolean;
  unservedReports: { chunkIndex: number; chunkOwner: string; evidence: string }[];
};

/** Everything the chain says about an audit: the vote, which shares were released, what was reported. */
export async function readAuditStatus({ ledger, ballot, auditId }: { ledger: ITorrentLedger; ballot: IBallot; auditId: bigint }): Promise<AuditStatus> {
  const audit = await ledger.audit(auditId);
  if (audit.proposalId === 0n) throw new TorrentStateError({ what: `audit ${auditId}`, expected: "an audit requested on chain", got: "none" });
  const [requested] = await ledger.queryFilter(ledger.filters.AuditRequested(auditId));
  const proposal = await ballot.proposal(audit.proposalId);
  const record = await ledger.file(audit.fileId);
  const holders = await ledger.holders(audit.fileId);
  const unserved = await ledger.queryFilter(ledger.filters.ChunkNotServed(auditId));
  return {
    auditId,
    fileId: audit.fileId,
    auditor: getAddress(audit.auditor),
    reason: requested?.args.reason ?? "",
    vote: {
      state: BALLOT_STATES[Number(await ballot.state(audit.proposalId))]!,
      forVotes: Number(proposal.forVotes),
      againstVotes: Number(proposal.againstVotes),
      quorumVotes: Number(proposal.quorumVotes),
      eligibleVoters: Number(proposal.eligibleVoters),
    },
    approved: audit.approvedAt !== 0n,
    ...(audit.approvedAt === 0n ? {} : { releaseDeadline: new Date(Number(audit.releaseDeadline) * 1000) }),
    threshold: Number(record.threshold),
    holders: await Promise.all(holders.map(async (holder, i) => ({ index: i + 1, holder: getAddress(holder), released: await ledger.isShareReleased(auditId, i + 1) }))),
    missedReleasesRecorded: audit.missedReleasesRecorded,
    unservedReports: unserved.map((e) => ({ chunkIndex: Number(e.args.chunkIndex), chunkOwner: getAddress(e.args.chunkOwner), evidence: e.args.evidence })),
  };
}
