import { SealedChainError } from "../errors.js";

/** Base class of every error thrown by offchain/trace (traceability data, information servers, custody query). */
export class TraceError extends SealedChainError {}

/** A trace document or input (traceability data, object label, server parameter) that is not what it should be. */
export class TraceFormatError extends TraceError {
  constructor({ what, problem }: { what: string; problem: string }, options?: ErrorOptions) {
    super("TRACE_FORMAT", `${what}: ${problem}`, options);
  }
}

/** An information server that could not be reached (connection refused, DNS, timeout). */
export class InformationServerUnreachableError extends TraceError {
  readonly url: string;

  constructor({ url }: { url: string }, options?: ErrorOptions) {
    const reason = options?.cause instanceof Error ? `: ${options.cause.message}` : "";
    super("INFORMATION_SERVER_UNREACHABLE", `information server ${url} unreachable${reason}`, options);
    this.url = url;
  }
}

/** An information server that answered, but not with success (or not with what the route promises). */
export class InformationServerResponseError extends TraceError {
  readonly url: string;
  readonly status: number;

  constructor({ url, status, message }: { url: string; status: number; message: string }, options?: ErrorOptions) {
    super("INFORMATION_SERVER_RESPONSE", `information server ${url} answered ${status}: ${message}`, options);
    this.url = url;
    this.status = status;
  }
}

/** An object the ledger knows nothing of: neither a record nor an origin mapping. */
export class UnknownObjectError extends TraceError {
  readonly objectId: string;

  constructor({ objectId }: { objectId: string }) {
    super("UNKNOWN_OBJECT", `object ${objectId} has neither a record nor an origin mapping on the ledger`);
    this.objectId = objectId;
  }
}

/** A bad parameter of a trace function (server host, token, port, timeout, concurrency, …). */
export class TraceParameterError extends TraceError {
  constructor({ name, problem }: { name: string; problem: string }) {
    super("TRACE_PARAMETER", `${name}: ${problem}`);
  }
}

/** A ledger that answered something its custody rules never produce (a cycle, an unknown mapping kind, …). */
export class CustodyLedgerError extends TraceError {
  constructor({ problem }: { problem: string }, options?: ErrorOptions) {
    super("CUSTODY_LEDGER", `custody ledger: ${problem}`, options);
  }
}
