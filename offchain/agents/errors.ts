import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/agents (name + stable code). */
export class AgentError extends SealedChainError {}

export class CursorFileError extends AgentError {
  constructor({ file, problem }: { file: string; problem: string }, options?: ErrorOptions) {
    super("CURSOR_FILE", `agent cursor ${file} is not usable: ${problem}`, options);
  }
}

export class CursorChainMismatchError extends AgentError {
  constructor({ file, expected, actual }: { file: string; expected: bigint; actual: bigint }) {
    super(
      "CURSOR_CHAIN_MISMATCH",
      `agent cursor ${file} belongs to chain ${expected} but the provider is on chain ${actual}; use another participant home or delete the cursor`,
    );
  }
}

export class PolicyFileError extends AgentError {
  constructor({ file, problem }: { file: string; problem: string }, options?: ErrorOptions) {
    super("POLICY_FILE", `policy ${file} is not usable: ${problem}`, options);
  }
}

export class InvalidAgentConfigError extends AgentError {
  constructor({ field, expected, got }: { field: string; expected: string; got: unknown }) {
    super("INVALID_AGENT_CONFIG", `agent ${field}: expected ${expected}, got ${JSON.stringify(got)}`);
  }
}
