import { setTimeout as sleep } from "node:timers/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openTorrentSession } from "./helpers/open-torrent-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { createProgressBar } from "./helpers/progress-bar.js";
import { requireOption } from "./helpers/require-option.js";

/** `audit:retrieve`: the auditor rebuilds the key from released shares and the file from its chunk owners, without the owner. */
export default explainErrors(async function auditRetrieve(
  args: { participant: string | undefined; audit: string | undefined; out: string | undefined; wait: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const name = requireOption("participant", args.participant, "the auditor who requested the audit");
  const auditId = parseIntegerOption("audit", args.audit, { what: "the audit id" });
  const out = requireOption("out", args.out, "where to write the rebuilt file");
  const waitSeconds = args.wait === undefined ? 0 : Number(parseIntegerOption("wait", args.wait, { what: "seconds to wait for enough shares", min: 0n }));
  const session = await openTorrentSession({ hre, name, home: args.home });
  try {
    const { torrent, party, participant } = session;
    const deadline = Date.now() + waitSeconds * 1000;
    const bar = createProgressBar("chunks retrieved and verified");
    for (;;) {
      try {
        const result = await torrent.retrieveFile({ party, auditId, out, onProgress: ({ done, total }) => bar(done, total) });
        await torrent.saveMasterTable({ directory: participant.directory, table: result.masterTable });
        console.log(`rebuilt file ${result.fileId} → ${out} (${result.fileSize} B, SHA-256 matches the chain) from ${result.sharesUsed} key share(s)`);
        console.log(`  chunk placement ${result.placementVerified ? "matches three-hash sharding over the announced members" : "DOES NOT match three-hash sharding (the owner placed chunks by another rule)"}`);
        for (const f of result.fallbacks) console.log(`  fell back from ${f.owner} for ${f.index === "master table" ? "the master table" : `chunk ${f.index}`}: ${f.problem}`);
        if (result.reportTxHashes.length > 0) console.log(`  recorded the owners that did not serve → tx ${result.reportTxHashes.join(", ")}`);
        return;
      } catch (error) {
        if (!(error instanceof torrent.NotEnoughSharesError) || Date.now() >= deadline) throw error;
        console.log(`${error.message}; waiting for more releases…`);
        await sleep(2_000);
      }
    }
  } finally {
    await session.close();
  }
});
