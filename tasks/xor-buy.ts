import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";
import { InvalidOptionError } from "./helpers/errors.js";

export type XorBuyArguments = { participant: string | undefined; offer: string | undefined; home: string | undefined };

/** `xor:buy`: A pays an offer through the escrow (openOrder) and records the purchase. */
export default explainErrors(async function xorBuy(args: XorBuyArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the buyer (company A)");
  const offerId = parseIntegerOption("offer", args.offer, { what: "an offer id (quality:list)" });
  const session = await openQualitySession({ hre, name, home: args.home, storage: false });
  try {
    const { quality, contracts, participant } = session;
    const count = await contracts.market.offerCount();
    if (offerId > count) throw new InvalidOptionError({ option: "offer", expected: `an offer id from 1 to ${count}`, got: args.offer });
    const { orderId, txHashes } = await quality.buyXor({ market: contracts.market, escrow: contracts.escrow, buyer: participant.wallet.address, offerId });
    console.log(txHashes.length === 0 ? `offer #${offerId} was already bought as escrow order #${orderId}; nothing sent` : `bought offer #${offerId} as escrow order #${orderId} → txs ${txHashes.join(", ")}`);
  } finally {
    await session.close();
  }
});
