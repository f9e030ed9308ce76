import { PrivateKey } from "eciesjs";

export interface GenerateEncryptionKeyPairResult {
  /** 32-byte secp256k1 scalar; keep secret (store it encrypted at rest). */
  privateKey: Uint8Array;
  /** 33-byte SEC1 compressed public key; register this in the consortium registry. */
  publicKey: Uint8Array;
}

/** A fresh secp256k1 key pair for receiving envelopes (CSPRNG via crypto.getRandomValues). */
export function generateEncryptionKeyPair(): GenerateEncryptionKeyPairResult {
  const key = new PrivateKey(undefined, "secp256k1");
  const result = {
    privateKey: Uint8Array.from(key.secret),
    publicKey: Uint8Array.from(key.publicKey.toBytes(true)),
  };
  key.secret.fill(0); // the library's copy is no longer needed
  return result;
}
