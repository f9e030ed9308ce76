import type { IBallot, IConsortiumRegistry } from "../../../types/ethers-contracts/index.js";
import { roleNameOf } from "../../chain/index.js";
import type { AgentContext, AgentEvent, AgentHandler } from "../agent-types.js";
import type { AgentPolicy } from "../read-agent-policy.js";

/** IBallot.ProposalState and IConsortiumRegistry.ActionKind, as numbers on the wire. */
const STATE = ["Pending", "Active", "Succeeded", "Defeated", "Executed", "Expired"] as const;
const SUCCEEDED = 2n;
const ACTION = ["none", "admit", "remove", "grant role", "revoke role"] as const;
const ADMIT = 1n;

export type CreateMembershipHandlerParameters = {
  /** Connected to the participant's signer. */
  ballot: IBallot;
  registry: IConsortiumRegistry;
  policy: AgentPolicy;
};

/**
 * Votes on membership proposals the registry opens, per the participant's policy, and
 * executes a proposal its own vote made succeed. Idempotent: it reads the proposal state and
 * hasVoted before voting, and the state before executing, so replays send nothing twice.
 * Logs admissions, removals and key rotations.
 */
export function createMembershipHandler({ ballot, registry, policy }: CreateMembershipHandlerParameters): AgentHandler {
  let registryAddress: string | undefined;
  const isRegistry = async (address: string) => {
    registryAddress ??= (await registry.getAddress()).toLowerCase();
    return address.toLowerCase() === registryAddress;
  };

  const describe = async (proposalId: bigint) => {
    const action = await registry.pendingAction(proposalId);
    const kind = ACTION[Number(action.kind)] ?? `kind ${action.kind}`;
    const who = action.kind === ADMIT ? `'${action.profile.name}' (${action.account})` : action.account;
    const role = action.role === `0x${"0".repeat(64)}` ? "" : ` ${roleNameOf(action.role)}`;
    return { action, text: `proposal #${proposalId} to ${kind}${role} ${who}` };
  };

  /** Executes `proposalId` if the vote mined in `voteBlock` made it succeed. Only that
   * voter's agent executes (the state one block earlier was still Active), so agents do not
   * race each other; if someone else executed it anyway, that is logged, not retried. */
  const executeIfMyVoteDecided = async (proposalId: bigint, voteBlock: number, text: string, context: AgentContext) => {
    if ((await ballot.state(proposalId, { blockTag: voteBlock })) !== SUCCEEDED) return;
    if ((await ballot.state(proposalId)) !== SUCCEEDED) return; // executed (or expired) since
    const p = await ballot.proposal(proposalId);
    try {
      await ballot.execute.staticCall(proposalId);
    } catch (error) {
      context.logger.info(`${text}: not executing, it is now ${STATE[Number(await ballot.state(proposalId))]} (${(error as Error).message.split("\n")[0]})`);
      return;
    }
    const tx = await ballot.execute(proposalId);
    await tx.wait();
    context.logger.info(`${text} succeeded (${p.forVotes} for / ${p.againstVotes} against, quorum ${p.quorumVotes}): executing it → tx ${tx.hash}`);
  };

  const onProposalCreated = async (event: AgentEvent, context: AgentContext) => {
    const proposalId = event.args.getValue("proposalId") as bigint;
    if (!(await isRegistry(event.args.getValue("proposer") as string))) return;
    const { action, text } = await describe(proposalId);
    const isAdmission = action.kind === ADMIT;
    const allowlisted = isAdmission && policy.allowlist.some((a) => a.toLowerCase() === action.account.toLowerCase());
    const decision = allowlisted ? "approve-all" : isAdmission ? policy.admission : policy.membershipChanges;
    const reason = allowlisted ? "allowlist" : `policy ${isAdmission ? "admission" : "membershipChanges"}=${decision}`;
    if (decision === "manual") {
      context.logger.info(`${text}: not voting (${reason}); vote with \`npx hardhat consortium:vote --proposal ${proposalId} --support true|false\``);
      return;
    }
    const state = await ballot.state(proposalId);
    if (STATE[Number(state)] !== "Active") {
      context.logger.info(`${text}: not voting, proposal is ${STATE[Number(state)] ?? state}`);
      return;
    }
    if (await ballot.hasVoted(proposalId, context.self)) {
      context.logger.info(`${text}: already voted, nothing to do`);
      return;
    }
    const support = decision === "approve-all";
    const tx = await ballot.castVote(proposalId, support);
    const receipt = await tx.wait();
    context.logger.info(`${text}: voting ${support ? "FOR" : "AGAINST"} per ${reason} → tx ${tx.hash}`);
    if (receipt !== null) await executeIfMyVoteDecided(proposalId, receipt.blockNumber, text, context);
  };

  const onVoteCast = async (event: AgentEvent, context: AgentContext) => {
    // Crash recovery for the execute step: if our own vote made a registry proposal
    // succeed (state at the vote's block), execute it unless that already happened.
    if ((event.args.getValue("voter") as string).toLowerCase() !== context.self.toLowerCase()) return;
    const proposalId = event.args.getValue("proposalId") as bigint;
    const stored = await ballot.proposal(proposalId);
    if (!(await isRegistry(stored.proposer))) return;
    if ((await ballot.state(proposalId)) !== SUCCEEDED) return;
    const { text } = await describe(proposalId);
    await executeIfMyVoteDecided(proposalId, event.blockNumber, text, context);
  };

  return {
    name: "membership",
    events: [
      "ballot.ProposalCreated",
      "ballot.VoteCast",
      "registry.MemberAdmitted",
      "registry.MemberRemoved",
      "registry.EncryptionKeyRotated",
    ],
    async handle(event, context) {
      switch (event.name) {
        case "ProposalCreated":
          return onProposalCreated(event, context);
        case "VoteCast":
          return onVoteCast(event, context);
        case "MemberAdmitted": {
          const proposalId = event.args.getValue("proposalId") as bigint;
          context.logger.info(
            `member admitted: '${event.args.getValue("name")}' (${event.args.getValue("account")})${proposalId === 0n ? " as founder" : ` by proposal #${proposalId}`}`,
          );
          return;
        }
        case "MemberRemoved":
          context.logger.info(`member removed: ${event.args.getValue("account")} by proposal #${event.args.getValue("proposalId")}`);
          return;
        case "EncryptionKeyRotated":
          context.logger.info(`member ${event.args.getValue("member")} rotated its encryption key to ${event.args.getValue("newKey")}`);
          return;
      }
    },
  };
}
