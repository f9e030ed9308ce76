import type { AgentLogger } from "./agent-types.js";
import type { AgentRuntime } from "./agent-runtime.js";

export type RunAgentParameters = {
  runtime: AgentRuntime;
  logger: AgentLogger;
  /** Stopped after the runtime (e.g. the participant's storage node). */
  resources?: ReadonlyArray<{ name: string; stop(): Promise<void> }>;
  /** Signals that stop the agent; default SIGINT and SIGTERM. */
  signals?: readonly NodeJS.Signals[];
};

/** Starts the runtime and resolves once a signal stopped it cleanly: current handler
 * finished, cursor saved, resources stopped. */
export async function runAgent({
  runtime,
  logger,
  resources = [],
  signals = ["SIGINT", "SIGTERM"],
}: RunAgentParameters): Promise<void> {
  let resolveStop!: (signal: NodeJS.Signals) => void;
  const stopped = new Promise<NodeJS.Signals>((resolve) => (resolveStop = resolve));
  const onSignal = (signal: NodeJS.Signals) => resolveStop(signal);
  for (const signal of signals) process.once(signal, onSignal);
  runtime.start();
  try {
    const ended = runtime.finished!.then(() => "ended" as const);
    const outcome = await Promise.race([stopped, ended]);
    if (outcome !== "ended") logger.info(`${outcome} received: finishing the current event and stopping`);
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
    await runtime.stop();
    for (const resource of resources) {
      try {
        await resource.stop();
      } catch (error) {
        logger.warn(`stopping ${resource.name} failed: ${(error as Error).message}`);
      }
    }
  }
}
