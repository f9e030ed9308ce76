import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { TaskInputError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type XorConfirmArguments = { participant: string | undefined; order: string | undefined; allowInsecureKey: boolean; home: string | undefined };

/** `xor:confirm`: A checks the delivery against B's commitment and confirms it (refuses a bad one). */
export default explainErrors(async function xorConfirm(args: XorConfirmArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the buyer");
  const orderId = parseIntegerOption("order", args.order, { what: "an escrow order id" });
  const session = await openQualitySession({ hre, name, home: args.home, storage: true, allowInsecureKeySize: args.allowInsecureKey });
  try {
    const { quality, contracts, party } = session;
    const verdict = await quality.verifyDelivery({ party: party(), channel: contracts.channel, market: contracts.market, escrow: contracts.escrow, orderId });
    if (verdict.verdict === "bad") {
      throw new TaskInputError("BAD_DELIVERY", `--order ${orderId}: the delivery does not check out (${verdict.reason}); not confirming. Dispute it with xor:dispute`);
    }
    const txHash = await quality.confirmDelivery({ escrow: contracts.escrow, orderId });
    console.log(txHash === undefined ? `order #${orderId} checks out and is no longer Delivered; nothing sent` : `order #${orderId}: delivery matches the owner's commitment; confirmed → tx ${txHash}`);
  } finally {
    await session.close();
  }
});
