/** Base class of every error thrown by the envelope module. `code` is stable; match on it. */
export class EnvelopeError extends Error {
  override readonly name: string;
  readonly code: string;

  constructor(message: string, code: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The envelope is not a SealedChain envelope of a supported version, or is too short. */
export class EnvelopeFormatError extends EnvelopeError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`Malformed envelope: ${reason}`, "ENVELOPE_FORMAT", { cause });
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
    super(`Envelope could not be opened: ${reason}`, "ENVELOPE_DECRYPTION", { cause });
  }
}

/** The envelope opened, but it was sealed for another purpose (context label). */
export class EnvelopeContextError extends EnvelopeError {
  readonly expected: string;
  readonly actual: string;

  constructor({ expected, actual }: { expected: string; actual: string }) {
    super(
      `Envelope context mismatch: expected ${JSON.stringify(expected)}, the envelope was sealed for ${JSON.stringify(actual)}`,
      "ENVELOPE_CONTEXT",
    );
    this.expected = expected;
    this.actual = actual;
  }
}

/** A recipient public key is not a valid secp256k1 point in SEC1 encoding. */
export class InvalidPublicKeyError extends EnvelopeError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`Invalid secp256k1 public key: ${reason}`, "INVALID_PUBLIC_KEY", { cause });
    this.reason = reason;
  }
}

/** A private key is not 32 bytes or not in [1, n-1] for secp256k1. */
export class InvalidPrivateKeyError extends EnvelopeError {
  readonly reason: string;

  constructor({ reason, cause }: { reason: string; cause?: unknown }) {
    super(`Invalid secp256k1 private key: ${reason}`, "INVALID_PRIVATE_KEY", { cause });
    this.reason = reason;
  }
}

/** A parameter other than a key has the wrong type or size. */
export class InvalidEnvelopeParameterError extends EnvelopeError {
  readonly parameter: string;

  constructor({ parameter, expected, actual }: { parameter: string; expected: string; actual: string }) {
    super(`Invalid ${parameter}: expected ${expected}, got ${actual}`, "INVALID_ENVELOPE_PARAMETER");
    this.parameter = parameter;
  }
}
