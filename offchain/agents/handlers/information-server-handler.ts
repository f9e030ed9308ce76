import type { IConsortiumRegistry } from "../../../types/ethers-contracts/index.js";
import type { AgentHandler } from "../agent-types.js";

/**
 * Keeps the URL of the member's information server (D3.6 I.1.3) in the registry profile
 * (`updateInfoServer`) equal to where the server listens, so others can find it. Sends nothing
 * when it is already registered; a candidate waits for its admission. Whoever started the
 * server stops it.
 */
export function createInformationServerHandler({ registry, server }: { registry: IConsortiumRegistry; server: { url: string } }): AgentHandler {
  let checked = false;
  return {
    name: "information-server",
    events: ["registry.MemberAdmitted"],
    async handle(event, context) {
      if ((event.args.getValue("account") as string).toLowerCase() === context.self.toLowerCase()) checked = false;
    },
    async onTick(context) {
      if (checked) return;
      if (!(await registry.isMember(context.self))) return;
      const { profile } = await registry.member(context.self);
      if (profile.infoServerUrl !== server.url) {
        const tx = await registry.updateInfoServer(server.url);
        await tx.wait();
        context.logger.info(`published information server ${server.url} on chain (was ${profile.infoServerUrl || "(none)"}) → tx ${tx.hash}`);
      }
      checked = true;
    },
  };
}
