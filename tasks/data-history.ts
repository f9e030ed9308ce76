import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";

/** `data:history`: the whole resubmission chain of an entry, oldest first, with each outcome. */
export default explainErrors(async function dataHistory(args: { entry: string | undefined; json: boolean }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const entryId = parseIntegerOption("entry", args.entry, { what: "an entry id" });
  const { chain, provider, deployment, close } = await openChainReader(hre);
  const exchange = await import("../offchain/exchange/index.js");
  try {
    const { dataRegistry } = chain.connectExchange({ deployment, runner: provider });
    const count = await dataRegistry.entryCount();
    if (entryId > count) throw new InvalidOptionError({ option: "entry", expected: `an entry id from 1 to ${count}`, got: args.entry });
    const history = await exchange.entryHistory({ dataRegistry, entryId });
    if (args.json) {
      console.log(JSON.stringify(history, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2));
      return;
    }
    console.log(`entry #${entryId}: ${history.length} submission(s) in its chain`);
    for (const h of history) {
      const when = new Date(Number(h.submittedAt) * 1000).toISOString();
      const outcome =
        h.state === "Certified" ? `certified by ${h.validator} (certificate ${h.certificateCid})` : h.state === "Rejected" ? `rejected by ${h.validator}: ${h.rejectionReason}` : "pending validation";
      console.log(`- #${h.entryId} ${when} by ${h.submitter} (device ${h.device}), fingerprint ${h.fingerprint}: ${outcome}`);
    }
  } finally {
    await close();
  }
});
