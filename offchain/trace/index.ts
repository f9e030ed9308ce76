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
// export { … } from "./trace-signatures.js"; // EIP-712 TraceRecord / IdentifierMapping signing (written separately)
