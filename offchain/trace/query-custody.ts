import { ZeroAddress, getAddress } from "ethers";

import { describeValue } from "../describe-value.js";
import { CustodyLedgerError, TraceParameterError, UnknownObjectError } from "./errors.js";
import { fetchTraceData } from "./information-client.js";
import { objectIdOf } from "./object-id.js";
import { type TraceData, parseTraceData, traceDataHash } from "./trace-data.js";

/** The part of the ITraceLedger contract the query reads (typechain's ITraceLedger fits; ethers gives bigints and Result objects). */
export type CustodyLedger = {
  latestRecord(objectId: string): Promise<bigint>;
  originMapping(objectId: string): Promise<bigint>;
  requiredConfirmations(): Promise<bigint>;
  recordOf(recordId: bigint): Promise<{
    objectId: string;
    transferOut: string;
    transferIn: string;
    recorder: string;
    timestamp: bigint;
    recordedAt: bigint;
    previousRecord: bigint;
    dataHash: string;
    confirmations: bigint;
    infoServer: string;
    signature: string;
  }>;
  mappingOf(mappingId: bigint): Promise<{
    kind: bigint;
    recorder: string;
    timestamp: bigint;
    recordedAt: bigint;
    confirmations: bigint;
    dataHash: string;
    inputs: string[];
    outputs: string[];
    inputRecords: bigint[];
    infoServer: string;
    signature: string;
  }>;
};

/** What the information server gave for a node's (infoServer, dataHash). */
export type DataCheck =
  | { status: "verified"; data: TraceData }
  | { status: "mismatch"; actualHash: string }
  | { status: "unreachable"; error: string }
  | { status: "malformed"; error: string };

export type RecordNode = {
  kind: "record";
  recordId: bigint;
  objectId: string;
  transferOut: string;
  transferIn: string;
  recorder: string;
  timestamp: bigint;
  confirmations: number;
  accepted: boolean;
  infoServer: string;
  dataHash: string;
  check: DataCheck;
  /** The object's record before this one, or the mapping that created it; null at an origin record. */
  upstream: CustodyNode | null;
};

export type MappingNode = {
  kind: "mapping";
  mappingId: bigint;
  mappingKind: "split" | "merge" | "relabel";
  inputs: string[];
  outputs: string[];
  recorder: string;
  timestamp: bigint;
  confirmations: number;
  accepted: boolean;
  infoServer: string;
  dataHash: string;
  check: DataCheck;
  /**
   * One per input, same order: where that input's custody continues. When several outputs of
   * one mapping are inputs here (split, then merged again) their entries are the same
   * MappingNode object: the provenance is a DAG, walked, fetched and counted once per node.
   */
  upstream: CustodyNode[];
};

export type CustodyNode = RecordNode | MappingNode;

export type ProvenanceTree = {
  objectId: string;
  /** The ledger's k when queried (what `accepted` was measured against). */
  requiredConfirmations: number;
  root: CustodyNode;
  summary: {
    records: number;
    mappings: number;
    verified: number;
    mismatched: number;
    unreachable: number;
    malformed: number;
    unaccepted: number;
    /** Objects whose first record is an origin record (transferOut 0), in walk order. */
    origins: string[];
  };
};

export type QueryCustodyParameters = {
  ledger: CustodyLedger;
  /** An object id or label (see objectIdOf). */
  objectId: string;
  /** Default: fetchTraceData from the information server at `url`. */
  fetchData?: (url: string, hash: string) => Promise<Uint8Array>;
  /** Fetches at a time; default 8. */
  concurrency?: number;
  /** Called after each distinct fetch finishes; `total` is the number of distinct (server, hash) pairs. */
  onProgress?: (done: number, total: number) => void;
};

const MAPPING_KINDS = { 1: "split", 2: "merge", 3: "relabel" } as const;
const PENDING: DataCheck = { status: "unreachable", error: "not fetched" };

/** One step of the walk: continue `objectId`'s custody from `recordId` (0: from its origin mapping) into `attach`. */
type Step = { objectId: string; recordId: bigint; attach: (node: CustodyNode) => void; optional: boolean };

type Fetched = { bytes: Uint8Array } | { error: string };

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Bytes → check against the on-chain hash, the format, and the objects the node is about. */
function checkData(fetched: Fetched, dataHash: string, objects: readonly string[]): DataCheck {
  if ("error" in fetched) return { status: "unreachable", error: fetched.error };
  const actualHash = traceDataHash(fetched.bytes);
  if (actualHash !== dataHash.toLowerCase()) return { status: "mismatch", actualHash };
  let data: TraceData;
  try {
    data = parseTraceData(fetched.bytes);
  } catch (error) {
    return { status: "malformed", error: errorText(error) };
  }
  if (!objects.includes(data.objectId)) {
    return { status: "malformed", error: `trace data is about object ${data.objectId}, not ${objects.length === 1 ? objects[0] : `one of ${objects.join(", ")}`}` };
  }
  return { status: "verified", data };
}

/** Runs `jobs` with at most `limit` at a time. */
async function runBounded(jobs: Array<() => Promise<void>>, limit: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
}

/**
 * The query of D3.6 I.1.5 (2): the custody of an object back to its origins, each node's
 * traceability data fetched from its information server and checked against the ledger's hash.
 *
 * Walk (iterative, so chains of any length and deep mapping trees fit): from
 * `latestRecord(objectId)` follow `previousRecord` to 0; then, if `originMapping(objectId)` is
 * set, that mapping, whose upstream[i] continues from `inputRecords[i]` (or, when 0, from
 * `originMapping(inputs[i])`); a mapping reached again is the same node. Each distinct
 * (infoServer, dataHash) is fetched once. A failed
 * fetch marks its nodes unreachable and the rest of the tree is still returned; ledger
 * failures reject.
 */
export async function queryCustody({ ledger, objectId, fetchData, concurrency = 8, onProgress }: QueryCustodyParameters): Promise<ProvenanceTree> {
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new TraceParameterError({ name: "concurrency", problem: `expected a positive integer, got ${describeValue(concurrency)}` });
  const rootId = objectIdOf(objectId);
  const fetch = fetchData ?? ((url: string, hash: string) => fetchTraceData({ url, hash }));
  const k = await ledger.requiredConfirmations();
  const requiredConfirmations = Number(k);

  let root: CustodyNode | undefined;
  const summary: ProvenanceTree["summary"] = { records: 0, mappings: 0, verified: 0, mismatched: 0, unreachable: 0, malformed: 0, unaccepted: 0, origins: [] };
  /** Every node with what its data must be about, to check once the fetches are done. */
  const checks: Array<{ node: CustodyNode; key: string; objects: string[] }> = [];
  const sources = new Map<string, { url: string; hash: string }>();
  const seenRecords = new Set<bigint>();
  const mappingNodes = new Map<bigint, MappingNode>();
  const keyOf = (url: string, hash: string) => {
    const key = `${url}\n${hash.toLowerCase()}`;
    if (!sources.has(key)) sources.set(key, { url, hash: hash.toLowerCase() });
    return key;
  };

  const stack: Step[] = [{ objectId: rootId, recordId: await ledger.latestRecord(rootId), attach: (node) => (root = node), optional: false }];
  while (stack.length > 0) {
    const step = stack.pop()!;
    if (step.recordId !== 0n) {
      if (seenRecords.has(step.recordId)) throw new CustodyLedgerError({ problem: `record ${step.recordId} reached twice (a cycle)` });
      seenRecords.add(step.recordId);
      const r = await ledger.recordOf(step.recordId);
      const previous = BigInt(r.previousRecord);
      if (previous >= step.recordId) throw new CustodyLedgerError({ problem: `record ${step.recordId} links back to record ${previous}, which is not earlier` });
      const node: RecordNode = {
        kind: "record",
        recordId: step.recordId,
        objectId: String(r.objectId).toLowerCase(),
        transferOut: getAddress(r.transferOut),
        transferIn: getAddress(r.transferIn),
        recorder: getAddress(r.recorder),
        timestamp: BigInt(r.timestamp),
        confirmations: Number(r.confirmations),
        accepted: BigInt(r.confirmations) >= k,
        infoServer: r.infoServer,
        dataHash: String(r.dataHash).toLowerCase(),
        check: PENDING,
        upstream: null,
      };
      if (node.objectId !== step.objectId) throw new CustodyLedgerError({ problem: `record ${step.recordId} is about ${node.objectId}, not ${step.objectId}` });
      step.attach(node);
      summary.records += 1;
      if (!node.accepted) summary.unaccepted += 1;
      if (previous === 0n && node.transferOut === ZeroAddress && !summary.origins.includes(node.objectId)) summary.origins.push(node.objectId);
      checks.push({ node, key: keyOf(node.infoServer, node.dataHash), objects: [node.objectId] });
      stack.push({ objectId: step.objectId, recordId: previous, attach: (upstream) => (node.upstream = upstream), optional: true });
      continue;
    }
    const mappingId = BigInt(await ledger.originMapping(step.objectId));
    if (mappingId === 0n) {
      if (step.optional) continue; // the object began with an origin record
      throw new UnknownObjectError({ objectId: step.objectId });
    }
    const known = mappingNodes.get(mappingId);
    if (known !== undefined) {
      step.attach(known); // outputs of one mapping merged again: the same node, walked once
      continue;
    }
    const m = await ledger.mappingOf(mappingId);
    const mappingKind = MAPPING_KINDS[Number(m.kind) as keyof typeof MAPPING_KINDS];
    const inputs = Array.from(m.inputs, (id) => String(id).toLowerCase());
    const outputs = Array.from(m.outputs, (id) => String(id).toLowerCase());
    const inputRecords = Array.from(m.inputRecords, (id) => BigInt(id));
    if (mappingKind === undefined) throw new CustodyLedgerError({ problem: `mapping ${mappingId} has kind ${m.kind}` });
    if (inputs.length === 0 || inputRecords.length !== inputs.length) throw new CustodyLedgerError({ problem: `mapping ${mappingId} has ${inputs.length} inputs and ${inputRecords.length} input records` });
    if (!outputs.includes(step.objectId)) throw new CustodyLedgerError({ problem: `mapping ${mappingId}, the origin of ${step.objectId}, does not output it` });
    const node: MappingNode = {
      kind: "mapping",
      mappingId,
      mappingKind,
      inputs,
      outputs,
      recorder: getAddress(m.recorder),
      timestamp: BigInt(m.timestamp),
      confirmations: Number(m.confirmations),
      accepted: BigInt(m.confirmations) >= k,
      infoServer: m.infoServer,
      dataHash: String(m.dataHash).toLowerCase(),
      check: PENDING,
      upstream: new Array<CustodyNode>(inputs.length),
    };
    mappingNodes.set(mappingId, node);
    step.attach(node);
    summary.mappings += 1;
    if (!node.accepted) summary.unaccepted += 1;
    checks.push({ node, key: keyOf(node.infoServer, node.dataHash), objects: outputs });
    // Reversed so that input 0 is walked first (origins come out in input order).
    for (let i = inputs.length - 1; i >= 0; i--) {
      stack.push({ objectId: inputs[i]!, recordId: inputRecords[i]!, attach: (upstream) => (node.upstream[i] = upstream), optional: false });
    }
  }
  if (root === undefined) throw new UnknownObjectError({ objectId: rootId });

  const fetched = new Map<string, Fetched>();
  let done = 0;
  const jobs = [...sources].map(([key, { url, hash }]) => async () => {
    try {
      const bytes = await fetch(url, hash);
      if (!(bytes instanceof Uint8Array)) throw new TypeError(`fetchData gave ${describeValue(bytes)}, not bytes`);
      fetched.set(key, { bytes });
    } catch (error) {
      fetched.set(key, { error: errorText(error) });
    }
    done += 1;
    onProgress?.(done, sources.size);
  });
  await runBounded(jobs, concurrency);

  for (const { node, key, objects } of checks) {
    node.check = checkData(fetched.get(key)!, node.dataHash, objects);
    const counter = ({ verified: "verified", mismatch: "mismatched", unreachable: "unreachable", malformed: "malformed" } as const)[node.check.status];
    summary[counter] += 1;
  }
  return { objectId: rootId, requiredConfirmations, root, summary };
}
