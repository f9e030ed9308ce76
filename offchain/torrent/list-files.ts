import { getAddress } from "ethers";

import type { ITorrentLedger } from "../../types/ethers-contracts/index.js";

export const FILE_STATUSES = ["None", "Announced", "Registered"] as const;

export type TorrentFileSummary = {
  fileId: string;
  owner: string;
  status: (typeof FILE_STATUSES)[number];
  chunkCount: number;
  announcedAt: Date;
  chunkOwners: { owner: string; acknowledged: boolean; chunks?: number }[];
  threshold: number;
  holders: string[];
  fileHash: string;
};

/** Every file announced on the ledger (optionally only `owner`'s), oldest first, from the chain alone. */
export async function listFiles({ ledger, owner }: { ledger: ITorrentLedger; owner?: string }): Promise<TorrentFileSummary[]> {
  const announced = await ledger.queryFilter(ledger.filters.FileAnnounced(undefined, owner));
  const summaries: TorrentFileSummary[] = [];
  for (const event of announced) {
    const fileId = event.args.fileId;
    const record = await ledger.file(fileId);
    const acks = new Map((await ledger.queryFilter(ledger.filters.ChunksAcknowledged(fileId))).map((e) => [getAddress(e.args.chunkOwner), Number(e.args.chunkCount)]));
    summaries.push({
      fileId,
      owner: getAddress(record.owner),
      status: FILE_STATUSES[Number(record.status)]!,
      chunkCount: Number(record.chunkCount),
      announcedAt: new Date(Number(record.announcedAt) * 1000),
      chunkOwners: (await ledger.chunkOwners(fileId)).map((o) => {
        const chunks = acks.get(getAddress(o));
        return { owner: getAddress(o), acknowledged: chunks !== undefined, ...(chunks === undefined ? {} : { chunks }) };
      }),
      threshold: Number(record.threshold),
      holders: (await ledger.holders(fileId)).map((h) => getAddress(h)),
      fileHash: record.fileHash,
    });
  }
  return summaries;
}
