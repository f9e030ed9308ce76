import { withdrawEscrowCredit } from "../../chain/index.js";
import type { IFairExchangeEscrow } from "../../../types/ethers-contracts/index.js";
import type { AgentHandler } from "../agent-types.js";

/** Every seller's agent, whatever part it sold in (XOR data, data entries): on
 * `escrow.OrderSettled` paying itself, withdraws its credit in that token when there is one
 * (a replay finds nothing left and sends nothing). */
export function createEscrowPayeeHandler({ escrow }: { escrow: Pick<IFairExchangeEscrow, "order" | "credit" | "withdraw"> }): AgentHandler {
  return {
    name: "escrow-payee",
    events: ["escrow.OrderSettled"],
    async handle(event, context) {
      if ((event.args.getValue("payee") as string).toLowerCase() !== context.self.toLowerCase()) return;
      const order = await escrow.order(event.args.getValue("orderId") as bigint);
      const { amount, txHash } = await withdrawEscrowCredit({ escrow, account: context.self, token: order.token });
      if (txHash !== undefined) context.logger.info(`withdrew ${amount} from the escrow → tx ${txHash}`);
    },
  };
}
