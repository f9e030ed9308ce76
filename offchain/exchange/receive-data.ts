import { fetchFromMember, orderStateOf } from "../chain/index.js";
import { encodeDocument } from "../document-reader.js";
import { openDataEntry } from "./data-entry.js";
import { parseEntryDocument } from "./entry-document.js";
import { openDelivery } from "./delivery.js";
import { ExchangeStateError } from "./errors.js";
import type { ExchangeParty } from "./exchange-party.js";

/**
 * The buyer's check of a delivered trade (D3.6 clause 9.7): fetches the delivery from the
 * seller's node (keccak256 checked against the escrow), opens the data key sealed to it for
 * this very order, fetches the entry document and ciphertext from the seller, decrypts, and
 * checks SHA-256 against the fingerprint the device signed on chain. On success it pins the
 * entry (so it can pass it on as a proxy) and keeps the data key in its vault.
 * @throws FingerprintMismatchError (and the fetch / format errors) when the delivery is bad:
 * the caller disputes then.
 */
export async function receiveData({ party, orderId }: { party: ExchangeParty; orderId: bigint }) {
  const { dataMarket, dataRegistry, escrow } = party.contracts;
  const order = await escrow.order(orderId);
  const state = orderStateOf(order);
  if (state !== "Delivered") throw new ExchangeStateError({ what: `order ${orderId}`, expected: "Delivered", got: state });
  if (order.buyer.toLowerCase() !== party.address.toLowerCase()) {
    throw new ExchangeStateError({ what: `order ${orderId}`, expected: `buyer ${party.address}`, got: order.buyer });
  }
  const trade = await dataMarket.tradeOf(orderId);
  const entry = await dataRegistry.entry(trade.entryId);
  const timeoutMs = party.fetchTimeoutMs ?? 15_000;
  const fetch = (cid: string, expectedHash?: string) =>
    fetchFromMember({ registry: party.registry, store: party.store, member: order.seller, cid, timeoutMs, ...(expectedHash === undefined ? {} : { expectedHash }) });
  const deliveryBytes = await fetch(order.deliveryCid, order.deliveryHash);
  const { chainId } = await party.signer.provider!.getNetwork();
  const { dataKey } = await openDelivery({
    bytes: deliveryBytes,
    privateKey: party.encryptionPrivateKey,
    expected: { chainId, market: await dataMarket.getAddress(), orderId, entryId: trade.entryId, entryCid: entry.cid },
  });
  const entryBytes = await fetch(entry.cid);
  const { metadata, data } = await openDataEntry({ entryBytes, fetchCiphertext: (cid) => fetch(cid), key: { dataKey }, expectedFingerprint: entry.fingerprint, expectedMetadataHash: entry.metadataHash });
  const { dataCid } = parseEntryDocument(entryBytes);
  await party.store.pin(entry.cid);
  await party.store.pin(dataCid);
  await party.vault.save(entry.fingerprint, dataKey);
  return { entryId: trade.entryId, fingerprint: entry.fingerprint, metadata, data, seller: order.seller };
}

/** The buyer accepts a checked delivery: confirms on the escrow (paying the seller) and
 * records the completed sharing with its usage statement on the market. */
export async function confirmData({ party, orderId }: { party: ExchangeParty; orderId: bigint }) {
  const { escrow } = party.contracts;
  const txHashes: string[] = [];
  if (orderStateOf(await escrow.order(orderId)) === "Delivered") {
    const tx = await escrow.confirm(orderId);
    await tx.wait();
    txHashes.push(tx.hash);
  }
  const shared = await recordSharing({ party, orderId });
  if (shared !== undefined) txHashes.push(shared);
  return { txHashes };
}

/** Records a Released trade as Shared (anyone may; sends nothing when already recorded). */
export async function recordSharing({ party, orderId }: { party: Pick<ExchangeParty, "contracts">; orderId: bigint }): Promise<string | undefined> {
  const { dataMarket, escrow } = party.contracts;
  const trade = await dataMarket.tradeOf(orderId);
  if (trade.state !== 1n || orderStateOf(await escrow.order(orderId)) !== "Released") return undefined;
  const tx = await dataMarket.recordSharing(orderId);
  await tx.wait();
  return tx.hash;
}

/** The buyer disputes a delivery that failed its check; the reason is kept in its node. */
export async function disputeData({ party, orderId, reason }: { party: ExchangeParty; orderId: bigint; reason: string }) {
  const { escrow } = party.contracts;
  const reasonCid = await party.store.put(encodeDocument({ format: "sealedchain.exchange.dispute", version: 1, orderId: orderId.toString(), reason }));
  await party.store.pin(reasonCid);
  const tx = await escrow.dispute(orderId, reasonCid);
  await tx.wait();
  return { reasonCid, txHash: tx.hash };
}
