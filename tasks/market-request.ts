import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type MarketRequestArguments = {
  participant: string | undefined;
  category: string | undefined;
  maxPrice: string | undefined;
  purpose: string | undefined;
  description: string | undefined;
  home: string | undefined;
};

/** `market:request`: a demander posts what data it needs and the most it will pay. */
export default explainErrors(async function marketRequest(args: MarketRequestArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the demander");
  const category = requireOption("category", args.category, "the category wanted, e.g. logistics.cold-chain");
  const maxPrice = parseIntegerOption("max-price", args.maxPrice, { what: "the most you will pay, in wei" });
  const purpose = requireOption("purpose", args.purpose, "what the data will be used for, e.g. quality-audit");
  const session = await openExchangeSession({ hre, name, home: args.home, storage: true });
  try {
    const { requestId, requirementsCid, txHash } = await session.exchange.requestData({
      party: session.party(),
      requirements: { category, purpose, description: args.description ?? "" },
      maxPrice,
    });
    console.log(`request #${requestId}: ${category} for ${purpose}, up to ${maxPrice} wei; requirements ${requirementsCid} → tx ${txHash}; a SERVICER's matching agent pairs it with an offer`);
  } finally {
    await session.close();
  }
});
