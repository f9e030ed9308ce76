import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type XorOfferArguments = { participant: string | undefined; pair: string | undefined; price: string | undefined; deliveryPeriod: string; confirmationPeriod: string; allowInsecureKey: boolean; home: string | undefined };

/** `xor:offer`: S checks the XOR data B posted to it, then lists it for sale. */
export default explainErrors(async function xorOffer(args: XorOfferArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the servicer (holds SERVICER)");
  const pairId = parseIntegerOption("pair", args.pair, { what: "a pair id (quality:list)" });
  const price = parseIntegerOption("price", args.price, { what: "the price in wei" });
  const deliveryPeriod = parseIntegerOption("delivery-period", args.deliveryPeriod, { what: "seconds to deliver" });
  const confirmationPeriod = parseIntegerOption("confirmation-period", args.confirmationPeriod, { what: "seconds for the buyer to confirm" });
  const session = await openQualitySession({ hre, name, home: args.home, storage: true, allowInsecureKeySize: args.allowInsecureKey });
  try {
    const { quality, contracts, party } = session;
    await quality.acceptXorPost({ party: party(), channel: contracts.channel, pairId });
    console.log(`XOR data of pair #${pairId} fetched from the owner's node, opened and checked against its commitment`);
    const { offerId, txHash } = await quality.offerXor({
      market: contracts.market,
      servicer: party().address,
      pairId,
      terms: { token: "0x0000000000000000000000000000000000000000", price, deliveryPeriod, confirmationPeriod },
    });
    console.log(txHash === undefined ? `offer #${offerId} already lists it on these terms; nothing sent` : `offer #${offerId} listed at ${price} wei → tx ${txHash}`);
  } finally {
    await session.close();
  }
});
