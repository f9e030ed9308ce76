import { keccak256 } from "ethers";

import type { IConsortiumRegistry } from "../../types/ethers-contracts/index.js";
import type { ContentStore } from "../storage/index.js";
import { FetchedContentMismatchError, MemberEndpointsMissingError } from "./errors.js";

/** A store that can dial a peer first (EmbeddedStore does; Kubo finds peers itself). */
export type DialingContentStore = Pick<ContentStore, "get" | "has"> & {
  connect?(multiaddrs: string[], options?: { timeoutMs?: number }): Promise<unknown>;
};

export type FetchFromMemberParameters = {
  /** Read access to the registry, for the member's registered multiaddrs. */
  registry: Pick<IConsortiumRegistry, "member">;
  /** The caller's own store, which fetches and keeps the bytes. */
  store: DialingContentStore;
  /** The member whose node holds the content (the one who stored it). */
  member: string;
  cid: string;
  /** keccak256 of the exact bytes, as recorded on chain (0x + 64 hex digits). Omit only
   * where the chain records no hash of these bytes (then the CID alone binds them). */
  expectedHash?: string;
  /** Gives up after this long (dial and fetch each); default 15 s. */
  timeoutMs?: number;
};

/**
 * Fetches `cid` from `member`'s storage node: dials the multiaddrs the member registered in
 * the consortium registry, gets the bytes (the store checks them against the CID), then
 * checks keccak256 of the bytes against the hash the chain recorded, so a member cannot
 * swap the content behind a reference. Content already held locally is not fetched again; a
 * store without `connect` (Kubo) finds the provider itself.
 * @throws MemberEndpointsMissingError, FetchedContentMismatchError, and the store's errors
 * (ContentNotFoundError on timeout, PeerDialError).
 */
export async function fetchFromMember({
  registry,
  store,
  member,
  cid,
  expectedHash,
  timeoutMs = 15_000,
}: FetchFromMemberParameters): Promise<Uint8Array> {
  if (store.connect !== undefined && !(await store.has(cid))) {
    const { profile } = await registry.member(member);
    const multiaddrs = [...profile.multiaddrs];
    if (multiaddrs.length === 0) throw new MemberEndpointsMissingError({ member });
    await store.connect(multiaddrs, { timeoutMs });
  }
  const bytes = await store.get(cid, { timeoutMs });
  if (expectedHash === undefined) return bytes;
  const got = keccak256(bytes);
  if (got.toLowerCase() !== expectedHash.toLowerCase()) {
    throw new FetchedContentMismatchError({ cid, member, expected: expectedHash, got });
  }
  return bytes;
}
