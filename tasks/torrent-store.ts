import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { openTorrentSession } from "./helpers/open-torrent-session.js";
import { parseIntegerOption } from "./helpers/parse-integer-option.js";
import { createProgressBar } from "./helpers/progress-bar.js";
import { requireOption } from "./helpers/require-option.js";

export type TorrentStoreArguments = {
  participant: string | undefined;
  file: string | undefined;
  chunks: string | undefined;
  chunkSize: string | undefined;
  threshold: string | undefined;
  shares: string | undefined;
  wait: string | undefined;
  home: string | undefined;
};

const optionalInteger = (option: string, value: string | undefined, what: string, min = 1n) =>
  value === undefined ? undefined : Number(parseIntegerOption(option, value, { what, min }));

/** `torrent:store`: encrypts a file in chunks, places them on other members, splits the key among holders, registers it. */
export default explainErrors(async function torrentStore(args: TorrentStoreArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the member who stores its file");
  const file = requireOption("file", args.file, "the file to store");
  if (args.chunks !== undefined && args.chunkSize !== undefined) throw new InvalidOptionError({ option: "chunks", expected: "either --chunks or --chunk-size, not both", got: `--chunks ${args.chunks} --chunk-size ${args.chunkSize}` });
  const chunks = optionalInteger("chunks", args.chunks, "number of chunks (the paper uses 10–200)");
  const chunkSize = optionalInteger("chunkSize", args.chunkSize, "chunk size in bytes");
  const threshold = optionalInteger("threshold", args.threshold, "shares needed to rebuild the key (k)", 2n);
  const shares = optionalInteger("shares", args.shares, "number of key shares (n)", 2n);
  const waitSeconds = optionalInteger("wait", args.wait, "seconds to wait for acknowledgements") ?? 300;
  const session = await openTorrentSession({ hre, name, home: args.home });
  try {
    const { torrent, party, participant } = session;
    const bars = { encrypt: createProgressBar("encrypting chunks"), acknowledge: createProgressBar("chunk owners acknowledged"), "confirm-shares": createProgressBar("share holders confirmed") };
    const result = await torrent.storeFile({
      party,
      file,
      ...(chunks === undefined ? {} : { chunks }),
      ...(chunkSize === undefined ? {} : { chunkSize }),
      ...(threshold === undefined ? {} : { threshold }),
      ...(shares === undefined ? {} : { shares }),
      waitMs: waitSeconds * 1000,
      onProgress: ({ phase, done, total }) => bars[phase](done, total),
    });
    const saved = await torrent.saveMasterTable({ directory: participant.directory, table: result.masterTable });
    const table = result.masterTable;
    console.log(`stored ${file} as file ${result.fileId}`);
    console.log(`  ${table.fileSize} B in ${table.chunkCount} encrypted chunk(s), each on ${Math.min(3, table.placementMembers.length)} of ${table.placementMembers.length} members; SHA-256 ${table.fileHash}`);
    console.log(`  key split ${result.threshold}-of-${result.holders.length} among ${result.holders.join(", ")}`);
    console.log(`  master table ${result.masterTableCid} (a plaintext copy, without the key: ${saved})`);
    console.log(`  announce tx ${result.txHashes.announce}, register tx ${result.txHashes.register}`);
  } finally {
    await session.close();
  }
});
