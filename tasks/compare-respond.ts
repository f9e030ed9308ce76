import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openQualitySession } from "./helpers/open-quality-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

export type CompareRespondArguments = { participant: string | undefined; request: string | undefined; disclose: string; allowInsecureKey: boolean; home: string | undefined };

/** `compare:respond`: B answers a request (or rejects a malformed or probing one). */
export default explainErrors(async function compareRespond(args: CompareRespondArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the pair's lot owner (company B)");
  const requestId = parseIntegerOption("request", args.request, { what: "a comparison request id" });
  if (args.disclose !== "relation" && args.disclose !== "relation-and-index") {
    throw new InvalidOptionError({ option: "disclose", expected: "relation or relation-and-index", got: args.disclose });
  }
  const session = await openQualitySession({ hre, name, home: args.home, storage: true, allowInsecureKeySize: args.allowInsecureKey });
  try {
    const { quality, contracts, party, vault } = session;
    const result = await quality.answerRequest({ party: party(), channel: contracts.channel, board: contracts.board, vault, requestId, disclose: args.disclose });
    if (result.outcome === "answered") console.log(`request #${requestId} answered (disclose=${args.disclose}), encrypted to the requester: ${result.resultCid} → tx ${result.txHash}`);
    else if (result.outcome === "rejected") console.log(`request #${requestId} rejected with reason ${result.reason}: ${result.why} → tx ${result.txHash}`);
    else console.log(`${result.why}; nothing sent`);
  } finally {
    await session.close();
  }
});
