import type { HeliaWithLibp2p } from "@helia/libp2p";
import type { UnixFS } from "@helia/unixfs";
import type { ServiceMap } from "@libp2p/interface";
import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";

const DAG_PB_CODE = 0x70;

export interface LocalContentComponents {
  helia: HeliaWithLibp2p<ServiceMap>;
  fs: UnixFS;
}

/**
 * True when the whole content of `cid` is in the local blockstore: pinned (a pin implies
 * the whole DAG is local), or a raw block that is present, or a multi-block file every
 * block of which can be read offline. Never touches the network.
 */
export async function hasLocalContent({ helia, fs }: LocalContentComponents, cid: CID, signal?: AbortSignal): Promise<boolean> {
  const withSignal = signal === undefined ? {} : { signal };
  if (await helia.pins.isPinned(cid, withSignal)) return true;
  if (!(await helia.blockstore.has(cid, withSignal))) return false;
  if (cid.code === raw.code) return true;
  try {
    // Multi-block file: walk it without touching the network.
    for await (const _chunk of fs.cat(cid, { offline: true, ...withSignal })) void _chunk;
    return true;
  } catch {
    signal?.throwIfAborted();
    return false;
  }
}

export type OpenedLocalContent =
  | { status: "ok"; size: bigint; chunks: AsyncIterable<Uint8Array> }
  | { status: "not-held" }
  | { status: "not-a-file" };

/**
 * Opens locally held content for serving: its size and its bytes, read offline and AS
 * STORED (local blocks are not re-hashed, so a block altered on disk is served altered;
 * whoever receives the bytes verifies them). Raw blocks and UnixFS files only.
 */
export async function openLocalContent(
  components: LocalContentComponents,
  cid: CID,
  signal: AbortSignal,
): Promise<OpenedLocalContent> {
  if (cid.code !== raw.code && cid.code !== DAG_PB_CODE) return { status: "not-a-file" };
  if (!(await hasLocalContent(components, cid, signal))) return { status: "not-held" };
  const stats = await components.fs.stat(cid, { offline: true, signal });
  if (stats.type === "directory") return { status: "not-a-file" };
  return { status: "ok", size: stats.size, chunks: components.fs.cat(cid, { offline: true, signal }) };
}
