/**
 * Root of every error SealedChain throws. Each folder's `errors.ts` has one base class
 * extending it (EnvelopeError, StorageError, ChainError, …) and its subclasses call
 * `super(code, message, { cause })`.
 *
 * - `name` is the concrete class name (`new.target.name`), so subclasses need not set it.
 * - `code` is stable across releases: match on it (or `instanceof`), never on the message.
 * - `cause` is the ES2022 `Error.cause`, passed through `ErrorOptions`.
 */
export class SealedChainError extends Error {
  override readonly name: string;
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}
