import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/exchange (data entries, keys, deliveries, terms). */
export class ExchangeError extends SealedChainError {}

/** An exchange document (metadata, entry, delivery, usage terms, requirements, vault file) that is
 * not what its format says. `document` names it; the message names the field and the value. */
export class ExchangeFormatError extends ExchangeError {
  readonly document: string;

  constructor({ document, problem }: { document: string; problem: string }, options?: ErrorOptions) {
    super("EXCHANGE_FORMAT", `${document}: ${problem}`, options);
    this.document = document;
  }
}

/** A bad argument of an exchange function (data, regulators, ids, keys). */
export class ExchangeParameterError extends ExchangeError {
  readonly parameter: string;

  constructor({ parameter, problem }: { parameter: string; problem: string }) {
    super("EXCHANGE_PARAMETER", `${parameter}: ${problem}`);
    this.parameter = parameter;
  }
}

/** The data's SHA-256 is not the fingerprint it should have (the entry document's or the chain's). */
export class FingerprintMismatchError extends ExchangeError {
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string, what = "data") {
    super("FINGERPRINT_MISMATCH", `${what}: expected fingerprint ${expected}, got ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}

/** The entry's metadata does not hash to the metadataHash recorded on chain. */
export class MetadataMismatchError extends ExchangeError {
  readonly expected: string;
  readonly actual: string;

  constructor(expected: string, actual: string) {
    super("METADATA_MISMATCH", `entry metadata: expected metadataHash ${expected}, got ${actual}`);
    this.expected = expected;
    this.actual = actual;
  }
}

/** This key holder is not a recipient: no validation key for this regulator, or the key envelope
 * does not open with the given private key (another recipient, or tampered: AES-GCM cannot tell). */
export class NotARecipientError extends ExchangeError {
  constructor({ what, problem }: { what: string; problem: string }, options?: ErrorOptions) {
    super("NOT_A_RECIPIENT", `${what}: ${problem}`, options);
  }
}

/** A delivery made for another order, market, chain or entry than the one expected. */
export class DeliveryMismatchError extends NotARecipientError {
  readonly field: string;

  constructor({ field, expected, actual }: { field: string; expected: string; actual: string }) {
    super({ what: "delivery", problem: `made for ${field} ${actual}, expected ${field} ${expected}` });
    this.field = field;
  }
}

/** The data ciphertext does not decrypt under the data key (wrong key, tampered, truncated). */
export class DataDecryptionError extends ExchangeError {
  constructor({ dataCid, problem }: { dataCid: string; problem: string }, options?: ErrorOptions) {
    super("DATA_DECRYPTION", `data ciphertext ${dataCid}: ${problem}`, options);
  }
}

/** The vault holds no data key for this fingerprint. */
export class DataKeyNotFoundError extends ExchangeError {
  readonly fingerprint: string;

  constructor({ fingerprint, directory }: { fingerprint: string; directory: string }) {
    super("DATA_KEY_NOT_FOUND", `no data key for fingerprint ${fingerprint} in ${directory}`);
    this.fingerprint = fingerprint;
  }
}

/** The vault already holds another data key for this fingerprint (it never overwrites a key). */
export class DataKeyConflictError extends ExchangeError {
  readonly fingerprint: string;

  constructor({ fingerprint, file }: { fingerprint: string; file: string }) {
    super("DATA_KEY_CONFLICT", `${file}: already holds a different data key for fingerprint ${fingerprint}`);
    this.fingerprint = fingerprint;
  }
}

/** A step asked of something in the wrong state (an entry not Pending, an order not Funded,
 * the wrong party, no regulator to validate). */
export class ExchangeStateError extends ExchangeError {
  constructor({ what, expected, got }: { what: string; expected: string; got: string }) {
    super("EXCHANGE_STATE", `${what}: expected ${expected}, got ${got}`);
  }
}

/** A device keyfile that cannot be created or opened. */
export class DeviceKeyError extends ExchangeError {
  constructor({ device, problem }: { device: string; problem: string }, options?: ErrorOptions) {
    super("DEVICE_KEY", `device '${device}': ${problem}`, options);
  }
}
