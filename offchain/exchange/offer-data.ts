import { ZeroAddress } from "ethers";

import { waitForEvent } from "../chain/index.js";
import { ENTRY_STATES, stateName } from "./entry-states.js";
import { ExchangeStateError } from "./errors.js";
import type { ExchangeParty } from "./exchange-party.js";
import { encodeUsageTerms, usageTermsHashOf, type UsageTerms } from "./usage-terms.js";

export type OfferDataParameters = {
  party: ExchangeParty;
  entryId: bigint;
  category: string;
  price: bigint;
  /** address(0) (default) = native currency. */
  token?: string;
  deliveryPeriod: bigint;
  confirmationPeriod: bigint;
  usageTerms: UsageTerms;
  /** For a proxy: its Shared trade of the entry (the hop it bought). */
  upstreamTrade?: bigint;
};

/** A supplier (or a proxy) lists a certified entry for sale (D3.6 clause 9.7). The usage
 * terms document is kept in its own node; its hash and CID go on chain. Refuses to offer data
 * whose key it does not hold (it could never deliver). */
export async function offerData({ party, entryId, category, price, token = ZeroAddress, deliveryPeriod, confirmationPeriod, usageTerms, upstreamTrade = 0n }: OfferDataParameters) {
  const { dataRegistry, dataMarket } = party.contracts;
  const entry = await dataRegistry.entry(entryId);
  const state = stateName(ENTRY_STATES, entry.state);
  if (state !== "Certified") throw new ExchangeStateError({ what: `entry ${entryId}`, expected: "Certified by a regulator before it is offered", got: state });
  if (!(await party.vault.has(entry.fingerprint))) {
    throw new ExchangeStateError({ what: `entry ${entryId}`, expected: "its data key in this member's vault (submitted or bought by it)", got: "no key" });
  }
  const termsBytes = encodeUsageTerms(usageTerms);
  const usageTermsCid = await party.store.put(termsBytes);
  await party.store.pin(usageTermsCid);
  const tx = await dataMarket.offer({
    entryId,
    category,
    token,
    price,
    deliveryPeriod,
    confirmationPeriod,
    usageTermsHash: usageTermsHashOf(termsBytes),
    usageTermsCid,
    resaleAllowed: usageTerms.resale,
    upstreamTrade,
  });
  const { args, receipt } = await waitForEvent(tx, dataMarket, "OfferListed");
  return { offerId: args.getValue("offerId") as bigint, usageTermsCid, txHash: tx.hash, gasUsed: receipt.gasUsed };
}
