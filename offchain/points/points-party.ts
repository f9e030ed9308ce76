import type { Signer } from "ethers";

import type { IConsortiumRegistry, ILoyaltyLedger } from "../../types/ethers-contracts/index.js";
import type { DialingContentStore } from "../chain/index.js";
import type { ContentStore, RequestingStore } from "../storage/index.js";

/** What every points step needs from the member running it (issuer, key holder, MPC platform
 * or requester): who it is, its signer, its envelope key, its own node and the contracts. */
export type PointsParty = {
  address: string;
  signer: Signer;
  /** Its secp256k1 envelope private key (opens what is sealed to it). */
  encryptionPrivateKey: Uint8Array;
  store: DialingContentStore & Pick<ContentStore, "put" | "pin"> & Partial<RequestingStore>;
  registry: Pick<IConsortiumRegistry, "member">;
  ledger: ILoyaltyLedger;
  /** Where this member keeps its points files (sealed Paillier keys, the oracle's budget). */
  directory: string;
  fetchTimeoutMs?: number;
};

/** Envelope context labels (sealed inside each envelope). */
export const POINTS_CONTEXTS = {
  paillierKey: "sealedchain/points/paillier-private-key",
  maskedValue: (authorizationId: bigint) => `sealedchain/points/formula/masked-value/${authorizationId}`,
  mask: (authorizationId: bigint) => `sealedchain/points/formula/mask/${authorizationId}`,
} as const;

/** The libp2p request/response protocol of the key holder's comparison oracle. */
export const POINTS_ORACLE_PROTOCOL = "/sealedchain/points/oracle/1.0.0";
