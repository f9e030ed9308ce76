import { HardhatPluginError } from "hardhat/plugins";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { AgentError } from "../../offchain/agents/errors.js";
import { ChainError } from "../../offchain/chain/errors.js";
import { ChunkCipherError } from "../../offchain/crypto/chunk-cipher/errors.js";
import { EnvelopeError } from "../../offchain/crypto/envelope/errors.js";
import { CertificationError } from "../../offchain/dcmb/certification/errors.js";
import { StorageError } from "../../offchain/storage/errors.js";
import { TorrentError } from "../../offchain/torrent/errors.js";
import { PLUGIN_ID } from "./errors.js";

type TaskAction<A> = (args: A, hre: HardhatRuntimeEnvironment) => Promise<void>;

/**
 * Wraps a task action so that the project's own errors (a missing participant, deployment or
 * password, a corrupt file, a wrong password, a torrent step's or a module certification's
 * refusal, a chunk or master table that does not authenticate) and a contract's custom-error revert reach the user as
 * one line naming the problem, instead of Hardhat's "An unexpected error occurred"
 * with a stack. The original error stays the `cause` (`--show-stack-traces` shows it).
 */
export function explainErrors<A>(action: TaskAction<A>): TaskAction<A> {
  return async (args, hre) => {
    try {
      await action(args, hre);
    } catch (error) {
      throw explain(error) ?? error;
    }
  };
}

function explain(error: unknown): HardhatPluginError | undefined {
  if (!(error instanceof Error) || HardhatPluginError.isHardhatPluginError(error)) return undefined;
  if (
    error instanceof ChainError ||
    error instanceof AgentError ||
    error instanceof StorageError ||
    error instanceof EnvelopeError ||
    error instanceof TorrentError ||
    error instanceof ChunkCipherError ||
    error instanceof CertificationError ||
    error.name === "SecretsAuthenticationError"
  ) {
    const message = error.name === "SecretsAuthenticationError" ? `${error.message} (wrong password, or the file was altered)` : error.message;
    return new HardhatPluginError(PLUGIN_ID, `${error.name}: ${message}`, error);
  }
  // ethers decodes custom errors of the contract it called; the node's message names others.
  const revert = (error as { revert?: { name?: unknown; args?: unknown } }).revert;
  const named =
    typeof revert?.name === "string"
      ? `${revert.name}(${Array.isArray(revert.args) ? revert.args.map(String).join(", ") : ""})`
      : /reverted with custom error '([^']+)'/.exec(error.message)?.[1];
  if (named !== undefined) return new HardhatPluginError(PLUGIN_ID, `the contract rejected the transaction: ${named}`, error);
  return undefined;
}
