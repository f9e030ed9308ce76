import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openTorrentSession } from "./helpers/open-torrent-session.js";
import { requireOption } from "./helpers/require-option.js";

/**
 * `torrent:placement`: which member holds which chunk of a file, from the participant's copy
 * of the master table (the owner's, or an auditor's after audit:retrieve); every chunk held
 * locally is re-placed by three-hash sharding to show the table's owners are the rule's.
 */
export default explainErrors(async function torrentPlacement(
  args: { participant: string | undefined; fileId: string | undefined; home: string | undefined },
  hre: HardhatRuntimeEnvironment,
): Promise<void> {
  const name = requireOption("participant", args.participant, "a participant holding the file's master table (its owner, or the auditor after audit:retrieve)");
  const fileId = requireOption("fileId", args.fileId, "the file id printed by torrent:store or torrent:list").toLowerCase();
  if (!/^0x[0-9a-f]{64}$/.test(fileId)) throw new InvalidOptionError({ option: "fileId", expected: "0x and 64 hex digits", got: args.fileId });
  const session = await openTorrentSession({ hre, name, home: args.home });
  try {
    const { torrent, participant, store } = session;
    const { placeChunk } = await import("../offchain/storage/index.js");
    const table = await torrent.readSavedMasterTable({ directory: participant.directory, fileId });
    if (table === undefined) {
      throw new InvalidOptionError({ option: "fileId", expected: `a file whose master table '${name}' holds (${torrent.torrentFilesDirectory({ directory: participant.directory })})`, got: fileId });
    }
    const label = new Map<string, string>();
    for (const member of table.placementMembers) label.set(member, (await session.registry.member(member)).profile.name);
    console.log(`file ${fileId}: ${table.chunkCount} chunk(s) over ${table.placementMembers.length} placement members (owner ${table.owner} excluded)`);
    let recomputed = 0;
    for (const chunk of table.chunks) {
      let check = "";
      if (await store.has(chunk.cid)) {
        const placed = placeChunk({ ciphertext: await store.get(chunk.cid), candidates: table.placementMembers });
        check = placed.join() === chunk.owners.join() ? "  ✓ recomputed" : `  ✗ recomputation gives ${placed.join(", ")}`;
        recomputed++;
      }
      console.log(`  chunk ${String(chunk.index).padStart(3)} ${String(chunk.size).padStart(9)} B → ${chunk.owners.map((o) => label.get(o) ?? o).join(", ")}${check}`);
    }
    console.log("chunks per member:");
    for (const member of table.placementMembers) console.log(`  ${label.get(member)} ${member}: ${table.chunks.filter((c) => c.owners.includes(member)).length}`);
    if (recomputed < table.chunkCount) console.log(`(${table.chunkCount - recomputed} chunk(s) not held locally were not re-placed)`);
  } finally {
    await session.close();
  }
});
