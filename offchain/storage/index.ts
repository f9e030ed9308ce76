export type { ContentStore, ContentStoreWaitOptions, DirectFetchOptions, DirectFetchingStore, RequestOptions } from "./content-store.js";
export { RequestStatus } from "./request-response-protocol.js";
export type { HandleRequestsOptions, RequestHandler } from "./request-server.js";
export { DIRECT_FETCH_PROTOCOL } from "./direct-fetch-protocol.js";
export { startEmbeddedStore } from "./start-embedded-store.js";
export type { StartEmbeddedStoreParameters, StartEmbeddedStoreResult } from "./start-embedded-store.js";
export { EmbeddedStore } from "./embedded-store.js";
export type { RequestingStore } from "./embedded-store.js";
export { createKuboStore } from "./create-kubo-store.js";
export type { CreateKuboStoreParameters, CreateKuboStoreResult } from "./create-kubo-store.js";
export { KuboStore } from "./kubo-store.js";
export { generatePeerIdentity } from "./generate-peer-identity.js";
export type { GeneratePeerIdentityResult } from "./generate-peer-identity.js";
export { peerIdentityFromBytes } from "./peer-identity-from-bytes.js";
export type { PeerIdentityFromBytesResult } from "./peer-identity-from-bytes.js";
export type { PeerIdentity } from "./peer-identity.js";
export { parseCid } from "./parse-cid.js";
export { CHUNK_SIZE_BYTES, DEFAULT_LISTEN_ADDRESSES, DEFAULT_TIMEOUT_MS } from "./constants.js";
export {
  ContentIntegrityError,
  ContentNotFoundError,
  ContentNotHeldError,
  InvalidCidError,
  InvalidKuboUrlError,
  InvalidMultiaddrError,
  InvalidPeerIdentityError,
  InvalidStoreParameterError,
  KuboUnreachableError,
  NonLoopbackAddressError,
  PeerDialError,
  PeerProtocolError,
  RemoteHandlerError,
  RequestTimeoutError,
  StorageError,
  StoreOperationAbortedError,
  StoreOperationError,
  StoreStoppedError,
} from "./errors.js";
export * from "./placement/index.js";
export * from "./chunker/index.js";
