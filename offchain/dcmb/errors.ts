import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/dcmb (the DCMB part: Stodt & Reich). */
export class DcmbError extends SealedChainError {}

/** A DCMB document (reading data, message, queue item) that is not what its format says. */
export class DcmbFormatError extends DcmbError {
  constructor({ what, problem }: { what: string; problem: string }, options?: ErrorOptions) {
    super("DCMB_FORMAT", `${what}: ${problem}`, options);
  }
}

/** A bad parameter of a DCMB function (Argon2 parameters, salt, batch, queue limits, …). */
export class DcmbParameterError extends DcmbError {
  constructor({ name, problem }: { name: string; problem: string }, options?: ErrorOptions) {
    super("DCMB_PARAMETER", `${name}: ${problem}`, options);
  }
}

/** Interval rules (Algorithm 4) that cannot be used: `index` is the rule's position in the list. */
export class DcmbRuleError extends DcmbError {
  readonly index: number | undefined;

  constructor({ index, problem }: { index?: number; problem: string }) {
    super("DCMB_RULE", index === undefined ? `interval rules: ${problem}` : `interval rule [${index}]: ${problem}`);
    this.index = index;
  }
}

/** A reading source that could not be read or holds a malformed reading. */
export class DcmbReadingError extends DcmbError {
  constructor({ source, line, problem }: { source: string; line?: number; problem: string }, options?: ErrorOptions) {
    super("DCMB_READING", line === undefined ? `${source}: ${problem}` : `${source} line ${line}: ${problem}`, options);
  }
}

/** The durable queue's folder holds something it cannot use, or was used after being closed. */
export class DcmbQueueError extends DcmbError {
  constructor({ directory, problem }: { directory: string; problem: string }, options?: ErrorOptions) {
    super("DCMB_QUEUE", `queue ${directory}: ${problem}`, options);
  }
}
