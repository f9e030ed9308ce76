import { NextToLast } from "blockstore-fs/sharding";
import { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const DAG_PB_CODE = 0x70;

export interface CorruptStoredBlockParameters {
  /** The embedded store's directory (as given to startEmbeddedStore); blocks live in <directory>/blocks. */
  directory: string;
  /** A raw block (the block itself is altered) or a multi-block UnixFS file (its first leaf is). */
  cid: string;
}

/**
 * Flips one byte of a block inside an embedded store's blockstore-fs directory, emulating a
 * member whose disk was tampered with. Stop the store first (blockstore-fs writes whole
 * files, but a running node could be reading the block) and restart it on the same
 * directory and key. Blocks are stored as <directory>/blocks/<XX>/<B…>.data, where the name
 * is the base32upper multihash and XX its last two characters (blockstore-fs NextToLast).
 */
export async function corruptStoredBlock({ directory, cid }: CorruptStoredBlockParameters): Promise<void> {
  const blocks = join(directory, "blocks");
  const path = await firstLeafPath(blocks, CID.parse(cid));
  const bytes = await readFile(path);
  if (bytes.length === 0) throw new Error(`block ${path} is empty: nothing to corrupt`);
  const index = Math.floor(bytes.length / 2);
  bytes[index] = (bytes[index] ?? 0) ^ 0xff;
  await writeFile(path, bytes);
}

async function firstLeafPath(blocks: string, cid: CID): Promise<string> {
  const path = blockPath(blocks, cid);
  if (cid.code === raw.code) return path;
  if (cid.code !== DAG_PB_CODE) throw new Error(`cannot corrupt ${cid}: neither raw nor dag-pb`);
  const first = firstLink(await readFile(path));
  if (first === undefined) throw new Error(`${cid} has no links: not a multi-block file`);
  return firstLeafPath(blocks, first);
}

function blockPath(blocks: string, cid: CID): string {
  const { dir, file } = new NextToLast().encode(cid);
  return join(blocks, dir, file);
}

/**
 * The CID of the first link of a dag-pb node. A PBNode is protobuf with the Links (field 2,
 * repeated PBLink) before the Data (field 1); a PBLink starts with its Hash (field 1, the CID
 * bytes) — the dag-pb spec fixes that order (https://ipld.io/specs/codecs/dag-pb/spec/).
 */
function firstLink(node: Uint8Array): CID | undefined {
  const reader = { offset: 0 };
  while (reader.offset < node.length) {
    const key = readVarint(node, reader);
    if ((key & 7) !== 2) throw new Error("unexpected wire type in dag-pb node");
    const length = readVarint(node, reader);
    const body = node.subarray(reader.offset, reader.offset + length);
    reader.offset += body.length;
    if (key >> 3 !== 2) continue; // Data, not a link
    const inner = { offset: 0 };
    if (readVarint(body, inner) !== 0x0a) throw new Error("a dag-pb link must start with its Hash");
    const hashLength = readVarint(body, inner);
    return CID.decode(body.subarray(inner.offset, inner.offset + hashLength));
  }
  return undefined;
}

function readVarint(bytes: Uint8Array, reader: { offset: number }): number {
  let value = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = bytes[reader.offset++];
    if (byte === undefined) throw new Error("truncated dag-pb node");
    value += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) return value;
  }
}
