import type { Provider } from "ethers";

import { createParticipantAgent, type AgentLogger, type AgentRuntime } from "../../offchain/agents/index.js";
import type { QualityActor, QualityWorld } from "./quality-world.js";

export type QualityAgents = {
  /** Every agent's log lines, prefixed (`<prefix> m`, `<prefix> WARN m`, `<prefix> ERROR m`). */
  lines: string[];
  /** Creates and starts `actor`'s agent (quality handlers on, 50 ms polls, TEST ONLY key size). */
  start(actor: QualityActor, prefix: string): Promise<AgentRuntime>;
  /** Polls `condition` every 50 ms; throws with the agent log after `timeoutMs`. */
  waitFor(what: string, condition: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  /** Stops every agent started here. */
  stop(): Promise<void>;
};

/** In-process participant agents for the actors of a quality `world`, all logging into `lines`. */
export function qualityAgents(world: QualityWorld, provider: Provider): QualityAgents {
  const lines: string[] = [];
  const runtimes: AgentRuntime[] = [];
  const logger = (prefix: string): AgentLogger => ({
    info: (m) => lines.push(`${prefix} ${m}`),
    warn: (m) => lines.push(`${prefix} WARN ${m}`),
    error: (m) => lines.push(`${prefix} ERROR ${m}`),
  });
  return {
    lines,
    async start(actor, prefix) {
      const runtime = await createParticipantAgent({
        participant: actor.participant,
        provider,
        deployment: world.deployment,
        home: world.home,
        logger: logger(prefix),
        pollIntervalMs: 50,
        quality: { store: actor.store, vault: actor.vault, allowInsecureKeySize: true /* TEST ONLY */, fetchTimeoutMs: 10_000 },
      });
      runtimes.push(runtime);
      runtime.start();
      return runtime;
    },
    async waitFor(what, condition, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (!(await condition())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; agent log:\n${lines.join("\n")}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      await Promise.all(runtimes.map((r) => r.stop()));
    },
  };
}
