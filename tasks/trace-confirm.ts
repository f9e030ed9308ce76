import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `trace:confirm`: a REGULATOR (verification node) checks a record or mapping (signature,
 * information-server data and its hash) and confirms it; refuses, naming the problem, when the
 * check fails. */
export default explainErrors(async function traceConfirm(args: { participant: string | undefined; record: string | undefined; mapping: string | undefined; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "a member holding the REGULATOR role");
  if ((args.record === undefined) === (args.mapping === undefined)) throw new InvalidOptionError({ option: "record", expected: "exactly one of --record or --mapping", got: args.record ?? null });
  const kind = args.record !== undefined ? "record" : "mapping";
  const id = parseIntegerOption(kind, args.record ?? args.mapping, { what: `a ${kind} id` });
  const session = await openExchangeSession({ hre, name, home: args.home, storage: false });
  try {
    const { traceLedger } = session.contracts;
    const count = kind === "record" ? await traceLedger.recordCount() : await traceLedger.mappingCount();
    if (id > count) throw new InvalidOptionError({ option: kind, expected: `a ${kind} id from 1 to ${count}`, got: String(id) });
    const party = { address: session.participant.wallet.address, signer: session.signer, ledger: traceLedger };
    const result = await session.trace.confirmTrace({ party, kind, id });
    if (!result.confirmed) {
      if (result.reason === "already confirmed by this verifier") return console.log(`${kind} #${id}: ${result.reason}; nothing sent`);
      throw new InvalidOptionError({ option: kind, expected: `a ${kind} whose signature and data check out`, got: `#${id}: ${result.reason}` });
    }
    const accepted = kind === "record" ? await traceLedger.isRecordAccepted(id) : await traceLedger.isMappingAccepted(id);
    console.log(`${kind} #${id}: verified and confirmed → tx ${result.txHash}; ${accepted ? "now accepted" : "awaiting more confirmations"}`);
  } finally {
    await session.close();
  }
});
