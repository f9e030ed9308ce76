/** Version of every quality bundle format defined here. */
export const QUALITY_BUNDLE_VERSION = 1;

/** Bit order of every ciphertext vector: index i is the bit of weight 2^i (Nasu et al. Fig. 6/7). */
export const QUALITY_BIT_ORDER = "lsb-first";

/** The `format` field of each bundle kind. */
export const QUALITY_BUNDLE_FORMATS = {
  public: "sealedchain.quality.public",
  xor: "sealedchain.quality.xor",
  request: "sealedchain.quality.request",
  answer: "sealedchain.quality.answer",
} as const;

export type QualityBundleKind = keyof typeof QUALITY_BUNDLE_FORMATS;
