export { encryptTo } from "./encrypt-to.js";
export type { EncryptToParameters, EncryptToResult } from "./encrypt-to.js";
export { openEnvelope } from "./open-envelope.js";
export type { OpenEnvelopeParameters, OpenEnvelopeResult } from "./open-envelope.js";
export { generateEncryptionKeyPair } from "./generate-encryption-key-pair.js";
export type { GenerateEncryptionKeyPairResult } from "./generate-encryption-key-pair.js";
export { validatePublicKey } from "./validate-public-key.js";
export {
  ENVELOPE_ECIES_CONFIG,
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  MAX_CONTEXT_BYTES,
  MIN_ENVELOPE_LENGTH,
} from "./constants.js";
export {
  EnvelopeContextError,
  EnvelopeDecryptionError,
  EnvelopeError,
  EnvelopeFormatError,
  InvalidEnvelopeParameterError,
  InvalidPrivateKeyError,
  InvalidPublicKeyError,
} from "./errors.js";
