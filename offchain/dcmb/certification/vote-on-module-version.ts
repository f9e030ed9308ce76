import type { IBallot, IModuleCertification } from "../../../types/ethers-contracts/index.js";
import { CertificationStateError } from "./errors.js";
import { ballotStateName, versionStatusName, type BallotStateName } from "./version-status.js";

export type VoteOnModuleVersionParameters = {
  certification: Pick<IModuleCertification, "moduleVersion" | "versionCount">;
  ballot: IBallot;
  /** The voter's address (to skip voting twice). */
  voter: string;
  versionId: bigint;
  support: boolean;
  /** The CID of the voter's validation log, recorded as the vote note. */
  logCid: string;
};

export type VoteOnModuleVersionResult = {
  /** Which vote: the version's certification, or the open revocation of a certified version. */
  kind: "certification" | "revocation";
  proposalId: bigint;
  voted: boolean;
  state: BallotStateName;
  executed: boolean;
  txHashes: string[];
};

/**
 * A VALIDATOR's vote (paper section 3.3: each entity votes via smart contract) on a module
 * version's open certification proposal, or on the open revocation of a certified version,
 * with its validation log's CID as the note; executes the proposal when it succeeded.
 */
export async function voteOnModuleVersion({ certification, ballot, voter, versionId, support, logCid }: VoteOnModuleVersionParameters): Promise<VoteOnModuleVersionResult> {
  const count = await certification.versionCount();
  if (versionId < 1n || versionId > count) throw new CertificationStateError({ what: `version ${versionId}`, expected: count === 0n ? "a proposed version (none yet)" : `a version id from 1 to ${count}`, got: "none" });
  const version = await certification.moduleVersion(versionId);
  const status = versionStatusName(version.status);
  let kind: VoteOnModuleVersionResult["kind"];
  let proposalId: bigint;
  if (status === "Proposed") [kind, proposalId] = ["certification", version.certificationProposalId];
  else if (status === "Certified" && version.revocationProposalId !== 0n) [kind, proposalId] = ["revocation", version.revocationProposalId];
  else throw new CertificationStateError({ what: `version ${versionId}`, expected: "an open certification or revocation vote", got: `status ${status}${status === "Certified" ? " with no revocation proposed" : ""}` });

  const txHashes: string[] = [];
  let voted = false;
  if (!(await ballot.hasVoted(proposalId, voter))) {
    const state = ballotStateName(await ballot.state(proposalId));
    if (state !== "Active") throw new CertificationStateError({ what: `${kind} vote on version ${versionId} (proposal #${proposalId})`, expected: "an Active vote", got: state });
    txHashes.push((await (await ballot.castVoteWithNote(proposalId, support, logCid)).wait())!.hash);
    voted = true;
  }
  let state = ballotStateName(await ballot.state(proposalId));
  let executed = false;
  if (state === "Succeeded") {
    txHashes.push((await (await ballot.execute(proposalId)).wait())!.hash);
    executed = true;
    state = "Executed";
  }
  return { kind, proposalId, voted, state, executed, txHashes };
}
