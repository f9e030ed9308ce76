import type { IBallot, IConsortiumRegistry } from "../../../types/ethers-contracts/index.js";
import { roleNameOf } from "../../chain/index.js";
import type { AgentContext, AgentEvent, AgentHandler } from "../agent-types.js";
import { isConnectionError } from "../is-connection-error.js";
import type { AgentPolicy, PolicyDecision } from "../read-agent-policy.js";

/** IBallot.ProposalState and IConsortiumRegistry.ActionKind, as numbers on the wire. */
const STATE = ["Pending", "Active", "Succeeded", "Defeated", "Executed", "Expired"] as const;
type StateName = (typeof STATE)[number];
const ACTION = ["none", "admit", "remove", "grant role", "revoke role"] as const;
const ADMIT = 1n;

export type CreateMembershipHandlerParameters = {
  /** Connected to the participant's signer. */
  ballot: IBallot;
  registry: IConsortiumRegistry;
  policy: AgentPolicy;
};

/** A registry proposal this agent has seen and that is not closed yet. */
type OpenProposal = {
  /** Ballot subject at the time it was seen: a different one means the chain was reset. */
  subject: string;
  text: string;
  decision: PolicyDecision;
  reason: string;
  /** Last state reported in the log, so that ticks only log changes. */
  reported: StateName | undefined;
  /** Last failure logged for it, so that a failing proposal is not logged every tick. */
  failure: string | undefined;
  /** Not a voter at the proposal's snapshot (e.g. the candidate itself): never votes on it. */
  ineligible: boolean;
};

type BallotProposal = Awaited<ReturnType<IBallot["proposal"]>>;

/**
 * Votes on membership proposals the registry opens, per the participant's policy, and
 * executes succeeded ones.
 *
 * It keeps the registry proposals it has seen and that are still open: from
 * `ProposalCreated` events, and on its first tick from the ballot itself (so a restarted agent
 * knows the proposals opened before its cursor). On the event and on every tick it looks at
 * each one: votes once it is Active (a proposal created with a voting delay is Pending
 * first), executes it once it is Succeeded (on a vote, or when the voting period ends with a
 * quorum), forgets it once it is closed.
 *
 * Idempotent and race-safe: it reads hasVoted right before voting, so it never votes twice;
 * it reads the state right before executing, and if another member's execution came first
 * (the call reverts with BallotUnexpectedState, or the state is now Executed) it logs that
 * and moves on. Logs admissions, removals and key rotations.
 */
export function createMembershipHandler({ ballot, registry, policy }: CreateMembershipHandlerParameters): AgentHandler {
  const open = new Map<bigint, OpenProposal>();
  let loaded = false;
  let registryAddress: string | undefined;
  const isRegistry = async (address: string) => {
    registryAddress ??= (await registry.getAddress()).toLowerCase();
    return address.toLowerCase() === registryAddress;
  };
  const stateOf = async (proposalId: bigint): Promise<StateName> => STATE[Number(await ballot.state(proposalId))] ?? "Pending";

  /** Reads the registry's action behind a proposal and what the policy says about it. */
  const track = async (proposalId: bigint, subject: string): Promise<OpenProposal> => {
    const action = await registry.pendingAction(proposalId);
    const kind = ACTION[Number(action.kind)] ?? `kind ${action.kind}`;
    const who = action.kind === ADMIT ? `'${action.profile.name}' (${action.account})` : action.account;
    const role = action.role === `0x${"0".repeat(64)}` ? "" : ` ${roleNameOf(action.role)}`;
    const isAdmission = action.kind === ADMIT;
    const allowlisted = isAdmission && policy.allowlist.some((a) => a.toLowerCase() === action.account.toLowerCase());
    const decision = allowlisted ? "approve-all" : isAdmission ? policy.admission : policy.membershipChanges;
    const entry: OpenProposal = {
      subject,
      text: `proposal #${proposalId} to ${kind}${role} ${who}`,
      decision,
      reason: allowlisted ? "allowlist" : `policy ${isAdmission ? "admission" : "membershipChanges"}=${decision}`,
      reported: undefined,
      failure: undefined,
      ineligible: false,
    };
    open.set(proposalId, entry);
    return entry;
  };

  /** Executes a Succeeded proposal; another member's execution coming first is not an error. */
  const execute = async (proposalId: bigint, entry: OpenProposal, context: AgentContext) => {
    if ((await stateOf(proposalId)) !== "Succeeded") return; // right before sending
    const p = await ballot.proposal(proposalId);
    try {
      const tx = await ballot.execute(proposalId);
      await tx.wait();
      context.logger.info(`${entry.text} succeeded (${p.forVotes} for / ${p.againstVotes} against, quorum ${p.quorumVotes}): executing it → tx ${tx.hash}`);
    } catch (error) {
      if (isConnectionError(error)) throw error;
      const now = await stateOf(proposalId);
      if (now === "Executed") {
        context.logger.info(`${entry.text}: already executed by another member (their transaction came first), nothing to do`);
      } else if (isUnexpectedState(ballot, error)) {
        // E.g. another member's execute is pending (gas estimated against the pending block).
        context.logger.info(`${entry.text}: not executing (${firstLine(error)}); it is ${now}, looking again next poll`);
      } else {
        throw error;
      }
    }
  };

  /** Votes per policy if still Active, eligible and not voted yet (read right before
   * sending). Returns whether a vote was cast. */
  const vote = async (proposalId: bigint, entry: OpenProposal, p: BallotProposal, context: AgentContext, firstSight: boolean) => {
    const { logger } = context;
    if (entry.ineligible) return false;
    if (!(await registry.isVoter(p.voterRole, context.self, p.snapshot))) {
      entry.ineligible = true; // eligibility is fixed at the proposal's snapshot
      logger.info(`${entry.text}: not voting, '${context.self}' was not a voter when it was opened`);
      return false;
    }
    if (await ballot.hasVoted(proposalId, context.self)) {
      if (firstSight) logger.info(`${entry.text}: already voted, nothing to do`);
      return false;
    }
    const support = entry.decision === "approve-all";
    try {
      const tx = await ballot.castVote(proposalId, support);
      await tx.wait();
      logger.info(`${entry.text}: voting ${support ? "FOR" : "AGAINST"} per ${entry.reason} → tx ${tx.hash}`);
      return true;
    } catch (error) {
      if (isConnectionError(error)) throw error;
      // Other members' votes may have decided it between our state check and our vote.
      const now = await stateOf(proposalId);
      if (now === "Active" && !isUnexpectedState(ballot, error)) throw error;
      logger.info(`${entry.text}: not voting, it became ${now} before this vote landed`);
      return false;
    }
  };

  /** Looks at one open proposal and does what is due. `firstSight`: also say when nothing is. */
  const revisit = async (proposalId: bigint, entry: OpenProposal, context: AgentContext, firstSight: boolean) => {
    const { logger } = context;
    let p: BallotProposal;
    try {
      p = await ballot.proposal(proposalId);
    } catch (error) {
      if (isConnectionError(error)) throw error;
      open.delete(proposalId); // unknown proposal or no contract: the chain was reset
      logger.info(`${entry.text}: no longer on chain (${firstLine(error)}); forgetting it`);
      return;
    }
    if (p.subject !== entry.subject) {
      open.delete(proposalId);
      logger.info(`${entry.text}: the ballot now holds another proposal #${proposalId} (chain reset?); forgetting it`);
      return;
    }
    const manual = entry.decision === "manual";
    if (firstSight && manual) {
      logger.info(`${entry.text}: not voting (${entry.reason}); vote with \`npx hardhat consortium:vote --proposal ${proposalId} --support true|false\``);
    }
    let state = await stateOf(proposalId);
    const seen = state;
    if (state === "Pending") {
      if (!manual && (firstSight || entry.reported !== "Pending")) {
        const opens = new Date(Number(p.voteStart) * 1000).toISOString();
        logger.info(`${entry.text}: Pending until ${opens}; will vote ${entry.decision === "approve-all" ? "FOR" : "AGAINST"} per ${entry.reason} once it is Active`);
      }
      entry.reported = "Pending";
      return;
    }
    if (state === "Active" && !manual && (await vote(proposalId, entry, p, context, firstSight))) {
      state = await stateOf(proposalId); // this vote may have decided it
    }
    if (state === "Succeeded") {
      await execute(proposalId, entry, context);
      state = await stateOf(proposalId);
    }
    if (state === "Executed" || state === "Defeated" || state === "Expired") {
      open.delete(proposalId);
      // Say so when it was already closed at first sight, or closed without our execution.
      if (firstSight && seen === state) logger.info(`${entry.text}: not voting, proposal is ${state}`);
      else if (state !== "Executed" && entry.reported !== state) logger.info(`${entry.text}: closed, ${state}`);
    }
    entry.reported = state;
  };

  /** After a restart: the registry proposals still open on the ballot, opened before the cursor. */
  const loadOpenProposals = async (context: AgentContext) => {
    const count = await ballot.proposalCount();
    for (let id = 1n; id <= count; id++) {
      if (open.has(id)) continue;
      const p = await ballot.proposal(id);
      if (p.executed || !(await isRegistry(p.proposer))) continue;
      const state = await stateOf(id);
      if (state !== "Pending" && state !== "Active" && state !== "Succeeded") continue;
      const entry = await track(id, p.subject);
      await revisit(id, entry, context, true);
    }
  };

  const onProposalCreated = async (event: AgentEvent, context: AgentContext) => {
    const proposalId = event.args.getValue("proposalId") as bigint;
    if (!(await isRegistry(event.args.getValue("proposer") as string))) return;
    const entry = await track(proposalId, event.args.getValue("subject") as string);
    await revisit(proposalId, entry, context, true);
  };

  return {
    name: "membership",
    events: ["ballot.ProposalCreated", "registry.MemberAdmitted", "registry.MemberRemoved", "registry.EncryptionKeyRotated"],
    async handle(event, context) {
      switch (event.name) {
        case "ProposalCreated":
          return onProposalCreated(event, context);
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
    async onTick(context) {
      if (!loaded) {
        await loadOpenProposals(context);
        loaded = true;
      }
      for (const [proposalId, entry] of [...open]) {
        try {
          await revisit(proposalId, entry, context, false);
          entry.failure = undefined;
        } catch (error) {
          if (isConnectionError(error)) throw error;
          const message = firstLine(error);
          if (entry.failure !== message) context.logger.warn(`${entry.text}: ${message}; trying again next poll`);
          entry.failure = message;
        }
      }
    },
  };
}

/** True when `error` is the ballot's BallotUnexpectedState revert (decoded by ethers, or in
 * the node's message). */
function isUnexpectedState(ballot: IBallot, error: unknown): boolean {
  const e = error as { revert?: { name?: unknown }; data?: unknown; message?: unknown };
  if (e?.revert?.name === "BallotUnexpectedState") return true;
  if (typeof e?.data === "string") {
    try {
      if (ballot.interface.parseError(e.data)?.name === "BallotUnexpectedState") return true;
    } catch {
      // not a ballot error
    }
  }
  return typeof e?.message === "string" && e.message.includes("BallotUnexpectedState");
}

function firstLine(error: unknown): string {
  const e = error as { shortMessage?: unknown; message?: unknown };
  const text = typeof e?.shortMessage === "string" ? e.shortMessage : typeof e?.message === "string" ? e.message : String(error);
  return text.split("\n")[0]!.slice(0, 300);
}
