import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";

/** `audit:status`: the vote, the released shares (k needed) and the reports of one audit. */
export default explainErrors(async function auditStatus(args: { audit: string | undefined; json: boolean }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const auditId = parseIntegerOption("audit", args.audit, { what: "the audit id" });
  const { chain, provider, deployment, close } = await openChainReader(hre);
  const torrent = await import("../offchain/torrent/index.js");
  try {
    const { ledger } = chain.connectTorrent({ deployment, runner: provider });
    const { ballot } = chain.connectConsortium({ deployment, runner: provider });
    const s = await torrent.readAuditStatus({ ledger, ballot, auditId });
    if (args.json) {
      console.log(JSON.stringify(s, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2));
      return;
    }
    const released = s.holders.filter((h) => h.released).length;
    console.log(`audit ${auditId} of file ${s.fileId} by ${s.auditor}: "${s.reason}"`);
    console.log(`  vote: ${s.vote.state}, ${s.vote.forVotes} for / ${s.vote.againstVotes} against, quorum ${s.vote.quorumVotes} of ${s.vote.eligibleVoters}`);
    console.log(`  ${s.approved ? `approved; holders release until ${s.releaseDeadline!.toISOString()}` : "not approved"}`);
    console.log(`  shares released: ${released} of ${s.holders.length} (${s.threshold} needed)`);
    for (const h of s.holders) console.log(`    share ${h.index} ${h.holder}: ${h.released ? "released" : "not released"}`);
    if (s.missedReleasesRecorded) console.log("  missed releases recorded on chain");
    for (const r of s.unservedReports) console.log(`  reported: ${r.chunkOwner} did not serve chunk ${r.chunkIndex} (${r.evidence})`);
  } finally {
    await close();
  }
});
