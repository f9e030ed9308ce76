import { ZeroAddress } from "ethers";

import { waitForEvent } from "../chain/index.js";
import { OFFER_STATES, stateName } from "./entry-states.js";
import { ExchangeStateError } from "./errors.js";
import type { ExchangeParty } from "./exchange-party.js";

/**
 * A buyer pays for offer `offerId` through the shared escrow and records the trade
 * (IDataMarket, "Buying an offer"): opens an order repeating the offer's terms exactly, then
 * `buy`. `requestId` names the buyer's matched request it fills (0 for a direct purchase).
 * The supplier's agent delivers on the TradeOpened event.
 */
export async function buyData({ party, offerId, requestId = 0n }: { party: ExchangeParty; offerId: bigint; requestId?: bigint }) {
  const { dataMarket, escrow } = party.contracts;
  const state = stateName(OFFER_STATES, await dataMarket.offerState(offerId));
  if (state !== "Listed") throw new ExchangeStateError({ what: `offer ${offerId}`, expected: "Listed", got: state });
  const offer = await dataMarket.offerOf(offerId);
  const { terms } = offer;
  if (terms.token !== ZeroAddress) {
    throw new ExchangeStateError({ what: `offer ${offerId}`, expected: "a price in the native currency (ERC-20 offers: approve the escrow and open the order yourself)", got: `token ${terms.token}` });
  }
  const open = await escrow.openOrder(
    {
      seller: offer.supplier,
      token: terms.token,
      amount: terms.price,
      deliveryPeriod: terms.deliveryPeriod,
      confirmationPeriod: terms.confirmationPeriod,
      subject: await dataMarket.offerSubject(offerId),
    },
    { value: terms.price },
  );
  const { args } = await waitForEvent(open, escrow, "OrderOpened");
  const orderId = args.getValue("orderId") as bigint;
  const tx = await dataMarket.buy(offerId, orderId, requestId);
  const receipt = await tx.wait();
  return { orderId, price: terms.price, supplier: offer.supplier, txHashes: [open.hash, tx.hash], gasUsed: receipt!.gasUsed };
}
