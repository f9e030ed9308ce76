import { writeFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type MarketConfirmArguments = { participant: string | undefined; order: string | undefined; out: string | undefined; dispute: boolean; home: string | undefined };

/** `market:confirm`: the buyer fetches and checks a delivery against the on-chain fingerprint,
 * writes the data out, confirms (releasing the payment) and records the sharing. A delivery
 * that fails the check is refused; --dispute then opens the arbiters' vote. */
export default explainErrors(async function marketConfirm(args: MarketConfirmArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the buyer of the trade");
  const orderId = parseIntegerOption("order", args.order, { what: "a trade (escrow order) id" });
  const session = await openExchangeSession({ hre, name, home: args.home, storage: true });
  try {
    const { exchange } = session;
    const party = session.party();
    let received;
    try {
      received = await exchange.receiveData({ party, orderId });
    } catch (error) {
      if (!args.dispute) throw error;
      const { reasonCid, txHash } = await exchange.disputeData({ party, orderId, reason: (error as Error).message });
      console.log(`trade #${orderId}: the delivery failed its check (${(error as Error).message}); disputed (reason ${reasonCid}) → tx ${txHash}`);
      return;
    }
    console.log(`trade #${orderId}: ${received.data.length} bytes of ${received.metadata.category} data from ${received.seller}; SHA-256 matches fingerprint ${received.fingerprint}`);
    if (args.out !== undefined) {
      await writeFile(args.out, received.data, { mode: 0o600 });
      console.log(`  written to ${args.out}`);
    }
    const { txHashes } = await exchange.confirmData({ party, orderId });
    console.log(`confirmed: payment released, sharing and usage statement recorded → txs ${txHashes.join(", ")}`);
  } finally {
    await session.close();
  }
});
