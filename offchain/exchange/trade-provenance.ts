import type { IDataMarket } from "../../types/ethers-contracts/index.js";
import { TRADE_STATES, stateName } from "./entry-states.js";

/** The provenance of a data asset across hops (D3.6 I.2): every trade from the entry's source
 * down to `orderId`, with each hop's parties and permitted-usage statement. */
export async function tradeProvenance({ market, orderId }: { market: Pick<IDataMarket, "provenance" | "tradeOf" | "offerOf">; orderId: bigint }) {
  const ids = await market.provenance(orderId);
  return Promise.all(
    ids.map(async (id) => {
      const trade = await market.tradeOf(id);
      const offer = await market.offerOf(trade.offerId);
      return {
        orderId: id,
        offerId: trade.offerId,
        entryId: trade.entryId,
        supplier: trade.supplier,
        buyer: trade.buyer,
        state: stateName(TRADE_STATES, trade.state),
        price: offer.terms.price,
        usageTermsHash: trade.usageTermsHash,
        usageTermsCid: offer.terms.usageTermsCid,
        resaleAllowed: offer.terms.resaleAllowed,
        sharedAt: trade.sharedAt,
      };
    }),
  );
}
