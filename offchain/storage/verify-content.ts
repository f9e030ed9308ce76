import type { CID } from "multiformats/cid";
import * as raw from "multiformats/codecs/raw";
import { identity } from "multiformats/hashes/identity";
import { sha256 } from "multiformats/hashes/sha2";
import { ContentIntegrityError } from "./errors.js";

/**
 * End-to-end check for single-block (raw codec) content: the bytes must hash to the
 * CID's multihash. Multi-block (dag-pb) files are verified block by block by the
 * transport (Helia hashes every block it fetches; Kubo does the same) and their
 * links are hashes, so the reassembled bytes are bound to the root CID.
 * Returns true when it checked the bytes, false when the CID is not raw-sha256/identity.
 */
export async function verifyContent(cid: CID, bytes: Uint8Array): Promise<boolean> {
  if (cid.code !== raw.code) return false;
  let digest: Uint8Array;
  if (cid.multihash.code === sha256.code) {
    digest = (await sha256.digest(bytes)).digest;
  } else if (cid.multihash.code === identity.code) {
    digest = identity.digest(bytes).digest;
  } else {
    return false;
  }
  if (!equalBytes(digest, cid.multihash.digest)) {
    throw new ContentIntegrityError({ cid: cid.toString(), reason: "sha2-256 of the bytes differs from the CID" });
  }
  return true;
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
