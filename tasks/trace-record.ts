import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openExchangeSession } from "./helpers/open-exchange-session.js";
import { parseDetailsOption, parseObjectOption } from "./helpers/parse-object-option.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveMemberOption } from "./helpers/resolve-member-option.js";

export type TraceRecordArguments = {
  participant: string | undefined;
  object: string | undefined;
  to: string | undefined;
  origin: boolean;
  step: string | undefined;
  details: string | undefined;
  home: string | undefined;
};

/** `trace:record`: the holder posts a traceability mapping record: the data goes to its own
 * information server, the signed record (with the data's hash) goes on chain. */
export default explainErrors(async function traceRecord(args: TraceRecordArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the accounting node: the object's holder (or its producer, with --origin)");
  const step = requireOption("step", args.step, "what happened, e.g. harvested, processed, shipped");
  const details = parseDetailsOption("details", args.details);
  const session = await openExchangeSession({ hre, name, home: args.home, storage: false, informationServer: true });
  try {
    const { trace, registry, participant } = session;
    const objectId = parseObjectOption("object", args.object, trace.objectIdOf);
    const to = args.origin && args.to === undefined ? participant.wallet.address : await resolveMemberOption("to", args.to, registry);
    const party = session.traceParty();
    const { recordId, dataHash, txHash } = await trace.recordTrace({ party, objectId, to, origin: args.origin, step, details });
    console.log(`record #${recordId}: ${trace.objectLabelOf(objectId)} ${args.origin ? "created by" : `${participant.wallet.address} →`} ${to} (${step}); data ${dataHash} on ${party.infoServer.url} → tx ${txHash}`);
    console.log(`  accepted once ${await session.contracts.traceLedger.requiredConfirmations()} regulator(s) confirm it (trace:confirm, or their agents)`);
  } finally {
    await session.close();
  }
});
