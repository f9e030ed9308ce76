import type { ComparisonAnswer } from "../../crypto/comparison/index.js";
import type { PaillierPublicKey } from "../../crypto/paillier/index.js";

/** Fields every bundle carries (JSON: format, version, scheme, n, bitLength, bitOrder). */
export interface QualityBundleHeader {
  /** The (t, t+1) pair's Paillier public key; JSON carries n as a decimal string. */
  publicKey: PaillierPublicKey;
  /** k, the number of bits (and of ciphertexts per vector). */
  bitLength: number;
}

/** Names a (t, t+1) pair: the lot and the pair's position in that lot's history. */
export interface QualityPairRef {
  lotId: string;
  pairIndex: number;
}

/** B's public quality bundle: Enc(x_i), Enc(y_i) (Nasu et al. Fig. 6, "T1Q_args"/"T2Q_args"). */
export interface QualityPublicBundle extends QualityBundleHeader, QualityPairRef {
  /** Human labels of the two measurements, e.g. dates or batch names. */
  labels: { t: string; t1: string };
  ex: bigint[];
  ey: bigint[];
}

/** The XOR bundle S sells: Enc(x_i ⊕ y_i) (Fig. 7, "XOR_args"). */
export interface QualityXorBundle extends QualityBundleHeader {
  pairRef: QualityPairRef;
  exor: bigint[];
}

/** A's request: the two Enc(z) vectors. */
export interface QualityRequestBundle extends QualityBundleHeader {
  pairRef: QualityPairRef;
  lt: bigint[];
  gt: bigint[];
}

/** B's answer. */
export interface QualityAnswerBundle extends QualityBundleHeader {
  pairRef: QualityPairRef;
  answer: ComparisonAnswer;
}

/** Options of every parse function. */
export interface ParseQualityBundleOptions {
  /** keccak256 of the bytes as recorded on chain (0x-prefixed hex); checked before anything else. */
  expectedHash?: string;
  /** Accept n below 2048 bits (tests, the paper's 32-bit demo key). */
  allowInsecureKeySize?: boolean;
}
