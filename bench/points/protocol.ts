import type { Provider } from "ethers";

import { decrypt, encrypt, privateKeyFromJson, privateKeyToJson } from "../../offchain/crypto/index.js";
import { authorizeComputation, computeTierForAuthorization, evaluateFormulaForAuthorization, issuePoints, loadPointsKey, readFormulaResult, registerPointsKey } from "../../offchain/points/index.js";
import { expectedFormula, expectedTier, MALLORY_AMOUNTS, randomFormulaInputs } from "./formula.js";
import { total, type Meter, type MeterReading } from "./meter.js";
import type { PointsWorld } from "./points-world.js";

export type ProtocolKind = "tier" | "formula";

/** Where one computation's wall time went, from the instrumented calls (ms unless said). */
export interface ProtocolSplit {
  /** The MPC's ledger and registry view calls (authorisation, issuances, key record, members). */
  mpcChainReadsMs: number;
  mpcChainReads: number;
  /** postTier / postFormulaResult: send + wait for the receipt (automine). */
  mpcTransactionMs: number;
  /** The MPC's Helia calls: dial the issuers, fetch the issuance documents, put + pin its evidence / result document. */
  mpcContentMs: number;
  /** Bytes of issuance (and key) documents the MPC fetched, and of the document it stored. */
  contentBytesFetched: number;
  contentBytesStored: number;
  /** libp2p request → response to the key holder, as the MPC waits for it. */
  oracleRoundTripMs: number;
  oracleRequests: number;
  /** Request bodies (JSON with the ciphertext in hex) and response bodies, without libp2p framing. */
  oracleBytesSent: number;
  oracleBytesReceived: number;
  /** Of the round trips: inside the key holder's handler (its checks, key load, decryption, budget file). */
  keyHolderHandlerMs: number;
  /** Of the handler: the key holder's ledger and registry reads (authorisation, MPC's peer id, requester's key). */
  keyHolderChainMs: number;
  /** Round trips minus handler: libp2p, Noise, yamux, framing, both event-loop hops. */
  transportMs: number;
  /** Wall minus everything above: the MPC's own crypto (homomorphic sums, blinding, re-randomisation, mask, ECIES) and encoding. */
  mpcRestMs: number;
}

export interface ProtocolSample {
  kind: ProtocolKind;
  inputs: string[];
  expected: string;
  got: string;
  correct: boolean;
  /** The two issuePoints calls (encrypt, fetch key if needed, put + pin, tx). */
  issueMs: number[];
  issueGas: number[];
  authorizeMs: number;
  authorizeGas: number;
  /** computeTierForAuthorization / evaluateFormulaForAuthorization, wall. */
  wallMs: number;
  /** postTier / postFormulaResult gas. */
  postGas: number;
  /** readFormulaResult by the requester (formula only). */
  readMs?: number;
  comparisons: number;
  ciphertextsSent: number;
  split: ProtocolSplit;
  meter: MeterReading;
}

export interface ProtocolRun {
  bits: number;
  keyId: string;
  /** registerPointsKey: key generation + put/pin + registerKeyHolder tx + sealing the private key (one sample). */
  registerKeyMs: number;
  registerKeyGas: number;
  /** Reference costs of the key holder's per-query work, measured outside the protocol. */
  keyHolderReference: { loadPointsKeyMs: number[]; privateKeyFromJsonMs: number[]; decryptMs: number[] };
  warmUp: ProtocolSample[];
  samples: ProtocolSample[];
}

function splitOf(reading: MeterReading, wallMs: number): ProtocolSplit {
  const reads = total(reading, "mpc.chain.read.");
  const txs = total(reading, "mpc.chain.tx.");
  const content = total(reading, "mpc.content.");
  const oracle = total(reading, "mpc.oracle.request");
  const handler = total(reading, "keyHolder.handler");
  const keyHolderChain = total(reading, "keyHolder.chain.");
  return {
    mpcChainReadsMs: reads.ms,
    mpcChainReads: reads.count,
    mpcTransactionMs: txs.ms,
    mpcContentMs: content.ms,
    contentBytesFetched: content.bytesIn,
    contentBytesStored: content.bytesOut,
    oracleRoundTripMs: oracle.ms,
    oracleRequests: oracle.count,
    oracleBytesSent: oracle.bytesOut,
    oracleBytesReceived: oracle.bytesIn,
    keyHolderHandlerMs: handler.ms,
    keyHolderChainMs: keyHolderChain.ms,
    transportMs: oracle.ms - handler.ms,
    mpcRestMs: wallMs - reads.ms - txs.ms - content.ms - oracle.ms,
  };
}

const gasOf = async (provider: Provider, txHash: string) => Number((await provider.getTransactionReceipt(txHash))!.gasUsed);

/**
 * One authorised computation end to end: both issuers issue fresh encrypted points, the key
 * holder authorises the MPC (authorisations are one-use), the MPC computes over libp2p and
 * posts; for the formula the requester then reads its result. Checked against the plaintext.
 */
async function protocolSample({ points, provider, meter, keyId, consumerId, kind, inputs }: { points: PointsWorld; provider: Provider; meter: Meter; keyId: bigint; consumerId: string; kind: ProtocolKind; inputs: readonly bigint[] }): Promise<ProtocolSample> {
  const issueMs: number[] = [];
  const issueGas: number[] = [];
  const issuanceIds: bigint[] = [];
  for (const [i, issuer] of [points.brand, points.platform].entries()) {
    const start = performance.now();
    const issued = await issuePoints({ party: issuer, consumerId, keyId, points: inputs[i]! });
    issueMs.push(performance.now() - start);
    issueGas.push(await gasOf(provider, issued.txHash));
    issuanceIds.push(issued.issuanceId);
  }
  const a0 = performance.now();
  // Through the key holder's instrumented ledger; the meter is reset after, so this is not in the split.
  const { authorizationId, txHash: authorizeTx } = await authorizeComputation({ party: points.keyHolder, consumerId, kind, issuanceIds, mpc: points.mpc.address, requester: points.brand.address, validForSeconds: 3_600n });
  const authorizeMs = performance.now() - a0;

  meter.reset();
  const start = performance.now();
  let expected: bigint, got: bigint, postGas: number, comparisons: number, ciphertextsSent: number, wallMs: number, readMs: number | undefined;
  if (kind === "tier") {
    const result = await computeTierForAuthorization({ party: points.mpc, authorizationId });
    wallMs = performance.now() - start;
    ({ comparisons, ciphertextsSent } = result);
    postGas = Number(result.gasUsed);
    expected = BigInt(expectedTier(inputs));
    got = BigInt(result.tier);
    if ((await points.brand.ledger.currentTier(consumerId)) !== got) got = -1n; // the ledger must say the same
  } else {
    const result = await evaluateFormulaForAuthorization({ party: points.mpc, authorizationId });
    wallMs = performance.now() - start;
    ({ comparisons, ciphertextsSent } = result);
    postGas = await gasOf(provider, result.txHash);
    expected = expectedFormula(inputs[0]!, inputs[1]!);
    const r0 = performance.now();
    got = await readFormulaResult({ party: points.brand, authorizationId });
    readMs = performance.now() - r0;
  }
  const reading = meter.read();
  return {
    kind,
    inputs: inputs.map(String),
    expected: expected.toString(),
    got: got.toString(),
    correct: expected === got,
    issueMs,
    issueGas,
    authorizeMs,
    authorizeGas: await gasOf(provider, authorizeTx),
    wallMs,
    postGas,
    ...(readMs === undefined ? {} : { readMs }),
    comparisons,
    ciphertextsSent,
    split: splitOf(reading, wallMs),
    meter: reading,
  };
}

export interface ProtocolSession {
  run: ProtocolRun;
  /** One more sample of `kind` on `inputs`, appended to run.samples. */
  measure(kind: ProtocolKind, inputs: readonly bigint[]): Promise<ProtocolSample>;
  /** One more sample of the key holder's per-query work on its own (loadPointsKey, privateKeyFromJson, decrypt). */
  measureKeyHolderReference(): Promise<void>;
}

/**
 * At one key size: the key holder registers a fresh key (replacing the previous size's, timed
 * once), then one unreported warm-up of each computation (the first dials the issuers' and the
 * key holder's nodes and pays the consumer's first-time ledger storage). The caller then takes
 * samples through the returned session, interleaved with its other measurements.
 */
export async function startProtocolSession({ points, provider, meter, bits, consumerId }: { points: PointsWorld; provider: Provider; meter: Meter; bits: number; consumerId: string }): Promise<ProtocolSession> {
  const r0 = performance.now();
  const registered = await registerPointsKey({ party: points.keyHolder, bits });
  const registerKeyMs = performance.now() - r0;
  const registerKeyGas = await gasOf(provider, registered.txHash);
  const keyId = registered.keyId;
  const probe = encrypt({ publicKey: registered.publicKey, m: 1n });

  const sample = (kind: ProtocolKind, inputs: readonly bigint[]) => protocolSample({ points, provider, meter, keyId, consumerId, kind, inputs });
  const warmUp = [await sample("tier", MALLORY_AMOUNTS), await sample("formula", randomFormulaInputs())];
  const run: ProtocolRun = { bits, keyId: keyId.toString(), registerKeyMs, registerKeyGas, keyHolderReference: { loadPointsKeyMs: [], privateKeyFromJsonMs: [], decryptMs: [] }, warmUp, samples: [] };
  return {
    run,
    async measure(kind, inputs) {
      const measured = await sample(kind, inputs);
      run.samples.push(measured);
      return measured;
    },
    async measureKeyHolderReference() {
      const reference = run.keyHolderReference;
      const l0 = performance.now();
      const { privateKey } = await loadPointsKey({ party: points.keyHolder, keyId });
      reference.loadPointsKeyMs.push(performance.now() - l0);
      // The part of loadPointsKey that rebuilds the key from its primes (Miller–Rabin on both, then CRT constants).
      const json = privateKeyToJson({ privateKey });
      const j0 = performance.now();
      privateKeyFromJson({ json });
      reference.privateKeyFromJsonMs.push(performance.now() - j0);
      const d0 = performance.now();
      decrypt({ privateKey, c: probe });
      reference.decryptMs.push(performance.now() - d0);
    },
  };
}
