import type { Signer } from "ethers";

import type { IConsortiumRegistry, ITorrentLedger } from "../../types/ethers-contracts/index.js";
import type { DialingContentStore } from "../chain/index.js";
import type { ContentStore, DirectFetchingStore } from "../storage/index.js";

/** What every torrent step needs from the participant running it: who it is (wallet as
 * signer, for transactions and signed chunk receipts), its envelope key, its own content
 * store (put, pin, and direct fetches from one named member), the registry (members'
 * encryption keys and endpoints) and the ledger, both connected to the signer. */
export type TorrentParty = {
  address: string;
  signer: Signer;
  encryptionPrivateKey: Uint8Array;
  store: DialingContentStore & DirectFetchingStore & Pick<ContentStore, "put" | "pin">;
  registry: Pick<IConsortiumRegistry, "member" | "members">;
  ledger: ITorrentLedger;
  /** Per network operation (a dial, a fetch); default 15 s. */
  fetchTimeoutMs?: number;
};

/** Envelope context labels (sealed inside each envelope; opening needs the same label). */
export const TORRENT_CONTEXTS = {
  /** Owner → chunk owner: which chunks to pin. */
  assignment: "sealedchain/torrent/assignment",
  /** Chunk owner → owner: signed receipts of the pinned chunks. */
  receipts: "sealedchain/torrent/receipts",
  /** Owner → holder: one key share with its Merkle proof. */
  share: "sealedchain/torrent/key-share",
  /** Holder → auditor: the same share, released for one audit. */
  releasedShare: "sealedchain/torrent/released-share",
} as const;

export const DEFAULT_FETCH_TIMEOUT_MS = 15_000;
