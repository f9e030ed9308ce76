// Public surface of offchain/exchange: data entries, data keys, deliveries, usage terms and the matching policy.
export * from "./errors.js";
export { fingerprintOf } from "./fingerprint.js";
export { ENTRY_METADATA_FORMAT, encodeEntryMetadata, metadataHashOf, parseEntryMetadata, type EntryMetadata } from "./entry-metadata.js";
export { DATA_CHUNK_BYTES, DATA_CIPHER, ciphertextLengthOf } from "./data-cipher.js";
export { ENTRY_DOCUMENT_FORMAT, MAX_VALIDATION_KEYS, parseEntryDocument, type EntryDocument, type ValidationKey } from "./entry-document.js";
export {
  openDataEntry,
  sealDataEntry,
  type EntryKey,
  type OpenDataEntryParameters,
  type RegulatorKey,
  type SealDataEntryParameters,
  type SealDataEntryResult,
} from "./data-entry.js";
export { deliveryContext, validationContext, vaultContext } from "./contexts.js";
export { DATA_KEY_FILE_FORMAT, createDataKeyVault, type CreateDataKeyVaultParameters, type DataKeyVault } from "./data-key-vault.js";
export {
  DELIVERY_FORMAT,
  buildDelivery,
  deliveryHashOf,
  openDelivery,
  parseDelivery,
  type BuildDeliveryParameters,
  type DeliveryDocument,
  type DeliveryTarget,
  type OpenDeliveryParameters,
} from "./delivery.js";
export {
  MAX_PURPOSES,
  REQUIREMENTS_FORMAT,
  USAGE_TERMS_FORMAT,
  encodeRequirements,
  encodeUsageTerms,
  parseRequirements,
  parseUsageTerms,
  requirementsHashOf,
  usageTermsHashOf,
  type Requirements,
  type UsageTerms,
} from "./usage-terms.js";
export { isCandidate, matchRequests, type MatchRequestsParameters, type OfferView, type ProposedMatch, type RequestView } from "./matching-policy.js";
export { DATA_ENTRY_TYPES, dataRegistryDomain, recoverDataEntrySigner, signDataEntry, type DataEntryFields } from "./data-entry-signature.js";
// The protocol steps a member takes (D3.6 clauses 9.3-9.7, I.2).
export type { ExchangeParty } from "./exchange-party.js";
export { exchangePaths } from "./exchange-paths.js";
export { createDeviceKey, loadDeviceKey } from "./device-keys.js";
export { ENTRY_STATES, OFFER_STATES, REQUEST_STATES, TRADE_STATES, stateName, type EntryStateName } from "./entry-states.js";
export { regulatorsOf } from "./regulators-of.js";
export { submitData, type SubmitDataParameters } from "./submit-data.js";
export { inspectEntry } from "./inspect-entry.js";
export { certifyData, encodeCertificate, entryHistory, rejectData } from "./validate-data.js";
export { offerData, type OfferDataParameters } from "./offer-data.js";
export { requestData } from "./request-data.js";
export { matchMarket, readMarket } from "./match-market.js";
export { buyData } from "./buy-data.js";
export { deliverData } from "./deliver-data.js";
export { confirmData, disputeData, receiveData, recordSharing } from "./receive-data.js";
export { tradeProvenance } from "./trade-provenance.js";
export { readExchangePolicy, type ExchangePolicy } from "./read-exchange-policy.js";
