import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";

/** `market:list`: the data market's offers and requests, or (--trade) one trade's provenance
 * across proxies, source first. */
export default explainErrors(async function marketList(args: { trade: string | undefined; json: boolean }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const orderId = args.trade === undefined ? undefined : parseIntegerOption("trade", args.trade, { what: "a trade (escrow order) id" });
  const { chain, provider, deployment, close } = await openChainReader(hre);
  const exchange = await import("../offchain/exchange/index.js");
  const show = (value: unknown) => console.log(JSON.stringify(value, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2));
  try {
    const { dataMarket } = chain.connectExchange({ deployment, runner: provider });
    if (orderId !== undefined) {
      const trade = await dataMarket.tradeOf(orderId).catch(() => undefined);
      if (trade === undefined) throw new InvalidOptionError({ option: "trade", expected: "an escrow order recorded as a data trade (market:buy)", got: args.trade });
      const hops = await exchange.tradeProvenance({ market: dataMarket, orderId });
      if (args.json) return show(hops);
      console.log(`provenance of trade #${orderId}: entry #${trade.entryId}, ${hops.length} hop(s), source first`);
      hops.forEach((h, i) =>
        console.log(`${i + 1}. trade #${h.orderId} ${h.supplier} → ${h.buyer}, ${h.price} wei, ${h.state}; usage terms ${h.usageTermsHash} (${h.usageTermsCid}), resale ${h.resaleAllowed ? "allowed" : "not allowed"}`),
      );
      return;
    }
    const { offers, requests } = await exchange.readMarket(dataMarket);
    if (args.json) return show({ offers, requests });
    console.log(`${offers.length} offer(s), ${requests.length} request(s) on DataMarket ${await dataMarket.getAddress()}`);
    for (const o of offers) console.log(`- offer #${o.offerId} (${o.state}) by ${o.supplier}: ${o.price} wei${o.upstreamTrade === 0n ? "" : `, resold from trade #${o.upstreamTrade}`}`);
    for (const r of requests) console.log(`- request #${r.requestId} (${r.state}) by ${r.demander}: up to ${r.maxPrice} wei${r.matchedOffer === 0n ? "" : `, matched with offer #${r.matchedOffer}`}`);
  } finally {
    await close();
  }
});
