import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type CompareRequestArguments = { participant: string | undefined; pair: string | undefined; allowInsecureKey: boolean; home: string | undefined };

/** `compare:request`: A computes both Enc(z) vectors from the pair and its bought XOR data and asks B. */
export default explainErrors(async function compareRequest(args: CompareRequestArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the buyer who bought the pair's XOR data");
  const pairId = parseIntegerOption("pair", args.pair, { what: "a pair id (quality:list)" });
  const session = await openQualitySession({ hre, name, home: args.home, storage: true, allowInsecureKeySize: args.allowInsecureKey });
  try {
    const { quality, contracts, party } = session;
    const { requestId, txHash } = await quality.requestComparison({ party: party(), ...contracts, pairId });
    console.log(txHash === undefined ? `request #${requestId} for pair #${pairId} is already open or answered; nothing sent` : `comparison request #${requestId} for pair #${pairId} → tx ${txHash}`);
  } finally {
    await session.close();
  }
});
