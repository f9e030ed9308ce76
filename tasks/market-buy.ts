import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `market:buy`: pays an offer into the escrow and records the trade (filling a matched request). */
export default explainErrors(async function marketBuy(args: { participant: string | undefined; offer: string | undefined; request: string | undefined; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the buyer");
  const offerId = parseIntegerOption("offer", args.offer, { what: "an offer id (market:list)" });
  const requestId = args.request === undefined ? 0n : parseIntegerOption("request", args.request, { what: "your request the offer was matched with" });
  const session = await openExchangeSession({ hre, name, home: args.home, storage: false });
  try {
    const count = await session.contracts.dataMarket.offerCount();
    if (offerId > count) throw new InvalidOptionError({ option: "offer", expected: `an offer id from 1 to ${count}`, got: args.offer });
    const { orderId, price, supplier, txHashes } = await session.exchange.buyData({ party: session.party(), offerId, requestId });
    console.log(`trade #${orderId}: paid ${price} wei into escrow for offer #${offerId} of ${supplier} → txs ${txHashes.join(", ")}; the supplier's agent delivers the key (or market:deliver)`);
  } finally {
    await session.close();
  }
});
