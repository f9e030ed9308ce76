import { SealedChainError } from "../../errors.js";

/** Base class of every error thrown by offchain/dcmb/certification (paper section 3.3). */
export class CertificationError extends SealedChainError {}

/** The module's folder cannot be hashed: missing, empty, outside the project, or holding a symlink or special file. */
export class ModuleSourceError extends CertificationError {
  constructor({ folder, problem }: { folder: string; problem: string }, options?: ErrorOptions) {
    super("CERT_MODULE_SOURCE", `module folder ${folder}: ${problem}`, options);
  }
}

/** A dependency the module imports has no exact entry in package-lock.json (or the lockfile is missing). */
export class ModuleLockfileError extends CertificationError {
  constructor({ lockfile, problem }: { lockfile: string; problem: string }, options?: ErrorOptions) {
    super("CERT_LOCKFILE", `${lockfile}: ${problem}`, options);
  }
}

/** The validation data set is not a CSV of `time,value` lines. */
export class ValidationDatasetError extends CertificationError {
  constructor({ dataset, problem }: { dataset: string; problem: string }, options?: ErrorOptions) {
    super("CERT_DATASET", `validation data set ${dataset}: ${problem}`, options);
  }
}

/** A step asked for something the certification state on chain does not allow. */
export class CertificationStateError extends CertificationError {
  constructor({ what, expected, got }: { what: string; expected: string; got: string }) {
    super("CERT_STATE", `${what}: expected ${expected}, got ${got}`);
  }
}

/** Why a module's artifact is not certified. */
export type NotCertifiedReason = "unknown" | "proposed" | "revoked";

/** The module's artifact hash is not certified on chain; the module must not run. */
export class ModuleNotCertifiedError extends CertificationError {
  readonly artifactHash: string;
  readonly reason: NotCertifiedReason;
  readonly versionId: bigint;

  constructor({ module, artifactHash, reason, versionId, detail }: { module: string; artifactHash: string; reason: NotCertifiedReason; versionId: bigint; detail: string }) {
    super("CERT_NOT_CERTIFIED", `module ${module} is not certified: artifact ${artifactHash} ${detail}`);
    this.artifactHash = artifactHash;
    this.reason = reason;
    this.versionId = versionId;
  }
}

/** The validation suite did not pass; the module version is not proposed. */
export class ValidationFailedError extends CertificationError {
  constructor({ failed }: { failed: { name: string; detail: string }[] }) {
    super("CERT_VALIDATION_FAILED", `validation failed: ${failed.map((c) => `"${c.name}" (${c.detail})`).join("; ")}`);
  }
}
