/** Base class of errors raised by task input handling (name + code). */
export class TaskInputError extends Error {
  override name = "TaskInputError";
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}

export class MissingOptionError extends TaskInputError {
  override name = "MissingOptionError";
  constructor({ option, hint }: { option: string; hint?: string }) {
    super("MISSING_OPTION", `--${option} is required${hint === undefined ? "" : `: ${hint}`}`);
  }
}

export class InvalidOptionError extends TaskInputError {
  override name = "InvalidOptionError";
  constructor({ option, expected, got }: { option: string; expected: string; got: unknown }, options?: ErrorOptions) {
    super("INVALID_OPTION", `--${option}: expected ${expected}, got ${JSON.stringify(got)}`, options);
  }
}
