import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by the envelope module. `code` is stable; match on it. */
export class EnvelopeError extends SealedChainError {}

/** The envelope is not a SealedChain envelope of a supported version, or is too short. */
export class EnvelopeFormatError extends EnvelopeError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("ENVELOPE_FORMAT", `Malformed envelope: ${reason}`, { cause });
    this.reason = reason;
  }
}

/**
 * Authenticated decryption failed: the envelope was made for another recipient,
 * or some byte of it (header, ephemeral key, nonce, tag, ciphertext) was changed.
 * The two cases are indistinguishable by design (AES-GCM tag check).
 */
export class EnvelopeDecryptionError extends EnvelopeError {
  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("ENVELOPE_DECRYPTION", `Envelope could not be opened: ${reason}`, { cause });
  }
}

/** The envelope opened, but it was sealed for another purpose (context label). */
export class EnvelopeContextError extends EnvelopeError {
  readonly expected: string;
  readonly actual: string;

  constructor({ expected, actual }: { expected: string; actual: string }) {
    super(
      "ENVELOPE_CONTEXT",
      `Envelope context mismatch: expected ${JSON.stringify(expected)}, the envelope was sealed for ${JSON.stringify(actual)}`,
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** A recipient public key is not a valid secp256k1 point in SEC1 encoding. */
export class InvalidPublicKeyError extends EnvelopeError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("INVALID_PUBLIC_KEY", `Invalid secp256k1 public key: ${reason}`, { cause });
    this.reason = reason;
  }
}

/** A private key is not 32 bytes or not in [1, n-1] for secp256k1. */
export class InvalidPrivateKeyError extends EnvelopeError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super("INVALID_PRIVATE_KEY", `Invalid secp256k1 private key: ${reason}`, { cause });
    this.reason = reason;
  }
}

/** A parameter other than a key has the wrong type or size. */
export class InvalidEnvelopeParameterError extends EnvelopeError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super("INVALID_ENVELOPE_PARAMETER", `Invalid ${parameter}: expected ${expected}, got ${actual}`);
    this.parameter = parameter;
  }
}
