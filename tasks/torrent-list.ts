import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { explainErrors } from "./helpers/explain-errors.js";
import { openChainReader } from "./helpers/open-chain-reader.js";

/** `torrent:list`: every file on the ledger with its chunk owners, acknowledgements and key holders. */
export default explainErrors(async function torrentList(args: { owner: string | undefined; json: boolean }, hre: HardhatRuntimeEnvironment): Promise<void> {
  const { chain, provider, deployment, close } = await openChainReader(hre);
  const torrent = await import("../offchain/torrent/index.js");
  try {
    const { ledger } = chain.connectTorrent({ deployment, runner: provider });
    const files = await torrent.listFiles({ ledger, ...(args.owner === undefined ? {} : { owner: args.owner }) });
    if (args.json) {
      console.log(JSON.stringify(files, null, 2));
      return;
    }
    console.log(`${files.length} file(s) on TorrentLedger ${await ledger.getAddress()}`);
    for (const f of files) {
      console.log(`- ${f.fileId} (${f.status}) owner ${f.owner}, ${f.chunkCount} chunk(s), announced ${f.announcedAt.toISOString()}`);
      for (const o of f.chunkOwners) console.log(`    chunk owner ${o.owner}: ${o.acknowledged ? `acknowledged ${o.chunks} chunk(s)` : "not acknowledged"}`);
      if (f.status === "Registered") console.log(`    key ${f.threshold}-of-${f.holders.length}: ${f.holders.join(", ")}; file SHA-256 ${f.fileHash}`);
    }
  } finally {
    await close();
  }
});
