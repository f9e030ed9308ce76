import type { IConsortiumRegistry } from "../../../types/ethers-contracts/index.js";
import type { AgentContext, AgentHandler } from "../agent-types.js";

export type CreateEndpointsHandlerParameters = {
  /** Connected to the participant's signer. */
  registry: IConsortiumRegistry;
  /** The participant's storage node: its peer id and the multiaddrs it listens on now. */
  peerId: string;
  multiaddrs: readonly string[];
};

/**
 * Keeps the member's on-chain endpoints (registry profile `peerId` + `multiaddrs`) equal to
 * where its storage node listens now, e.g. on a port the OS picked (`/tcp/0`). Checks on the
 * first tick and again after this participant is admitted; sends `updateEndpoints` only when
 * they differ (as sets), so restarts and replays send nothing when nothing moved. Not a member
 * (a candidate): nothing to do until its admission.
 */
export function createEndpointsHandler({ registry, peerId, multiaddrs }: CreateEndpointsHandlerParameters): AgentHandler {
  const wanted = [...multiaddrs];
  let checked = false;

  const publish = async (context: AgentContext) => {
    if (!(await registry.isMember(context.self))) return;
    const { profile } = await registry.member(context.self);
    if (profile.peerId === peerId && sameSet(profile.multiaddrs, wanted)) return;
    const tx = await registry.updateEndpoints(peerId, wanted);
    await tx.wait();
    context.logger.info(
      `published storage endpoints on chain: ${wanted.join(", ") || "(none)"} (were ${profile.multiaddrs.join(", ") || "(none)"}) → tx ${tx.hash}`,
    );
  };

  return {
    name: "endpoints",
    events: ["registry.MemberAdmitted"],
    async handle(event, context) {
      if ((event.args.getValue("account") as string).toLowerCase() === context.self.toLowerCase()) checked = false;
    },
    async onTick(context) {
      if (checked) return;
      await publish(context);
      checked = true;
    },
  };
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((x) => left.has(x));
}
