/** Scheme label written into serialized keys: Paillier with generator g = n + 1. */
export const PAILLIER_SCHEME = "paillier-g=n+1";

/** Smallest modulus accepted without `allowInsecureKeySize` (DESIGN.md; NIST SP 800-57 112-bit level). */
export const PAILLIER_MIN_SECURE_BITS = 2048;

/** Default modulus size (128-bit security level, NIST SP 800-57 Part 1 Table 2). */
export const PAILLIER_DEFAULT_BITS = 3072;

/** Smallest modulus accepted even with `allowInsecureKeySize` (tests, the paper's 32-bit demo key). */
export const PAILLIER_MIN_INSECURE_BITS = 16;

/** Largest modulus accepted; above ~5000 bits n² leaves OpenSSL's range and everything gets slow. */
export const PAILLIER_MAX_BITS = 16_384;
