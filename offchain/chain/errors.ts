import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/chain: a stable `code` plus a message that
 * says what was expected and what came. */
export class ChainError extends SealedChainError {}

export class InvalidParticipantNameError extends ChainError {
  constructor({ name }: { name: string }) {
    super(
      "INVALID_PARTICIPANT_NAME",
      `participant name ${JSON.stringify(name)} is invalid: expected 1-32 characters from [a-z0-9-]`,
    );
  }
}

export class ParticipantExistsError extends ChainError {
  constructor({ name, directory }: { name: string; directory: string }) {
    super(
      "PARTICIPANT_EXISTS",
      `participant '${name}' already exists at ${directory}; refusing to overwrite it (delete the folder first if you really mean to)`,
    );
  }
}

export class ParticipantNotFoundError extends ChainError {
  constructor({ name, directory }: { name: string; directory: string }) {
    super(
      "PARTICIPANT_NOT_FOUND",
      `participant '${name}' not found: expected ${directory} (create it with \`npx hardhat participant:new --name ${name}\`, or set SEALEDCHAIN_HOME)`,
    );
  }
}

export class MissingPasswordError extends ChainError {
  constructor({ name, variables }: { name: string; variables: string[] }) {
    super(
      "MISSING_PASSWORD",
      `no password for participant '${name}': set ${variables.join(" or ")}`,
    );
  }
}

export class WrongPasswordError extends ChainError {
  constructor({ name, file }: { name: string; file: string }, options?: ErrorOptions) {
    super(
      "WRONG_PASSWORD",
      `wrong password for participant '${name}': could not decrypt ${file}`,
      options,
    );
  }
}

export class CorruptParticipantFileError extends ChainError {
  constructor({ file, problem }: { file: string; problem: string }, options?: ErrorOptions) {
    super("CORRUPT_PARTICIPANT_FILE", `${file} is not usable: ${problem}`, options);
  }
}

export class DeploymentNotFoundError extends ChainError {
  constructor({ chainId, file }: { chainId: bigint | number; file: string }) {
    super(
      "DEPLOYMENT_NOT_FOUND",
      `nothing is deployed on chain ${chainId}: ${file} does not exist (run \`npm run devnet\` or \`npx hardhat ignition deploy ignition/modules/SealedChain.ts --network <network>\` first, or point SEALEDCHAIN_DEPLOYMENT at a deployed_addresses.json)`,
    );
  }
}

export class MissingContractError extends ChainError {
  constructor({ contract, file, known }: { contract: string; file: string; known: string[] }) {
    super(
      "MISSING_CONTRACT",
      `${file} has no address for ${contract}; it lists: ${known.length > 0 ? known.join(", ") : "(nothing)"}`,
    );
  }
}

export class MemberEndpointsMissingError extends ChainError {
  constructor({ member }: { member: string }) {
    super(
      "MEMBER_ENDPOINTS_MISSING",
      `member ${member} has no storage multiaddrs registered on chain: expected its agent to have published them (registry.updateEndpoints), got none`,
    );
  }
}

export class FetchedContentMismatchError extends ChainError {
  constructor({ cid, member, expected, got }: { cid: string; member: string; expected: string; got: string }) {
    super(
      "FETCHED_CONTENT_MISMATCH",
      `content ${cid} fetched from member ${member} does not match the recorded hash: expected keccak256 ${expected}, got ${got}`,
    );
  }
}

export class MissingEventError extends ChainError {
  constructor({ event, txHash }: { event: string; txHash: string }) {
    super("MISSING_EVENT", `transaction ${txHash} emitted no ${event} event, though the call succeeded`);
  }
}
