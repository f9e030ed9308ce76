import type { IConsortiumRegistry } from "../../types/ethers-contracts/index.js";
import type { DialingContentStore } from "../chain/index.js";
import type { ContentStore } from "../storage/index.js";

/** What every protocol step needs from the participant running it: who it is, its
 * envelope key (to open what was encrypted to it), its own content store (where it puts
 * what it shares and fetches what others share), and the registry (encryption keys and
 * storage endpoints of the other members). */
export type QualityParty = {
  /** The participant's wallet address (the `msg.sender` of its transactions). */
  address: string;
  /** Its secp256k1 envelope private key (registered public key's counterpart). */
  encryptionPrivateKey: Uint8Array;
  store: DialingContentStore & Pick<ContentStore, "put" | "pin">;
  registry: Pick<IConsortiumRegistry, "member">;
  /** Accept Paillier keys under 2048 bits in the bundles read (tests and demos only). */
  allowInsecureKeySize?: boolean;
  /** Fetch timeout per content item; default 15 s. */
  fetchTimeoutMs?: number;
};

/** Envelope context labels (sealed inside each envelope; opening needs the same label). */
export const QUALITY_CONTEXTS = {
  /** B → S: the plaintext XOR bundle of a pair. */
  xorToServicer: "sealedchain/quality/xor-bundle/to-servicer",
  /** S → A: the same bundle, re-encrypted to the buyer. */
  xorToBuyer: "sealedchain/quality/xor-bundle/to-buyer",
  /** A → B: the comparison request (both Enc(z) vectors). */
  request: "sealedchain/quality/request",
  /** B → A: the answer. */
  answer: "sealedchain/quality/answer",
} as const;
