// Public surface of offchain/crypto/paillier: Paillier with g = n + 1 (Paillier 1999; Nasu et al.).
export { generatePaillierKeyPair } from "./generate-paillier-key-pair.js";
export type { GeneratePaillierKeyPairParameters, GeneratePaillierKeyPairResult } from "./generate-paillier-key-pair.js";
export { privateKeyFromPrimes } from "./private-key-from-primes.js";
export type { PrivateKeyFromPrimesParameters } from "./private-key-from-primes.js";
export { publicKeyFromN } from "./public-key-from-n.js";
export type { PublicKeyFromNParameters } from "./public-key-from-n.js";

export { encrypt } from "./encrypt.js";
export type { EncryptParameters } from "./encrypt.js";
export { encryptAsOwner } from "./encrypt-as-owner.js";
export type { EncryptAsOwnerParameters } from "./encrypt-as-owner.js";
export { decrypt } from "./decrypt.js";
export type { DecryptParameters } from "./decrypt.js";

export { add } from "./add.js";
export type { AddParameters } from "./add.js";
export { addPlain } from "./add-plain.js";
export type { AddPlainParameters } from "./add-plain.js";
export { multiplyPlain } from "./multiply-plain.js";
export type { MultiplyPlainParameters } from "./multiply-plain.js";
export { negate } from "./negate.js";
export type { NegateParameters } from "./negate.js";
export { subtract } from "./subtract.js";
export type { SubtractParameters } from "./subtract.js";
export { rerandomize } from "./rerandomize.js";
export type { RerandomizeParameters } from "./rerandomize.js";

export { recoverNonce } from "./recover-nonce.js";
export type { RecoverNonceParameters } from "./recover-nonce.js";
export { verifyNonce } from "./verify-nonce.js";
export type { VerifyNonceParameters } from "./verify-nonce.js";
export { createNoncePool } from "./create-nonce-pool.js";
export type { CreateNoncePoolParameters } from "./create-nonce-pool.js";
export type { PaillierNoncePool } from "./nonce-pool.js";

export { publicKeyToJson } from "./public-key-to-json.js";
export type { PublicKeyToJsonParameters } from "./public-key-to-json.js";
export { publicKeyFromJson } from "./public-key-from-json.js";
export type { PublicKeyFromJsonParameters } from "./public-key-from-json.js";
export { privateKeyToJson } from "./private-key-to-json.js";
export type { PrivateKeyToJsonParameters } from "./private-key-to-json.js";
export { privateKeyFromJson } from "./private-key-from-json.js";
export type { PrivateKeyFromJsonParameters } from "./private-key-from-json.js";

export { toPaillierBigint } from "./to-paillier-bigint.js";
export type { ToPaillierBigintParameters } from "./to-paillier-bigint.js";
export { fromPaillierBigint } from "./from-paillier-bigint.js";
export type { FromPaillierBigintParameters } from "./from-paillier-bigint.js";

export { modPow } from "./mod-pow.js";
export { modPowBigInt } from "./mod-pow-bigint.js";
export { createModPow } from "./create-mod-pow.js";
export type { ModPow } from "./create-mod-pow.js";

export type {
  PaillierKeyPair,
  PaillierPrivateKey,
  PaillierPrivateKeyJson,
  PaillierPublicKey,
  PaillierPublicKeyJson,
} from "./types.js";
export {
  PAILLIER_DEFAULT_BITS,
  PAILLIER_MAX_BITS,
  PAILLIER_MIN_INSECURE_BITS,
  PAILLIER_MIN_SECURE_BITS,
  PAILLIER_SCHEME,
} from "./constants.js";
export {
  PaillierCiphertextError,
  PaillierError,
  PaillierInsecureKeyError,
  PaillierJsonError,
  PaillierKeyError,
  PaillierNonceError,
  PaillierNoncePoolError,
  PaillierParameterError,
  PaillierPlaintextRangeError,
} from "./errors.js";
