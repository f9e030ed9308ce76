import { PrivateKey } from "eciesjs";
import { symEncrypt } from "eciesjs/utils";
import { ENVELOPE_ECIES_CONFIG, EPHEMERAL_KEY_LENGTH } from "./constants.js";
import { assertBytes } from "./assert-bytes.js";
import { encodeContext } from "./encode-context.js";
import { envelopeHeader } from "./envelope-header.js";
import { parsePublicKey } from "./parse-public-key.js";

export interface EncryptToParameters {
  /** Recipient's secp256k1 public key, 33-byte compressed or 65-byte uncompressed. */
  recipientPublicKey: Uint8Array;
  plaintext: Uint8Array;
  /**
   * Purpose label (≤ 255 UTF-8 bytes), e.g. "sealedchain/torrent/key-share".
   * Sealed inside the authenticated plaintext; openEnvelope must be given the same label.
   */
  context?: string;
}

/** A version-1 envelope; see constants.ts for the byte layout. */
export type EncryptToResult = Uint8Array;

/**
 * Encrypts `plaintext` to one recipient: ECIES on secp256k1 (SEC 1 v2 §5.1) with a
 * fresh ephemeral key, HKDF-SHA256 (RFC 5869) and AES-256-GCM (NIST SP 800-38D),
 * as implemented by eciesjs, with the envelope header as GCM associated data.
 */
export function encryptTo({ recipientPublicKey, plaintext, context }: EncryptToParameters): EncryptToResult {
  const recipient = parsePublicKey(recipientPublicKey);
  assertBytes(plaintext, "plaintext");
  const contextBytes = encodeContext(context);

  const framed = new Uint8Array(1 + contextBytes.length + plaintext.length);
  framed[0] = contextBytes.length;
  framed.set(contextBytes, 1);
  framed.set(plaintext, 1 + contextBytes.length);

  const ephemeral = new PrivateKey(undefined, "secp256k1");
  const sharedKey = ephemeral.encapsulate(recipient, ENVELOPE_ECIES_CONFIG.isHkdfKeyCompressed);
  try {
    const header = envelopeHeader();
    const ephemeralPublicKey = ephemeral.publicKey.toBytes(true);
    // symEncrypt returns nonce ‖ tag ‖ ciphertext.
    const sealed = symEncrypt(ENVELOPE_ECIES_CONFIG, sharedKey, framed, header);
    const envelope = new Uint8Array(header.length + EPHEMERAL_KEY_LENGTH + sealed.length);
    envelope.set(header, 0);
    envelope.set(ephemeralPublicKey, header.length);
    envelope.set(sealed, header.length + EPHEMERAL_KEY_LENGTH);
    return envelope;
  } finally {
    sharedKey.fill(0);
    framed.fill(0);
    ephemeral.secret.fill(0);
  }
}
