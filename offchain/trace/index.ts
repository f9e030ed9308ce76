export {
  CustodyLedgerError,
  InformationServerResponseError,
  InformationServerUnreachableError,
  TraceError,
  TraceFormatError,
  TraceParameterError,
  UnknownObjectError,
} from "./errors.js";
export { objectIdOf, objectLabelOf } from "./object-id.js";
export { MAX_STEP_LENGTH, TRACE_DATA_FORMAT, TRACE_DATA_VERSION, type TraceData, encodeTraceData, parseTraceData, traceDataHash } from "./trace-data.js";
export { type InformationServer, type StartInformationServerParameters, startInformationServer } from "./information-server.js";
export {
  type FetchTraceDataParameters,
  type ListObjectTracesParameters,
  type PostTraceDataParameters,
  fetchTraceData,
  listObjectTraces,
  postTraceData,
} from "./information-client.js";
export {
  type CustodyLedger,
  type CustodyNode,
  type DataCheck,
  type MappingNode,
  type ProvenanceTree,
  type QueryCustodyParameters,
  type RecordNode,
  queryCustody,
} from "./query-custody.js";
export { type RenderProvenanceOptions, provenanceTreeToJson, renderProvenanceTree } from "./render-provenance.js";
export {
  IDENTIFIER_MAPPING_TYPES,
  MAPPING_KINDS,
  TRACE_RECORD_TYPES,
  recoverIdentifierMappingSigner,
  recoverTraceRecordSigner,
  signIdentifierMapping,
  signTraceRecord,
  traceLedgerDomain,
  type IdentifierMappingFields,
  type MappingKindName,
  type TraceRecordFields,
} from "./trace-signatures.js";
// The steps a member takes (D3.6 I.1.5): post records and mappings, verify and confirm them.
export type { TraceParty } from "./trace-party.js";
export { informationServerPaths, reachParticipantInformationServer, readInformationServerSettings, startParticipantInformationServer } from "./participant-information-server.js";
export { mapObjects, recordTrace, traceDomainOf } from "./record-trace.js";
export { confirmTrace, verifyTrace, type TraceEntryKind, type TraceVerification } from "./verify-trace.js";
