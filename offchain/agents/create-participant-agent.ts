import type { Provider } from "ethers";

import { connectConsortium, participantPaths, type Deployment, type Participant } from "../chain/index.js";
import { AgentRuntime } from "./agent-runtime.js";
import type { AgentHandler, AgentLogger } from "./agent-types.js";
import { createEndpointsHandler } from "./handlers/endpoints-handler.js";
import { createMembershipHandler } from "./handlers/membership-handler.js";
import { readAgentPolicy } from "./read-agent-policy.js";

export type CreateParticipantAgentParameters = {
  participant: Participant;
  provider: Provider;
  deployment: Pick<Deployment, "address" | "startBlock">;
  logger: AgentLogger;
  /** Participant home (for the cursor and policy paths); default as in participantPaths. */
  home?: string | undefined;
  /** Overrides the deployment's start block for a first run. */
  startBlock?: number;
  pollIntervalMs?: number;
  /** Extra handlers from other parts (quality, torrent, …). */
  extraHandlers?: readonly AgentHandler[];
  /** Where the participant's storage node listens now: published on chain (updateEndpoints)
   * when the member's registered endpoints differ. Omit to leave them alone. */
  endpoints?: { peerId: string; multiaddrs: readonly string[] };
};

/** Wires a participant's agent: its wallet as signer, the consortium contracts, its policy
 * and the membership handler (plus the endpoints handler when `endpoints` is given, plus any
 * extra handlers), with the cursor in
 * `<participant>/agent/cursor.json`. Call `start()` or hand it to runAgent. */
export async function createParticipantAgent({
  participant,
  provider,
  deployment,
  logger,
  home,
  startBlock,
  pollIntervalMs,
  extraHandlers = [],
  endpoints,
}: CreateParticipantAgentParameters): Promise<AgentRuntime> {
  const paths = participantPaths({ name: participant.name, home });
  const signer = participant.wallet.connect(provider);
  const { ballot, registry } = connectConsortium({ deployment, runner: signer });
  const policy = await readAgentPolicy({ file: paths.policy });
  logger.info(
    `policy: admission=${policy.admission}, membershipChanges=${policy.membershipChanges}, allowlist=${policy.allowlist.length} address(es)`,
  );
  return new AgentRuntime({
    self: participant.wallet.address,
    signer,
    provider,
    contracts: [
      { name: "ballot", address: await ballot.getAddress(), interface: ballot.interface },
      { name: "registry", address: await registry.getAddress(), interface: registry.interface },
    ],
    handlers: [
      createMembershipHandler({ ballot, registry, policy }),
      ...(endpoints === undefined ? [] : [createEndpointsHandler({ registry, ...endpoints })]),
      ...extraHandlers,
    ],
    cursorFile: paths.cursor,
    startBlock: startBlock ?? deployment.startBlock,
    logger,
    ...(pollIntervalMs === undefined ? {} : { pollIntervalMs }),
  });
}
