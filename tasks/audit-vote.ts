import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `audit:vote`: a member's vote on an audit request; executes it (approving the audit) once it succeeded. */
export default explainErrors(async function auditVote(
  args: { participant: string | undefined; audit: string | undefined; support: string | undefined; note: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const name = requireOption("participant", args.participant, "the member who votes");
  const auditId = parseIntegerOption("audit", args.audit, { what: "the audit id printed by audit:request" });
  const supportText = requireOption("support", args.support, "true (approve) or false (reject)").toLowerCase();
  if (supportText !== "true" && supportText !== "false") throw new InvalidOptionError({ option: "support", expected: "true or false", got: args.support });
  const session = await openParticipantSession({ hre, name, home: args.home });
  try {
    const torrent = await import("../offchain/torrent/index.js");
    const { ledger } = session.chain.connectTorrent({ deployment: session.deployment, runner: session.signer });
    if (auditId > (await ledger.auditCount())) throw new InvalidOptionError({ option: "audit", expected: `an id from 1 to ${await ledger.auditCount()}`, got: args.audit });
    const result = await torrent.voteOnAudit({
      ledger,
      ballot: session.ballot,
      voter: session.participant.wallet.address,
      auditId,
      support: supportText === "true",
      ...(args.note === undefined ? {} : { note: args.note }),
    });
    console.log(result.voted ? `'${name}' voted ${supportText === "true" ? "FOR" : "AGAINST"} audit ${auditId}` : `'${name}' already voted on audit ${auditId}; nothing sent`);
    console.log(`  vote is ${result.state}${result.executed ? ": executed, the audit is approved; holders' agents now release their shares" : ""} (tx ${result.txHashes.join(", ") || "none"})`);
  } finally {
    await session.close();
  }
});
