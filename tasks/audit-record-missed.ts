import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `audit:record-missed`: after the release window, records on chain the holders that did not release. */
export default explainErrors(async function auditRecordMissed(args: { participant: string | undefined; audit: string | undefined; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "any participant (it pays the gas)");
  const auditId = parseIntegerOption("audit", args.audit, { what: "the audit id" });
  const session = await openParticipantSession({ hre, name, home: args.home });
  try {
    const torrent = await import("../offchain/torrent/index.js");
    const { ledger } = session.chain.connectTorrent({ deployment: session.deployment, runner: session.signer });
    const { missed, txHash } = await torrent.recordMissedReleases({ ledger, auditId });
    console.log(`audit ${auditId}: ${missed.length} holder(s) did not release in time${missed.map((m) => `\n  share ${m.index}: ${m.holder}`).join("")}\n  recorded → tx ${txHash}`);
  } finally {
    await session.close();
  }
});
