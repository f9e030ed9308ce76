export { CertificationError, CertificationStateError, ModuleLockfileError, ModuleNotCertifiedError, ModuleSourceError, ValidationDatasetError, ValidationFailedError, type NotCertifiedReason } from "./errors.js";
export { DCMB_MODULE } from "./dcmb-module.js";
export { hashModuleSource, resolveModuleFolder, type HashModuleSourceParameters, type HashModuleSourceResult } from "./hash-module-source.js";
export { canonicalJson, hashModuleArtifact, scanImportedPackages, type HashModuleArtifactParameters, type HashModuleArtifactResult } from "./hash-module-artifact.js";
export type { ValidationCheck, ValidationCheckDefinition, ValidationLog } from "./validation-types.js";
export { runValidationSuite, type RunValidationSuiteParameters } from "./run-validation-suite.js";
export { parseValidationDataset, type ValidationReading } from "./parse-validation-dataset.js";
export { datasetParsesCheck, sourceHashesDeterministicallyCheck } from "./generic-checks.js";
export {
  DCMB_VALIDATION_CHECKS,
  DCMB_VALIDATION_DATASET,
  VALIDATION_ARGON2,
  VALIDATION_RULES,
  buildValidationBatches,
  confidentialityCheck,
  encodeDcmbCalldata,
  messagesVerifyCheck,
  saltsUniqueCheck,
  tamperedMessagesRejectedCheck,
  type ChainCalldataProducer,
  type ValidationBatches,
} from "./dcmb-checks.js";
export { assertModuleCertified, type AssertModuleCertifiedParameters } from "./assert-module-certified.js";
export { voteOnModuleVersion, type VoteOnModuleVersionParameters, type VoteOnModuleVersionResult } from "./vote-on-module-version.js";
export { readCertificationStatus, type ModuleVersionStatus, type ProposalVotes, type ReadCertificationStatusParameters } from "./read-certification-status.js";
export { BALLOT_STATES, VERSION_STATUSES, ballotStateName, versionStatusName, type BallotStateName, type VersionStatusName } from "./version-status.js";
