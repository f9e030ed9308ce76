import { fetchDirectFromMember } from "../chain/index.js";
import { DEFAULT_FETCH_TIMEOUT_MS, type TorrentParty } from "./torrent-party.js";
import type { ChunkAttempt } from "./errors.js";

export type FetchFromFirstParameters = {
  party: Pick<TorrentParty, "address" | "registry" | "store" | "fetchTimeoutMs">;
  /** Members to ask, in order. */
  members: readonly string[];
  cid: string;
  maxBytes: number;
  /** Returns a problem when the bytes are not the expected ones (then the next member is asked). */
  check: (bytes: Uint8Array) => string | undefined;
};

export type FetchFromFirstResult = { bytes?: Uint8Array; from?: string; attempts: ChunkAttempt[] };

/**
 * BlockTorrent's retrieval rule: ask one member at a time, directly, and move on to the
 * next when it is down, does not hold the content, or serves bytes that fail `check`.
 * Returns the first bytes that pass, with every failed attempt (for reporting on chain).
 */
export async function fetchFromFirst({ party, members, cid, maxBytes, check }: FetchFromFirstParameters): Promise<FetchFromFirstResult> {
  const attempts: ChunkAttempt[] = [];
  for (const member of members) {
    let bytes: Uint8Array;
    try {
      // An auditor that is itself among the members reads its own copy (a node does not dial itself).
      if (member.toLowerCase() === party.address.toLowerCase()) {
        if (!(await party.store.has(cid))) throw new Error("not held by this node");
        bytes = await party.store.get(cid);
      } else bytes = await fetchDirectFromMember({ registry: party.registry, store: party.store, member, cid, maxBytes, timeoutMs: party.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS });
    } catch (error) {
      attempts.push({ owner: member, problem: error instanceof Error ? error.message : String(error) });
      continue;
    }
    const problem = check(bytes);
    if (problem === undefined) return { bytes, from: member, attempts };
    attempts.push({ owner: member, problem });
  }
  return { attempts };
}
