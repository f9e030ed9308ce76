import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type XorDeliverArguments = { participant: string | undefined; order: string | undefined; allowInsecureKey: boolean; home: string | undefined };

/** `xor:deliver`: S delivers a purchased XOR bundle re-encrypted to the buyer. */
export default explainErrors(async function xorDeliver(args: XorDeliverArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the servicer who sold the offer");
  const orderId = parseIntegerOption("order", args.order, { what: "an escrow order id" });
  const session = await openQualitySession({ hre, name, home: args.home, storage: true, allowInsecureKeySize: args.allowInsecureKey });
  try {
    const { quality, contracts, party } = session;
    const result = await quality.deliverXor({ party: party(), channel: contracts.channel, market: contracts.market, escrow: contracts.escrow, orderId });
    console.log("skipped" in result ? `${result.skipped}; nothing sent` : `delivered order #${orderId}: ${result.cid} keccak256 ${result.contentHash} → tx ${result.txHash}`);
  } finally {
    await session.close();
  }
});
