import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { requireOption } from "./helpers/require-option.js";

/** `market:match`: a SERVICER runs one matching round by the documented policy (the agent does
 * the same after every new offer or request). */
export default explainErrors(async function marketMatch(args: { participant: string | undefined; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "a member holding the SERVICER role");
  const session = await openExchangeSession({ hre, name, home: args.home, storage: false });
  try {
    const matches = await session.exchange.matchMarket({ market: session.contracts.dataMarket });
    if (matches.length === 0) console.log("no open, unmatched request has a fitting offer; nothing sent");
    for (const m of matches) console.log(`matched request #${m.requestId} with offer #${m.offerId} → tx ${m.txHash}`);
  } finally {
    await session.close();
  }
});
