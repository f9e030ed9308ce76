import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `market:deliver`: the supplier delivers a paid trade: the data key sealed to the buyer. */
export default explainErrors(async function marketDeliver(args: { participant: string | undefined; order: string | undefined; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the supplier of the trade");
  const orderId = parseIntegerOption("order", args.order, { what: "a trade (escrow order) id" });
  const session = await openExchangeSession({ hre, name, home: args.home, storage: true });
  try {
    const result = await session.exchange.deliverData({ party: session.party(), orderId });
    console.log("skipped" in result ? `nothing sent: ${result.skipped}` : `trade #${orderId}: data key sealed to the buyer in ${result.cid} → tx ${result.txHash}`);
  } finally {
    await session.close();
  }
});
