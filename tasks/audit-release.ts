import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openTorrentSession } from "./helpers/open-torrent-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { requireOption } from "./helpers/require-option.js";

/** `audit:release`: a holder releases its key shares to the auditor of an approved audit (what its agent does on its own). */
export default explainErrors(async function auditRelease(args: { participant: string | undefined; audit: string | undefined; home: string | undefined }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "a member holding a key share of the audited file");
  const auditId = parseIntegerOption("audit", args.audit, { what: "the audit id" });
  const session = await openTorrentSession({ hre, name, home: args.home });
  try {
    const { released, txHashes, closed } = await session.torrent.releaseShares({ party: session.party, auditId });
    if (closed) console.log(`audit ${auditId}: the release deadline has passed; nothing can be released`);
    else if (released.length === 0) console.log(`audit ${auditId}: '${name}' holds no unreleased share of the file; nothing sent`);
    else console.log(`audit ${auditId}: released share(s) ${released.join(", ")} to the auditor → tx ${txHashes.join(", ")}`);
  } finally {
    await session.close();
  }
});
