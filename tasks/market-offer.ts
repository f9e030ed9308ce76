import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { parseListOption } from "./helpers/parse-list-option.js";
import { requireOption } from "./helpers/require-option.js";

export type MarketOfferArguments = {
  participant: string | undefined;
  entry: string | undefined;
  category: string | undefined;
  price: string | undefined;
  deliveryPeriod: string;
  confirmationPeriod: string;
  purposes: string | undefined;
  resale: boolean;
  retentionDays: string;
  attribution: string | undefined;
  upstreamTrade: string | undefined;
  home: string | undefined;
};

/** `market:offer`: a supplier (or a proxy, with --upstream-trade) lists a certified entry with
 * its price and usage terms. */
export default explainErrors(async function marketOffer(args: MarketOfferArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the supplier (the entry's submitter, or a proxy that bought it)");
  const entryId = parseIntegerOption("entry", args.entry, { what: "a certified entry id" });
  const category = requireOption("category", args.category, "the category buyers search, e.g. logistics.cold-chain");
  const price = parseIntegerOption("price", args.price, { what: "the price in wei" });
  const deliveryPeriod = parseIntegerOption("delivery-period", args.deliveryPeriod, { what: "seconds to deliver after payment" });
  const confirmationPeriod = parseIntegerOption("confirmation-period", args.confirmationPeriod, { what: "seconds the buyer has to confirm" });
  const purposes = parseListOption("purposes", args.purposes, { what: "permitted purposes, e.g. quality-audit,route-planning" });
  const retentionDays = Number(parseIntegerOption("retention-days", args.retentionDays, { what: "days the buyer may keep the data" }));
  if (retentionDays > 3650) throw new InvalidOptionError({ option: "retention-days", expected: "1..3650", got: args.retentionDays });
  const upstreamTrade = args.upstreamTrade === undefined ? 0n : parseIntegerOption("upstream-trade", args.upstreamTrade, { what: "your Shared trade of this entry (for a proxy)" });
  const session = await openExchangeSession({ hre, name, home: args.home, storage: true });
  try {
    const { offerId, usageTermsCid, txHash } = await session.exchange.offerData({
      party: session.party(),
      entryId,
      category,
      price,
      deliveryPeriod,
      confirmationPeriod,
      usageTerms: { purposes, resale: args.resale, retentionDays, attribution: args.attribution ?? "" },
      upstreamTrade,
    });
    console.log(`offer #${offerId}: entry #${entryId} (${category}) at ${price} wei; usage terms ${usageTermsCid} (purposes ${purposes.join(", ")}, resale ${args.resale ? "allowed" : "not allowed"}, keep ${retentionDays} days) → tx ${txHash}`);
  } finally {
    await session.close();
  }
});
