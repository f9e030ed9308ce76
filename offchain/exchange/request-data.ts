import { ZeroAddress } from "ethers";

import { waitForEvent } from "../chain/index.js";
import type { ExchangeParty } from "./exchange-party.js";
import { encodeRequirements, requirementsHashOf, type Requirements } from "./usage-terms.js";

/** A demander posts what it needs and the most it will pay (D3.6 clause 9.7); the
 * requirements document is kept in its own node, its hash and CID go on chain. */
export async function requestData({
  party,
  requirements,
  maxPrice,
  token = ZeroAddress,
}: {
  party: ExchangeParty;
  requirements: Requirements;
  maxPrice: bigint;
  token?: string;
}) {
  const bytes = encodeRequirements(requirements);
  const requirementsCid = await party.store.put(bytes);
  await party.store.pin(requirementsCid);
  const { dataMarket } = party.contracts;
  const tx = await dataMarket.request({ category: requirements.category, token, maxPrice, requirementsHash: requirementsHashOf(bytes), requirementsCid });
  const { args } = await waitForEvent(tx, dataMarket, "RequestPosted");
  return { requestId: args.getValue("requestId") as bigint, requirementsCid, txHash: tx.hash };
}
