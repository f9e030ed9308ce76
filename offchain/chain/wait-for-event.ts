import type { Interface, Result, TransactionReceipt } from "ethers";

import { MissingEventError } from "./errors.js";

/** Waits for `tx` and returns the receipt and the arguments of the first `event` that
 * `contract` emitted in it (e.g. the id a `submit` assigned). */
export async function waitForEvent(
  tx: { wait(): Promise<TransactionReceipt | null>; hash: string },
  contract: { interface: Interface },
  event: string,
): Promise<{ args: Result; receipt: TransactionReceipt }> {
  const receipt = await tx.wait();
  for (const log of receipt?.logs ?? []) {
    let parsed;
    try {
      parsed = contract.interface.parseLog(log);
    } catch {
      continue; // a log of another contract whose topic happens to collide
    }
    if (parsed?.name === event) return { args: parsed.args, receipt: receipt! };
  }
  throw new MissingEventError({ event, txHash: tx.hash });
}
