import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";
import { requireOption } from "./helpers/require-option.js";

/** `audit:request`: an AUDITOR asks for a stored file; members then vote (audit:vote). */
export default explainErrors(async function auditRequest(
  args: { participant: string | undefined; fileId: string | undefined; reason: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const name = requireOption("participant", args.participant, "a member holding the AUDITOR role");
  const fileId = requireOption("fileId", args.fileId, "the file id (torrent:list)").toLowerCase();
  if (!/^0x[0-9a-f]{64}$/.test(fileId)) throw new InvalidOptionError({ option: "fileId", expected: "0x and 64 hex digits", got: args.fileId });
  const reason = requireOption("reason", args.reason, "why the file is needed (public: every member sees it)");
  const session = await openParticipantSession({ hre, name, home: args.home });
  try {
    const torrent = await import("../offchain/torrent/index.js");
    const { ledger } = session.chain.connectTorrent({ deployment: session.deployment, runner: session.signer });
    const { auditId, proposalId, txHash } = await torrent.requestAudit({ ledger, fileId, reason });
    console.log(`audit ${auditId} requested for file ${fileId} → tx ${txHash}`);
    console.log(`  members vote on proposal #${proposalId}: npx hardhat audit:vote --audit ${auditId} --support true --participant <member>`);
  } finally {
    await session.close();
  }
});
