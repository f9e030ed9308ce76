import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type CompareResultArguments = { participant: string | undefined; request: string | undefined; allowInsecureKey: boolean; home: string | undefined };

/** `compare:result`: A fetches, opens and verifies B's answer and records it in its history. */
export default explainErrors(async function compareResult(args: CompareResultArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the requester");
  const requestId = parseIntegerOption("request", args.request, { what: "a comparison request id" });
  const session = await openQualitySession({ hre, name, home: args.home, storage: true, allowInsecureKeySize: args.allowInsecureKey });
  try {
    const { quality, contracts, party, paths } = session;
    const { entry, appended } = await quality.readAnswer({ party: party(), ...contracts, requestId, historyFile: paths.history });
    console.log(`request #${requestId} (pair #${entry.pairId}, ${entry.labelT} → ${entry.labelT1}): ${entry.relation}${entry.bound === null ? "" : `, highest differing bit ${entry.highestDifferingBit}, ${entry.bound}`} (answer verified)`);
    console.log(appended ? `  added to ${paths.history}` : `  already in ${paths.history}`);
  } finally {
    await session.close();
  }
});
