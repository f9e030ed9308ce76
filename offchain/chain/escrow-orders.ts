import type { IFairExchangeEscrow } from "../../types/ethers-contracts/index.js";

/** Escrow order states (IFairExchangeEscrow.OrderState), by their on-chain number. */
export const ORDER_STATES = ["None", "Funded", "Delivered", "Released", "Refunded", "Disputed"] as const;

export type OrderStateName = (typeof ORDER_STATES)[number];

/** The state name of an order as the escrow returns it. */
export function orderStateOf(order: { state: bigint }): OrderStateName {
  return ORDER_STATES[Number(order.state)] ?? "None";
}

/** A seller (or anyone) withdraws its escrow credit in `token` when there is one; used by
 * every part that sells through the shared escrow. */
export async function withdrawEscrowCredit({
  escrow,
  account,
  token,
}: {
  escrow: Pick<IFairExchangeEscrow, "credit" | "withdraw">;
  account: string;
  token: string;
}): Promise<{ amount: bigint; txHash: string | undefined }> {
  const amount = await escrow.credit(account, token);
  if (amount === 0n) return { amount, txHash: undefined };
  const tx = await escrow.withdraw(token);
  await tx.wait();
  return { amount, txHash: tx.hash };
}
