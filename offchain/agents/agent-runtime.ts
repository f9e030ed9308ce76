import type { Log, Provider, Signer } from "ethers";

import type {
  AgentContext,
  AgentContract,
  AgentCursor,
  AgentEvent,
  AgentHandler,
  AgentLogger,
} from "./agent-types.js";
import { EventCursorStore } from "./event-cursor-store.js";
import { CursorChainMismatchError, InvalidAgentConfigError } from "./errors.js";
import { isConnectionError } from "./is-connection-error.js";

export type AgentRuntimeParameters = {
  /** Address of the participant (its wallet); handlers compare against it. */
  self: string;
  /** Signs the participant's transactions (its wallet connected to `provider`). */
  signer: Signer;
  provider: Provider;
  contracts: readonly AgentContract[];
  handlers: readonly AgentHandler[];
  /** `<participant>/agent/cursor.json`. */
  cursorFile: string;
  /** Where to begin when there is no cursor: the deployment block. */
  startBlock: number;
  logger: AgentLogger;
  pollIntervalMs?: number;
  /** Largest eth_getLogs range, in blocks. */
  maxBlockRange?: number;
  /** Backoff after a failure: doubles from `pollIntervalMs` up to this. */
  maxBackoffMs?: number;
  /** Attempts at one event whose handler keeps failing for reasons other than connectivity. */
  maxHandlerAttempts?: number;
};

type Position = { blockNumber: number; logIndex: number };

/**
 * Follows contract logs by polling eth_getLogs in bounded ranges from a durable cursor and
 * dispatches decoded events to handlers by `<contract>.<event>`.
 *
 * - Ticks: after every poll cycle (new logs or not) each handler's `onTick` runs, for work
 *   that comes due with time rather than with an event.
 * - Durable: the cursor is written (atomically) after every handled event and after every
 *   scanned range; a restart resumes after the last fully handled event.
 * - Idempotent by contract: handlers check on-chain state before sending, so replaying an
 *   event (restart, crash between a transaction and the cursor write) sends nothing twice.
 *   Transactions still pending from an earlier run are awaited before replaying.
 * - Outages: any RPC failure is logged and retried with capped exponential backoff.
 * - Chain went backwards (head below the cursor, or the cursor block's hash changed — e.g.
 *   `hardhat node` restarted with fresh state): logged as such, the cursor is reset to the
 *   start block (or 0 if the new chain is shorter) and events are replayed; idempotent
 *   handlers make that safe. If the contracts have no code on the new chain, that is said
 *   once and the agent keeps polling until they are redeployed at the same addresses.
 */
export class AgentRuntime {
  readonly #p: Required<AgentRuntimeParameters>;
  readonly #store: EventCursorStore;
  readonly #routes = new Map<string, AgentHandler[]>();
  readonly #byAddress = new Map<string, AgentContract>();
  #cursor: AgentCursor | undefined;
  #chainId: bigint | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  #loop: Promise<void> | undefined;
  #failures = 0;
  #outageSince: number | undefined;
  #attempts = new Map<string, number>();
  /** Last non-connectivity failure of each handler's onTick, so it is logged once, not every cycle. */
  #tickFailures = new Map<string, string>();
  #warnedNoCode = false;

  constructor(parameters: AgentRuntimeParameters) {
    const p = {
      pollIntervalMs: 500,
      maxBlockRange: 2000,
      maxBackoffMs: 10_000,
      maxHandlerAttempts: 5,
      ...parameters,
    };
    const positive = (field: string, value: number) => {
      if (!Number.isSafeInteger(value) || value < 1) throw new InvalidAgentConfigError({ field, expected: "a positive integer", got: value });
    };
    positive("pollIntervalMs", p.pollIntervalMs);
    positive("maxBlockRange", p.maxBlockRange);
    positive("maxBackoffMs", p.maxBackoffMs);
    positive("maxHandlerAttempts", p.maxHandlerAttempts);
    if (!Number.isSafeInteger(p.startBlock) || p.startBlock < 0) {
      throw new InvalidAgentConfigError({ field: "startBlock", expected: "a block number ≥ 0", got: p.startBlock });
    }
    if (p.contracts.length === 0) throw new InvalidAgentConfigError({ field: "contracts", expected: "at least one contract", got: [] });
    this.#p = p;
    this.#store = new EventCursorStore({ file: p.cursorFile });
    const names = new Set<string>();
    for (const contract of p.contracts) {
      names.add(contract.name);
      this.#byAddress.set(contract.address.toLowerCase(), contract);
    }
    for (const handler of p.handlers) {
      for (const key of handler.events) {
        const [contract, event] = key.split(".");
        if (contract === undefined || event === undefined || !names.has(contract)) {
          throw new InvalidAgentConfigError({
            field: `handler ${handler.name} event`,
            expected: `"<contract>.<Event>" with contract one of ${[...names].join(", ")}`,
            got: key,
          });
        }
        const list = this.#routes.get(key) ?? [];
        list.push(handler);
        this.#routes.set(key, list);
      }
    }
  }

  /** The last saved cursor (for tests and status output). */
  get cursor(): AgentCursor | undefined {
    return this.#cursor;
  }

  /** Settles when the loop ends: resolves after stop(), rejects on a fatal error (e.g. a
   * cursor from another chain). Undefined before start(). */
  get finished(): Promise<void> | undefined {
    return this.#loop;
  }

  /** Starts the polling loop in the background. */
  start(): void {
    if (this.#loop !== undefined) throw new Error("AgentRuntime already started");
    this.#loop = this.#run();
  }

  /** Asks the loop to stop after the current handler, then waits for it. The cursor is
   * already saved after each event, so nothing is lost. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    // Handlers that hold resources (a served protocol, an open source) release them now.
    for (const handler of this.#p.handlers) await handler.onStop?.();
  }

  /** One pass: waits for leftover pending transactions, catches up to the current head and
   * returns. Throws on failure (the background loop retries instead). */
  async runOnce(): Promise<void> {
    await this.#prepare();
    await this.#poll();
  }

  #prepared = false;

  async #prepare(): Promise<void> {
    if (this.#prepared) return;
    const { chainId } = await this.#p.provider.getNetwork();
    this.#chainId = chainId;
    this.#cursor = await this.#store.load();
    if (this.#cursor !== undefined && this.#cursor.chainId !== chainId.toString()) {
      throw new CursorChainMismatchError({ file: this.#p.cursorFile, expected: BigInt(this.#cursor.chainId), actual: chainId });
    }
    this.#p.logger.info(
      this.#cursor === undefined
        ? `no cursor yet: starting at deployment block ${this.#p.startBlock} on chain ${chainId}`
        : `resuming on chain ${chainId} after block ${this.#cursor.blockNumber}${this.#cursor.blockComplete ? "" : ` log #${this.#cursor.logIndex}`} (from ${this.#p.cursorFile})`,
    );
    await this.#awaitPendingTransactions();
    this.#prepared = true;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        await this.#prepare();
        await this.#poll();
        if (this.#outageSince !== undefined) {
          this.#p.logger.info(`node reachable again after ${((Date.now() - this.#outageSince) / 1000).toFixed(1)} s; caught up to block ${this.#cursor?.blockNumber ?? "?"}`);
          this.#outageSince = undefined;
        }
        this.#failures = 0;
        await this.#sleep(this.#p.pollIntervalMs);
      } catch (error) {
        if (error instanceof CursorChainMismatchError) {
          this.#p.logger.error(error.message);
          throw error;
        }
        this.#failures++;
        const delay = Math.min(this.#p.pollIntervalMs * 2 ** this.#failures, this.#p.maxBackoffMs);
        if (isConnectionError(error)) {
          if (this.#outageSince === undefined) this.#outageSince = Date.now();
          this.#p.logger.warn(`node unreachable (${shortMessage(error)}); retrying in ${(delay / 1000).toFixed(1)} s`);
        } else {
          this.#p.logger.warn(`poll failed (${shortMessage(error)}); retrying in ${(delay / 1000).toFixed(1)} s`);
        }
        await this.#sleep(delay);
      }
    }
    this.#p.logger.info(`stopped; cursor saved at block ${this.#cursor?.blockNumber ?? "(none)"}`);
  }

  async #poll(): Promise<void> {
    const provider = this.#p.provider;
    const head = await provider.getBlockNumber();
    await this.#detectRewind(head);
    let from = this.#cursor === undefined ? this.#p.startBlock : this.#cursor.blockComplete ? this.#cursor.blockNumber + 1 : this.#cursor.blockNumber;
    const address = this.#p.contracts.map((c) => c.address);
    while (from <= head && !this.#stopping) {
      const to = Math.min(head, from + this.#p.maxBlockRange - 1);
      const logs = await provider.getLogs({ address, fromBlock: from, toBlock: to });
      logs.sort((a, b) => a.blockNumber - b.blockNumber || a.index - b.index);
      for (const log of logs) {
        if (this.#stopping) return;
        if (this.#isHandled({ blockNumber: log.blockNumber, logIndex: log.index })) continue;
        await this.#dispatch(log);
        await this.#save({ blockNumber: log.blockNumber, blockHash: log.blockHash, logIndex: log.index, blockComplete: false });
      }
      const block = await provider.getBlock(to);
      await this.#save({ blockNumber: to, blockHash: block?.hash ?? null, logIndex: -1, blockComplete: true });
      from = to + 1;
    }
    if (!this.#stopping) await this.#tick();
  }

  /** Runs every handler's onTick once the cycle caught up (also when no logs came). */
  async #tick(): Promise<void> {
    const context = this.#context();
    for (const handler of this.#p.handlers) {
      if (handler.onTick === undefined || this.#stopping) continue;
      try {
        await handler.onTick(context);
        this.#tickFailures.delete(handler.name);
      } catch (error) {
        if (isConnectionError(error)) throw error;
        const message = shortMessage(error);
        if (this.#tickFailures.get(handler.name) !== message) {
          this.#p.logger.error(`${handler.name}: periodic check failed (${message}); trying again every poll`);
          this.#tickFailures.set(handler.name, message);
        }
      }
    }
  }

  #context(): AgentContext {
    return { self: this.#p.self, signer: this.#p.signer, provider: this.#p.provider, logger: this.#p.logger };
  }

  #isHandled({ blockNumber, logIndex }: Position): boolean {
    const c = this.#cursor;
    if (c === undefined) return blockNumber < this.#p.startBlock;
    if (blockNumber !== c.blockNumber) return blockNumber < c.blockNumber;
    return c.blockComplete || logIndex <= c.logIndex;
  }

  async #dispatch(log: Log): Promise<void> {
    const contract = this.#byAddress.get(log.address.toLowerCase());
    if (contract === undefined) return;
    const parsed = contract.interface.parseLog({ topics: [...log.topics], data: log.data });
    if (parsed === null) return;
    const handlers = this.#routes.get(`${contract.name}.${parsed.name}`) ?? [];
    const event: AgentEvent = {
      contract: contract.name,
      name: parsed.name,
      args: parsed.args,
      blockNumber: log.blockNumber,
      logIndex: log.index,
      transactionHash: log.transactionHash,
      log,
    };
    const context = this.#context();
    for (const handler of handlers) {
      const key = `${log.blockNumber}:${log.index}:${handler.name}`;
      try {
        await handler.handle(event, context);
        this.#attempts.delete(key);
      } catch (error) {
        if (isConnectionError(error)) throw error;
        const attempts = (this.#attempts.get(key) ?? 0) + 1;
        this.#attempts.set(key, attempts);
        if (attempts < this.#p.maxHandlerAttempts) throw error;
        this.#attempts.delete(key);
        this.#p.logger.error(
          `${handler.name}: giving up on ${contract.name}.${parsed.name} at block ${log.blockNumber} log #${log.index} after ${attempts} attempts: ${shortMessage(error)}`,
        );
      }
    }
  }

  async #detectRewind(head: number): Promise<void> {
    const c = this.#cursor;
    if (c === undefined) return;
    let reason: string | undefined;
    if (head < c.blockNumber) {
      reason = `the chain went backwards: head is block ${head} but the cursor is at block ${c.blockNumber}`;
    } else if (c.blockHash !== null) {
      const block = await this.#p.provider.getBlock(c.blockNumber);
      if (block !== null && block.hash !== c.blockHash) {
        reason = `block ${c.blockNumber} now has hash ${block.hash} but the cursor saw ${c.blockHash}`;
      }
    }
    if (reason === undefined) return;
    const resetTo = this.#p.startBlock <= head ? this.#p.startBlock : 0;
    this.#p.logger.warn(
      `${reason} — the node was probably restarted with fresh state (or reorganised). Resetting the cursor to block ${resetTo} and replaying; handlers check on-chain state, so nothing is sent twice.`,
    );
    this.#cursor = undefined;
    await this.#save({ blockNumber: resetTo, blockHash: null, logIndex: -1, blockComplete: false });
    this.#warnedNoCode = false;
    const codes = await Promise.all(this.#p.contracts.map((c) => this.#p.provider.getCode(c.address)));
    const missing = this.#p.contracts.filter((_, i) => codes[i] === "0x");
    if (missing.length > 0 && !this.#warnedNoCode) {
      this.#warnedNoCode = true;
      this.#p.logger.warn(
        `no contract code on this chain at ${missing.map((c) => `${c.name} ${c.address}`).join(", ")}: waiting for a redeploy at the same addresses (e.g. restart \`npm run devnet\`)`,
      );
    }
  }

  async #save(position: Omit<AgentCursor, "version" | "chainId" | "updatedAt">): Promise<void> {
    const cursor: AgentCursor = {
      version: 1,
      chainId: (this.#chainId ?? 0n).toString(),
      ...position,
      updatedAt: new Date().toISOString(),
    };
    await this.#store.save(cursor);
    this.#cursor = cursor;
  }

  async #awaitPendingTransactions(): Promise<void> {
    const { provider, self, logger } = this.#p;
    let announced = false;
    for (;;) {
      const [pending, latest] = await Promise.all([
        provider.getTransactionCount(self, "pending"),
        provider.getTransactionCount(self, "latest"),
      ]);
      if (pending <= latest) return;
      if (!announced) {
        logger.info(`waiting for ${pending - latest} pending transaction(s) from an earlier run to be mined before replaying events`);
        announced = true;
      }
      if (this.#stopping) return;
      await this.#sleep(this.#p.pollIntervalMs);
    }
  }

  async #sleep(ms: number): Promise<void> {
    if (this.#stopping) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = undefined;
  }
}

function shortMessage(error: unknown): string {
  const e = error as { shortMessage?: unknown; message?: unknown; error?: { message?: unknown } };
  let text = typeof e?.shortMessage === "string" ? e.shortMessage : typeof e?.message === "string" ? e.message : String(error);
  // ethers wraps a node's JSON-RPC error ("could not coalesce error"): show the node's words.
  if (typeof e?.error?.message === "string") text += `: ${e.error.message}`;
  return text.split("\n")[0]!.slice(0, 300);
}
