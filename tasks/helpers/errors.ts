import { HardhatPluginError } from "hardhat/plugins";

/** Shown by Hardhat as "Error in community plugin sealedchain: …" (one line, no stack unless
 * --show-stack-traces). */
export const PLUGIN_ID = "sealedchain";

/** Base class of errors raised by task input handling (name + code). A HardhatPluginError so
 * that Hardhat prints the message, not "An unexpected error occurred" with a stack. */
export class TaskInputError extends HardhatPluginError {
  override name = "TaskInputError";
  readonly code: string;

  constructor(code: string, message: string, options?: ErrorOptions) {
    super(PLUGIN_ID, message, options?.cause instanceof Error ? options.cause : undefined);
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
