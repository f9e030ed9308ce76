import { orderStateOf } from "../chain/index.js";
import { buildDelivery, deliveryHashOf } from "./delivery.js";
import { ExchangeStateError } from "./errors.js";
import type { ExchangeParty } from "./exchange-party.js";

/**
 * The supplier's delivery for trade `orderId`: the entry's data key sealed to the buyer's
 * registered key, bound to this chain, market and order, kept in the supplier's node and
 * announced with `escrow.deliver` (CID + keccak256). The buyer fetches the ciphertext from the
 * supplier's node too. Idempotent: an order no longer Funded is left alone.
 */
export async function deliverData({ party, orderId }: { party: ExchangeParty; orderId: bigint }): Promise<{ cid: string; txHash: string } | { skipped: string }> {
  const { dataMarket, dataRegistry, escrow } = party.contracts;
  const order = await escrow.order(orderId);
  const state = orderStateOf(order);
  if (state !== "Funded") return { skipped: `order ${orderId} is ${state}` };
  if (order.seller.toLowerCase() !== party.address.toLowerCase()) {
    throw new ExchangeStateError({ what: `order ${orderId}`, expected: `seller ${party.address}`, got: order.seller });
  }
  const trade = await dataMarket.tradeOf(orderId);
  const entry = await dataRegistry.entry(trade.entryId);
  const dataKey = await party.vault.load(entry.fingerprint);
  const { chainId } = await party.signer.provider!.getNetwork();
  const bytes = await buildDelivery({
    dataKey,
    entryId: trade.entryId,
    entryCid: entry.cid,
    orderId,
    chainId,
    market: await dataMarket.getAddress(),
    buyerEncryptionKey: (await party.registry.member(order.buyer)).profile.encryptionKey,
  });
  const cid = await party.store.put(bytes);
  await party.store.pin(cid);
  const tx = await escrow.deliver(orderId, cid, deliveryHashOf(bytes));
  await tx.wait();
  return { cid, txHash: tx.hash };
}
