import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { requireOption } from "./helpers/require-option.js";

export type VoteArguments = { participant: string | undefined; proposal: string | undefined; support: string | undefined; note: string | undefined; home: string | undefined };

const STATES = ["Pending", "Active", "Succeeded", "Defeated", "Executed", "Expired"];

/** `consortium:vote`: casts the participant's vote; executes the proposal if the vote made it succeed. */
export default explainErrors(async function vote(args: VoteArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the member who votes");
  const proposalText = requireOption("proposal", args.proposal, "the proposal id printed by consortium:propose-member or consortium:members");
  if (!/^[1-9][0-9]*$/.test(proposalText)) throw new InvalidOptionError({ option: "proposal", expected: "a positive integer proposal id", got: proposalText });
  const supportText = requireOption("support", args.support, "true (for) or false (against)").toLowerCase();
  if (supportText !== "true" && supportText !== "false") throw new InvalidOptionError({ option: "support", expected: "true or false", got: args.support });
  const proposalId = BigInt(proposalText);
  const support = supportText === "true";

  const { participant, ballot, close } = await openParticipantSession({ hre, name, home: args.home });

  const count = await ballot.proposalCount();
  if (proposalId > count) throw new InvalidOptionError({ option: "proposal", expected: `an id from 1 to ${count}`, got: proposalText });
  const state = STATES[Number(await ballot.state(proposalId))];
  if (state !== "Active") throw new InvalidOptionError({ option: "proposal", expected: "an Active proposal", got: `#${proposalId} is ${state}` });
  if (await ballot.hasVoted(proposalId, participant.wallet.address)) {
    console.log(`'${name}' already voted on proposal #${proposalId}; nothing sent`);
  } else {
    const tx = args.note === undefined || args.note === "" ? await ballot.castVote(proposalId, support) : await ballot.castVoteWithNote(proposalId, support, args.note);
    await tx.wait();
    console.log(`'${name}' voted ${support ? "FOR" : "AGAINST"} proposal #${proposalId} → tx ${tx.hash}`);
  }
  const after = STATES[Number(await ballot.state(proposalId))];
  const p = await ballot.proposal(proposalId);
  console.log(`  proposal #${proposalId} is ${after}: ${p.forVotes} for / ${p.againstVotes} against, quorum ${p.quorumVotes} of ${p.eligibleVoters}`);
  if (after === "Succeeded") {
    const tx = await ballot.execute(proposalId);
    await tx.wait();
    console.log(`  executed proposal #${proposalId} → tx ${tx.hash}`);
  }
  await close();
});
