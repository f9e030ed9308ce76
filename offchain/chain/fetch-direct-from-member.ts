import type { IConsortiumRegistry } from "../../types/ethers-contracts/index.js";
import type { DirectFetchingStore } from "../storage/index.js";
import { MemberEndpointsMissingError } from "./errors.js";

export type FetchDirectFromMemberParameters = {
  registry: Pick<IConsortiumRegistry, "member">;
  store: DirectFetchingStore;
  member: string;
  cid: string;
  /** Refuse content declared longer than this. */
  maxBytes: number;
  timeoutMs?: number;
};

/**
 * Fetches `cid` from `member`'s node only (the store's direct protocol, not bitswap), at the
 * multiaddrs the member registered. The bytes are NOT verified here: the caller checks them
 * against the hash it holds, and can then tell which member served bad bytes.
 * @throws MemberEndpointsMissingError, and the store's errors (PeerDialError, ContentNotHeldError, …)
 */
export async function fetchDirectFromMember({ registry, store, member, cid, maxBytes, timeoutMs = 15_000 }: FetchDirectFromMemberParameters): Promise<Uint8Array> {
  const { profile } = await registry.member(member);
  const multiaddrs = [...profile.multiaddrs];
  if (multiaddrs.length === 0) throw new MemberEndpointsMissingError({ member });
  return store.fetchFrom(multiaddrs, cid, { maxBytes, timeoutMs });
}
