import type { Interface, Log, Provider, Result, Signer } from "ethers";

/** One line per action, in words. */
export type AgentLogger = {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
};

/** A contract the agent follows: its logs are fetched by address and decoded with `interface`. */
export type AgentContract = {
  name: string;
  address: string;
  interface: Interface;
};

/** A decoded log, as handed to handlers. */
export type AgentEvent = {
  contract: string;
  name: string;
  args: Result;
  blockNumber: number;
  logIndex: number;
  transactionHash: string;
  log: Log;
};

/** What a handler may use. Handlers stay thin: they check on-chain state, decide by policy
 * and call one contract function; anything heavier lives in offchain/. */
export type AgentContext = {
  /** Address of the participant running the agent. */
  self: string;
  signer: Signer;
  provider: Provider;
  logger: AgentLogger;
};

/**
 * A role-specific reaction to contract events. Must be idempotent: the runtime replays
 * events after a restart, a crash or a chain reset, so `handle` checks on-chain state
 * (already voted? still open?) before sending anything, and waits for its transaction to be
 * mined before returning (the cursor only moves past an event once `handle` resolved).
 */
export type AgentHandler = {
  name: string;
  /** Events this handler wants, as `<contract name>.<event name>` (e.g. "ballot.ProposalCreated"). */
  events: readonly string[];
  handle(event: AgentEvent, context: AgentContext): Promise<void>;
  /**
   * Called after every poll cycle, once the agent has caught up to the head, also when no
   * new logs came. For work that depends on time or state rather than on a new event (a
   * proposal that became Active or Succeeded as blocks passed). The same idempotence rules
   * apply: check on-chain state right before sending. A connectivity failure makes the
   * runtime back off; any other failure is logged and the hook runs again next cycle.
   */
  onTick?(context: AgentContext): Promise<void>;
  /** Called once by `AgentRuntime.stop()` after the last cycle, to release what the handler holds. */
  onStop?(): Promise<void>;
};

/** The durable position: everything up to and including (blockNumber, logIndex) is handled;
 * `blockComplete` means the whole block is. `blockHash` detects a chain that went backwards. */
export type AgentCursor = {
  version: 1;
  chainId: string;
  blockNumber: number;
  blockHash: string | null;
  logIndex: number;
  blockComplete: boolean;
  updatedAt: string;
};
