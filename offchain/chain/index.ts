export { ChainError, CorruptParticipantFileError, DeploymentNotFoundError, FetchedContentMismatchError, MissingEventError, InvalidParticipantNameError, MemberEndpointsMissingError, MissingContractError, MissingPasswordError, ParticipantExistsError, ParticipantNotFoundError, WrongPasswordError } from "./errors.js";
export { assertParticipantName } from "./participant-name.js";
export { resolveSealedChainHome, type ResolveSealedChainHomeParameters } from "./sealedchain-home.js";
export { participantPaths, type ParticipantPaths, type ParticipantPathsParameters } from "./participant-paths.js";
export { participantPasswordVariable, readParticipantPassword, type ReadParticipantPasswordParameters } from "./read-participant-password.js";
export { DEMO_SCRYPT, STANDARD_SCRYPT, type ScryptParameters, type SealedSecretsFile } from "./secret-box-format.js";
export { sealSecrets, type SealSecretsParameters } from "./seal-secrets.js";
export { openSecrets, SecretsAuthenticationError, type OpenSecretsParameters } from "./open-secrets.js";
export { writeFileAtomic, type WriteFileAtomicParameters } from "./write-file-atomic.js";
export { useNativeScrypt } from "./use-native-scrypt.js";
export type { EncryptionKeyPair, Participant, ParticipantKeys, ParticipantProfile, PeerIdentity } from "./participant-types.js";
export { createParticipant, type CreateParticipantParameters, type CreateParticipantResult } from "./create-participant.js";
export { loadParticipant, type LoadParticipantParameters } from "./load-participant.js";
export { readParticipantProfile, type ReadParticipantProfileParameters } from "./read-participant-profile.js";
export { updateParticipantProfile, type UpdateParticipantProfileParameters } from "./update-participant-profile.js";
export { deriveDemoParticipant, DEVNET_DEMO_PASSWORD, HARDHAT_TEST_MNEMONIC, type DemoParticipantKeys } from "./derive-demo-participant.js";
export { loadDeployment, type Deployment, type LoadDeploymentParameters } from "./load-deployment.js";
export { deploymentOfContracts, deploymentOfIgnitionResult, type DeploymentOfContractsParameters, type DeploymentOfContractsResult } from "./deployment-of-contracts.js";
export { connectConsortium, type ConnectConsortiumParameters, type ConsortiumContracts } from "./connect-consortium.js";
export { ROLE_NAMES, roleIdOf, roleNameOf, type RoleName } from "./role-names.js";
export {
  DEMO_ORGANISATIONS,
  demoPolicyOf,
  founderParameterOf,
  memberProfileOf,
  type DemoOrganisation,
  type FounderParameter,
  type MemberProfileParameter,
} from "./demo-consortium.js";
export { fetchFromMember, type DialingContentStore, type FetchFromMemberParameters } from "./fetch-from-member.js";
export { encryptToMember } from "./encrypt-to-member.js";
export { fetchDirectFromMember, type FetchDirectFromMemberParameters } from "./fetch-direct-from-member.js";
export { connectQuality, type ConnectQualityParameters, type QualityContracts } from "./connect-quality.js";
export { connectTorrent, type ConnectTorrentParameters, type TorrentContracts } from "./connect-torrent.js";
export { connectDcmb, type ConnectDcmbParameters, type DcmbContracts } from "./connect-dcmb.js";
export { connectExchange, type ConnectExchangeParameters, type ExchangeContracts } from "./connect-exchange.js";
export { ORDER_STATES, orderStateOf, withdrawEscrowCredit, type OrderStateName } from "./escrow-orders.js";
export { waitForEvent } from "./wait-for-event.js";
export { chainTime } from "./chain-time.js";
export { connectPoints } from "./connect-points.js";
