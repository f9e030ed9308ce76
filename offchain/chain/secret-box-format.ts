/** scrypt work factors. `STANDARD_SCRYPT` matches ethers' keystore defaults (N = 2^17,
 * r = 8, p = 1; ~0.3 s natively, 128 MiB); `DEMO_SCRYPT` (N = 2^12) is for throwaway demo
 * and devnet participants only, where start-up speed matters more than brute-force cost. */
export type ScryptParameters = { N: number; r: number; p: number };

export const STANDARD_SCRYPT: ScryptParameters = { N: 1 << 17, r: 8, p: 1 };
export const DEMO_SCRYPT: ScryptParameters = { N: 1 << 12, r: 8, p: 1 };

/** secrets.json on disk: versioned, self-describing (RFC 7914 scrypt → AES-256-GCM). */
export type SealedSecretsFile = {
  version: 1;
  kdf: { name: "scrypt"; N: number; r: number; p: number; dkLen: 32; salt: string };
  cipher: { name: "aes-256-gcm"; iv: string; tag: string };
  /** Additional authenticated data: binds the file to its participant name. */
  aad: string;
  ciphertext: string;
};

/** Memory scrypt needs (128·N·r·p bytes) plus headroom, for node:crypto's `maxmem`. */
export function scryptMaxmem({ N, r, p }: ScryptParameters): number {
  return 128 * N * r * p + 32 * 1024 * 1024;
}
