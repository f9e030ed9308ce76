import type { Signer } from "ethers";

import type { IConsortiumRegistry } from "../../types/ethers-contracts/index.js";
import type { DialingContentStore, ExchangeContracts } from "../chain/index.js";
import type { ContentStore } from "../storage/index.js";
import type { DataKeyVault } from "./data-key-vault.js";

/** What every exchange step needs from the member running it: who it is, its signer, its
 * envelope key (to open what was encrypted to it), its own content store (where it keeps
 * what it shares and what it bought), its sealed data keys, and the contracts. */
export type ExchangeParty = {
  /** The member's wallet address (`msg.sender` of its transactions). */
  address: string;
  /** Its wallet connected to the chain; the contracts below are connected to it. */
  signer: Signer;
  /** Its secp256k1 envelope private key (the registered public key's counterpart). */
  encryptionPrivateKey: Uint8Array;
  store: DialingContentStore & Pick<ContentStore, "put" | "pin">;
  vault: DataKeyVault;
  registry: Pick<IConsortiumRegistry, "member" | "getRoleMemberCount" | "getRoleMember" | "hasRole">;
  contracts: ExchangeContracts;
  /** Fetch timeout per content item; default 15 s. */
  fetchTimeoutMs?: number;
};
