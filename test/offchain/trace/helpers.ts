import { ZeroAddress } from "ethers";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { type CustodyLedger, type InformationServer, type TraceData, encodeTraceData, objectIdOf, postTraceData, startInformationServer } from "../../../offchain/trace/index.js";

export const FARM = "0x1111111111111111111111111111111111111111";
export const PACKER = "0x2222222222222222222222222222222222222222";
export const CARRIER = "0x3333333333333333333333333333333333333333";
export const RETAILER = "0x4444444444444444444444444444444444444444";
export const NAMES: Record<string, string> = { [FARM]: "Farm", [PACKER]: "Packer", [CARRIER]: "Carrier", [RETAILER]: "Retailer" };
export const TOKEN = "test-write-token-0123456789";

export { rejection } from "../../helpers/rejection.js";

export async function temporaryDirectory(name: string): Promise<string> {
  return mkdtemp(path.join(tmpdir(), `sealedchain-trace-${name}-`));
}

export function traceData(objectLabel: string, step: string, by: string, details: Record<string, unknown> = {}, at = "2026-11-21T10:00:00.000Z"): TraceData {
  return { objectId: objectIdOf(objectLabel), step, at, by, details };
}

/** A member's information server plus a helper that posts data and returns where it is. */
export type TestServer = { server: InformationServer; directory: string; publish(data: TraceData): Promise<{ url: string; hash: string }> };

export async function startTestServer(name: string): Promise<TestServer> {
  const directory = await temporaryDirectory(name);
  const server = await startInformationServer({ directory, writeToken: TOKEN });
  return {
    server,
    directory,
    async publish(data) {
      const hash = await postTraceData({ url: server.url, token: TOKEN, bytes: encodeTraceData(data) });
      return { url: server.url, hash };
    },
  };
}

type Record_ = Awaited<ReturnType<CustodyLedger["recordOf"]>>;
type Mapping_ = Awaited<ReturnType<CustodyLedger["mappingOf"]>>;
const KINDS = { split: 1n, merge: 2n, relabel: 3n } as const;

/**
 * An in-memory ledger obeying ITraceLedger's custody rules (holder, consumed, mapping shapes,
 * previousRecord links, k confirmations), to unit-test the walk without a chain.
 */
export class MemoryLedger implements CustodyLedger {
  readonly records: Record_[] = [];
  readonly mappings: Mapping_[] = [];
  readonly #latest = new Map<string, bigint>();
  readonly #origin = new Map<string, bigint>();
  readonly #holder = new Map<string, string>();
  readonly #consumed = new Set<string>();
  calls = 0;

  constructor(readonly k = 2n) {}

  #live(objectId: string, by: string): void {
    const holder = this.#holder.get(objectId);
    if (holder === undefined) throw new Error(`unknown object ${objectId}`);
    if (this.#consumed.has(objectId)) throw new Error(`consumed object ${objectId}`);
    if (holder !== by) throw new Error(`${by} does not hold ${objectId}`);
  }

  record(p: { object: string; from: string; to: string; at: { url: string; hash: string }; confirmations?: number; timestamp?: bigint }): bigint {
    const objectId = objectIdOf(p.object);
    if (p.from === ZeroAddress) {
      if (this.#holder.has(objectId)) throw new Error(`object ${objectId} exists`);
    } else this.#live(objectId, p.from);
    const previousRecord = this.#latest.get(objectId) ?? 0n;
    this.records.push({
      objectId,
      transferOut: p.from,
      transferIn: p.to,
      recorder: p.from === ZeroAddress ? p.to : p.from,
      timestamp: p.timestamp ?? 1_800_000_000n + BigInt(this.records.length),
      recordedAt: 1_800_000_000n,
      previousRecord,
      dataHash: p.at.hash,
      confirmations: BigInt(p.confirmations ?? 2),
      infoServer: p.at.url,
      signature: "0x",
    });
    const id = BigInt(this.records.length);
    this.#latest.set(objectId, id);
    this.#holder.set(objectId, p.to);
    return id;
  }

  map(p: { kind: keyof typeof KINDS; inputs: string[]; outputs: string[]; by: string; at: { url: string; hash: string }; confirmations?: number }): bigint {
    const inputs = p.inputs.map(objectIdOf);
    const outputs = p.outputs.map(objectIdOf);
    for (const input of inputs) this.#live(input, p.by);
    for (const output of outputs) if (this.#holder.has(output)) throw new Error(`output ${output} exists`);
    const shapeOk = p.kind === "split" ? inputs.length === 1 && outputs.length >= 2 : p.kind === "merge" ? inputs.length >= 2 && outputs.length === 1 : inputs.length === 1 && outputs.length === 1;
    if (!shapeOk) throw new Error(`bad ${p.kind} shape`);
    this.mappings.push({
      kind: KINDS[p.kind],
      recorder: p.by,
      timestamp: 1_800_000_000n,
      recordedAt: 1_800_000_000n,
      confirmations: BigInt(p.confirmations ?? 2),
      dataHash: p.at.hash,
      inputs,
      outputs,
      inputRecords: inputs.map((input) => this.#latest.get(input) ?? 0n),
      infoServer: p.at.url,
      signature: "0x",
    });
    const id = BigInt(this.mappings.length);
    for (const input of inputs) this.#consumed.add(input);
    for (const output of outputs) {
      this.#origin.set(output, id);
      this.#holder.set(output, p.by);
    }
    return id;
  }

  async latestRecord(objectId: string): Promise<bigint> {
    this.calls++;
    return this.#latest.get(objectId) ?? 0n;
  }

  async originMapping(objectId: string): Promise<bigint> {
    this.calls++;
    return this.#origin.get(objectId) ?? 0n;
  }

  async requiredConfirmations(): Promise<bigint> {
    return this.k;
  }

  async recordOf(recordId: bigint): Promise<Record_> {
    this.calls++;
    const r = this.records[Number(recordId) - 1];
    if (r === undefined) throw new Error(`unknown record ${recordId}`);
    return r;
  }

  async mappingOf(mappingId: bigint): Promise<Mapping_> {
    this.calls++;
    const m = this.mappings[Number(mappingId) - 1];
    if (m === undefined) throw new Error(`unknown mapping ${mappingId}`);
    return m;
  }
}

/**
 * The split-then-merge scenario: lot-1 harvested at the farm and shipped to the packer, split
 * into batch-1..3; batch-1 processed; lot-2 harvested and shipped; batch-1, batch-2 and lot-2
 * merged into container-1, which goes packer → carrier → retailer. The farm's, packer's and
 * carrier's data are each on their own server.
 */
export async function splitMergeScenario(farm: TestServer, packer: TestServer, carrier: TestServer, ledger = new MemoryLedger()) {
  const at = {
    harvest1: await farm.publish(traceData("lot-1", "harvested", FARM, { kg: 1200 })),
    ship1: await farm.publish(traceData("lot-1", "shipped", FARM)),
    split: await packer.publish(traceData("batch-1", "split", PACKER, { into: 3 })),
    process1: await packer.publish(traceData("batch-1", "processed", PACKER)),
    harvest2: await farm.publish(traceData("lot-2", "harvested", FARM)),
    ship2: await farm.publish(traceData("lot-2", "shipped", FARM)),
    merge: await packer.publish(traceData("container-1", "packed", PACKER)),
    ship3: await packer.publish(traceData("container-1", "shipped", PACKER)),
    receive: await carrier.publish(traceData("container-1", "received", CARRIER)),
    batch3: await packer.publish(traceData("batch-3", "processed", PACKER)),
  };
  const r1 = ledger.record({ object: "lot-1", from: ZeroAddress, to: FARM, at: at.harvest1 });
  const r2 = ledger.record({ object: "lot-1", from: FARM, to: PACKER, at: at.ship1 });
  const m1 = ledger.map({ kind: "split", inputs: ["lot-1"], outputs: ["batch-1", "batch-2", "batch-3"], by: PACKER, at: at.split });
  const r3 = ledger.record({ object: "batch-1", from: PACKER, to: PACKER, at: at.process1 });
  const r4 = ledger.record({ object: "lot-2", from: ZeroAddress, to: FARM, at: at.harvest2 });
  const r5 = ledger.record({ object: "lot-2", from: FARM, to: PACKER, at: at.ship2 });
  const r6 = ledger.record({ object: "batch-3", from: PACKER, to: PACKER, at: at.batch3 });
  const m2 = ledger.map({ kind: "merge", inputs: ["batch-1", "batch-2", "lot-2"], outputs: ["container-1"], by: PACKER, at: at.merge });
  const r7 = ledger.record({ object: "container-1", from: PACKER, to: CARRIER, at: at.ship3 });
  const r8 = ledger.record({ object: "container-1", from: CARRIER, to: RETAILER, at: at.receive, confirmations: 1 });
  return { ledger, at, ids: { r1, r2, r3, r4, r5, r6, r7, r8, m1, m2 } };
}
