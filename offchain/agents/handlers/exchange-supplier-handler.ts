import { deliverData, type ExchangeParty } from "../../exchange/index.js";
import type { AgentHandler } from "../agent-types.js";

/**
 * A supplier's (or proxy's) agent: on `dataMarket.TradeOpened` for one of its offers it
 * delivers the data key sealed to the buyer (only while the order is Funded). Payouts are
 * withdrawn by the escrow-payee handler.
 */
export function createExchangeSupplierHandler({ party }: { party: ExchangeParty }): AgentHandler {
  const { dataMarket } = party.contracts;
  return {
    name: "exchange-supplier",
    events: ["dataMarket.TradeOpened"],
    async handle(event, context) {
      const orderId = event.args.getValue("orderId") as bigint;
      const offerId = event.args.getValue("offerId") as bigint;
      if ((await dataMarket.offerOf(offerId)).supplier.toLowerCase() !== party.address.toLowerCase()) return;
      const result = await deliverData({ party, orderId });
      if ("txHash" in result) context.logger.info(`trade #${orderId} (offer #${offerId}): delivered the data key sealed to the buyer (${result.cid}) → tx ${result.txHash}`);
    },
  };
}
