import { Contract, ZeroAddress } from "ethers";

import type { IFairExchangeEscrow, IXorMarket } from "../../types/ethers-contracts/index.js";
import { ORDER_STATES } from "../chain/index.js";
import { QualityStateError } from "./errors.js";

export type BuyXorResult = { orderId: bigint; txHashes: string[] };

/**
 * A buys offer `offerId` (Nasu et al. Table II step 2) in the two steps IXorMarket
 * prescribes: `escrow.openOrder` with the offer's exact terms and subject (paying the price,
 * or approving it for an ERC-20), then `market.purchase(offerId, orderId)`. Idempotent: an
 * offer A already bought returns that order; an order A opened for it but never recorded
 * (a crash between the two) is recorded now instead of paying twice.
 */
export async function buyXor({
  market,
  escrow,
  buyer,
  offerId,
}: {
  /** Both connected to A's signer. */
  market: IXorMarket;
  escrow: IFairExchangeEscrow;
  buyer: string;
  offerId: bigint;
}): Promise<BuyXorResult> {
  const bought = await market.queryFilter(market.filters.XorPurchased(offerId, undefined, buyer));
  const first = bought[0];
  if (first !== undefined) return { orderId: first.args.orderId, txHashes: [] };

  const offer = await market.offerOf(offerId);
  if (offer.withdrawn) throw new QualityStateError({ what: `offer ${offerId}`, expected: "Listed", got: "Withdrawn" });
  const subject = await market.offerSubject(offerId);
  const txHashes: string[] = [];

  let orderId: bigint | undefined;
  for (const event of await escrow.queryFilter(escrow.filters.OrderOpened(undefined, buyer, offer.servicer))) {
    if (event.args.subject !== subject) continue;
    const order = await escrow.order(event.args.orderId);
    if (ORDER_STATES[Number(order.state)] === "Funded") orderId = event.args.orderId;
  }
  if (orderId === undefined) {
    const { token, price, deliveryPeriod, confirmationPeriod } = offer.terms;
    if (token !== ZeroAddress) {
      const erc20 = new Contract(token, ["function approve(address spender, uint256 amount) returns (bool)"], market.runner);
      const approval = (await erc20.getFunction("approve")(await escrow.getAddress(), price)) as { hash: string; wait(): Promise<unknown> };
      await approval.wait();
      txHashes.push(approval.hash);
    }
    const tx = await escrow.openOrder(
      { seller: offer.servicer, token, amount: price, deliveryPeriod, confirmationPeriod, subject },
      { value: token === ZeroAddress ? price : 0n },
    );
    const receipt = await tx.wait();
    txHashes.push(tx.hash);
    for (const log of receipt?.logs ?? []) {
      const parsed = escrow.interface.parseLog(log);
      if (parsed?.name === "OrderOpened") orderId = parsed.args.getValue("orderId") as bigint;
    }
    if (orderId === undefined) throw new QualityStateError({ what: `openOrder tx ${tx.hash}`, expected: "an OrderOpened event", got: "none" });
  }
  const tx = await market.purchase(offerId, orderId);
  await tx.wait();
  txHashes.push(tx.hash);
  return { orderId, txHashes };
}
