import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type XorDisputeArguments = { participant: string | undefined; order: string | undefined; reason: string | undefined; allowInsecureKey: boolean; home: string | undefined };

/** `xor:dispute`: A disputes a delivery; the reason is the check's finding unless --reason is given. */
export default explainErrors(async function xorDispute(args: XorDisputeArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the buyer");
  const orderId = parseIntegerOption("order", args.order, { what: "an escrow order id" });
  const session = await openQualitySession({ hre, name, home: args.home, storage: true, allowInsecureKeySize: args.allowInsecureKey });
  try {
    const { quality, contracts, party } = session;
    let reason = args.reason;
    if (reason === undefined || reason === "") {
      const verdict = await quality.verifyDelivery({ party: party(), channel: contracts.channel, market: contracts.market, escrow: contracts.escrow, orderId });
      reason = verdict.verdict === "bad" ? verdict.reason : undefined;
      if (reason === undefined) {
        const { TaskInputError } = await import("./helpers/errors.js");
        throw new TaskInputError("GOOD_DELIVERY", `--order ${orderId}: the delivery matches the owner's commitment; give --reason to dispute it anyway`);
      }
    }
    const result = await quality.disputeDelivery({ party: party(), escrow: contracts.escrow, orderId, reason });
    console.log(result === undefined ? `order #${orderId} is not Delivered; nothing sent` : `order #${orderId} disputed (${reason}); reason document ${result.reasonCid} → tx ${result.txHash}`);
  } finally {
    await session.close();
  }
});
