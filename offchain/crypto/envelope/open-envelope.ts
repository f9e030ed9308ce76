import { PublicKey } from "eciesjs";
import { symDecrypt } from "eciesjs/utils";
import {
  ENVELOPE_ECIES_CONFIG,
  ENVELOPE_MAGIC,
  ENVELOPE_VERSION,
  EPHEMERAL_KEY_LENGTH,
  HEADER_LENGTH,
  MIN_ENVELOPE_LENGTH,
} from "./constants.js";
import { assertBytes } from "./assert-bytes.js";
import { encodeContext } from "./encode-context.js";
import { EnvelopeContextError, EnvelopeDecryptionError, EnvelopeFormatError } from "./errors.js";
import { parsePrivateKey } from "./parse-private-key.js";

export interface OpenEnvelopeParameters {
  /** Recipient's 32-byte secp256k1 private key. */
  privateKey: Uint8Array;
  envelope: Uint8Array;
  /** The label the sender used; absent means the empty label. */
  context?: string;
}

/** The plaintext (a fresh buffer the caller owns). */
export type OpenEnvelopeResult = Uint8Array;

/**
 * Opens an envelope made by encryptTo.
 * @throws EnvelopeFormatError bad magic, unknown version, too short
 * @throws EnvelopeDecryptionError wrong recipient or any authenticated byte changed
 * @throws EnvelopeContextError decrypted, but sealed for another context
 */
export function openEnvelope({ privateKey, envelope, context }: OpenEnvelopeParameters): OpenEnvelopeResult {
  const recipient = parsePrivateKey(privateKey);
  assertBytes(envelope, "envelope");
  const expectedContext = encodeContext(context);

  if (envelope.length < MIN_ENVELOPE_LENGTH) {
    throw new EnvelopeFormatError({
      reason: `expected at least ${MIN_ENVELOPE_LENGTH} bytes, got ${envelope.length}`,
    });
  }
  for (let i = 0; i < ENVELOPE_MAGIC.length; i++) {
    if (envelope[i] !== ENVELOPE_MAGIC[i]) {
      throw new EnvelopeFormatError({ reason: 'magic bytes are not "SCE"' });
    }
  }
  const version = envelope[ENVELOPE_MAGIC.length];
  if (version !== ENVELOPE_VERSION) {
    throw new EnvelopeFormatError({ reason: `unsupported version ${version}, expected ${ENVELOPE_VERSION}` });
  }

  const header = envelope.slice(0, HEADER_LENGTH);
  const ephemeralBytes = envelope.slice(HEADER_LENGTH, HEADER_LENGTH + EPHEMERAL_KEY_LENGTH);
  const sealed = envelope.subarray(HEADER_LENGTH + EPHEMERAL_KEY_LENGTH);

  let ephemeral: PublicKey;
  try {
    ephemeral = new PublicKey(ephemeralBytes, "secp256k1");
  } catch (cause) {
    throw new EnvelopeDecryptionError({ reason: "ephemeral key is not a point on secp256k1", cause });
  }

  const sharedKey = ephemeral.decapsulate(recipient, ENVELOPE_ECIES_CONFIG.isHkdfKeyCompressed);
  let framed: Uint8Array;
  try {
    framed = symDecrypt(ENVELOPE_ECIES_CONFIG, sharedKey, sealed, header);
  } catch (cause) {
    throw new EnvelopeDecryptionError({
      reason: "authentication failed (not addressed to this key, or tampered with)",
      cause,
    });
  } finally {
    sharedKey.fill(0);
    recipient.secret.fill(0); // parsePrivateKey made a private copy
  }

  try {
    const contextLength = framed[0] ?? 0;
    if (framed.length < 1 + contextLength) {
      throw new EnvelopeFormatError({ reason: "context length exceeds the decrypted payload" });
    }
    const actualContext = framed.subarray(1, 1 + contextLength);
    if (!bytesEqual(actualContext, expectedContext)) {
      throw new EnvelopeContextError({
        expected: context ?? "",
        actual: new TextDecoder().decode(actualContext),
      });
    }
    return framed.slice(1 + contextLength);
  } finally {
    framed.fill(0);
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
