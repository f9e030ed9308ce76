import type { IConsortiumRegistry, IDataMarket } from "../../../types/ethers-contracts/index.js";
import { roleIdOf } from "../../chain/index.js";
import { matchMarket } from "../../exchange/index.js";
import type { AgentContext, AgentHandler } from "../agent-types.js";

/**
 * A SERVICER's agent as the platform's matching agent (D3.6 clause 9.7): after a new offer or
 * request it runs one matching round (matching-policy.ts) and records each new match; the
 * contract checks every match again. A member without SERVICER does nothing.
 */
export function createMarketMatcherHandler({ market, registry }: { market: IDataMarket; registry: Pick<IConsortiumRegistry, "hasRole"> }): AgentHandler {
  let dirty = true; // one round at start-up catches what arrived while the agent was down
  const round = async (context: AgentContext) => {
    if (!(await registry.hasRole(roleIdOf("SERVICER"), context.self))) return;
    for (const { requestId, offerId, txHash } of await matchMarket({ market })) {
      context.logger.info(`matched request #${requestId} with offer #${offerId} (cheapest fitting offer, then oldest) → tx ${txHash}`);
    }
  };
  return {
    name: "market-matcher",
    events: ["dataMarket.OfferListed", "dataMarket.RequestPosted", "dataMarket.OfferWithdrawn"],
    async handle() {
      dirty = true;
    },
    async onTick(context) {
      if (!dirty) return;
      dirty = false;
      try {
        await round(context);
      } catch (error) {
        dirty = true; // try again next cycle
        throw error;
      }
    },
  };
}
