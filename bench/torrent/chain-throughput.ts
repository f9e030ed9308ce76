/**
 * On-chain throughput (paper Fig. 5–6) against a real `hardhat node` process on a free
 * loopback port: many files registered from six owner wallets (announce → chunk owners'
 * acknowledgements → registerFile → holders' acknowledgeShare), every transaction signed
 * beforehand so that only sending is timed; then concurrent eth_calls of the share queries.
 * hardhat node automines: every transaction is mined in its own block as it arrives.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

import { ContractFactory, HDNodeWallet, Interface, JsonRpcProvider, Network, getAddress, hexlify, randomBytes, type TransactionRequest } from "ethers";

import { DEFAULT_GOVERNANCE } from "../../ignition/modules/Consortium.js";
import { DEFAULT_TORRENT_SETTINGS } from "../../ignition/modules/Torrent.js";
import { buildShareTree } from "../../offchain/crypto/index.js";
import { findFreePort } from "../../tasks/helpers/assert-port-free.js";
import { spawnHardhat, stopChild } from "../../tasks/helpers/spawn-hardhat.js";
import { waitForJsonRpc } from "../../tasks/helpers/wait-for-json-rpc.js";
import { makeProfile } from "../../test/helpers/consortium.js";

/** hardhat node's default accounts. */
const MNEMONIC = "test test test test test test test test test test test junk";
/** 11 members so that a key can be split 10 ways (holders are members other than the owner). */
export const MEMBERS = 11;
/** Files are owned (announced, registered) by the first six accounts, as in the storage world. */
export const OWNER_WALLETS = 6;
export const CHUNK_OWNERS_PER_FILE = 5;
const GAS_LIMIT = 3_000_000n;

export type PhaseName = "announceFile" | "acknowledgeChunks" | "registerFile" | "acknowledgeShare";
export const PHASES: PhaseName[] = ["announceFile", "acknowledgeChunks", "registerFile", "acknowledgeShare"];

export type PhaseRun = {
  phase: PhaseName;
  txs: number;
  senders: number;
  durationMs: number;
  /** Send (eth_sendRawTransaction) → receipt available, per tx. */
  latenciesMs: number[];
  gasUsed: number[];
};

export type RegistrationRun = {
  shares: number;
  threshold: number;
  concurrency: number;
  files: number;
  phases: PhaseRun[];
  /** Files / (sum of the four phases' durations): every step of a file's registration on chain. */
  filesPerSecond: number;
  /** registerFile transactions / the registerFile phase's duration (the paper's "key storing"). */
  registrationsPerSecond: number;
};

export type QueryRun = {
  shares: number;
  concurrency: number;
  calls: number;
  durationMs: number;
  queriesPerSecond: number;
  latenciesMs: number[];
  perMethod: Record<string, number>;
  allVerified: boolean;
};

export type ChainThroughputResult = {
  node: { command: string; port: number; mining: string; chainId: number; blockGasLimit: number };
  members: number;
  ownerWallets: number;
  chunkOwnersPerFile: number;
  registrations: RegistrationRun[];
  queries: QueryRun[];
};

type Artifact = { abi: unknown[]; bytecode: string };
function artifact(projectRoot: string, source: string, name: string): Artifact {
  return JSON.parse(readFileSync(path.join(projectRoot, "artifacts", "contracts", source, `${name}.sol`, `${name}.json`), "utf8")) as Artifact;
}

class Semaphore {
  #free: number;
  #waiting: (() => void)[] = [];
  constructor(n: number) {
    this.#free = n;
  }
  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Signed = { from: string; raw: string };

/**
 * Sends pre-signed transactions: each sender's in nonce order, one in flight per sender,
 * at most `concurrency` in flight overall. Returns the phase's wall time, each tx's latency
 * (send → receipt) and gas.
 */
async function sendAll(provider: JsonRpcProvider, signed: Signed[], concurrency: number): Promise<{ durationMs: number; latenciesMs: number[]; gasUsed: number[]; senders: number }> {
  const queues = new Map<string, string[]>();
  for (const { from, raw } of signed) (queues.get(from) ?? queues.set(from, []).get(from)!).push(raw);
  const semaphore = new Semaphore(concurrency);
  const latenciesMs: number[] = [];
  const gasUsed: number[] = [];
  const t0 = performance.now();
  await Promise.all(
    [...queues.values()].map(async (queue) => {
      for (const raw of queue) {
        await semaphore.acquire();
        try {
          const s = performance.now();
          const hash = (await provider.send("eth_sendRawTransaction", [raw])) as string;
          let receipt: { status: string; gasUsed: string } | null = null;
          while ((receipt = await provider.send("eth_getTransactionReceipt", [hash])) === null) await sleep(1);
          latenciesMs.push(performance.now() - s);
          if (receipt.status !== "0x1") throw new Error(`transaction ${hash} reverted`);
          gasUsed.push(Number(BigInt(receipt.gasUsed)));
        } finally {
          semaphore.release();
        }
      }
    }),
  );
  return { durationMs: performance.now() - t0, latenciesMs, gasUsed, senders: queues.size };
}

const byAddress = (a: string, b: string) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0);

export async function runChainThroughput({
  projectRoot,
  files,
  concurrencyLevels,
  shareCounts,
  queryCalls,
  queryConcurrency,
  log,
}: {
  projectRoot: string;
  files: number;
  concurrencyLevels: number[];
  shareCounts: number[];
  queryCalls: number;
  queryConcurrency: number[];
  log: (message: string) => void;
}): Promise<ChainThroughputResult> {
  const port = await findFreePort();
  const args = ["node", "--port", String(port), "--hostname", "127.0.0.1"];
  const output: string[] = [];
  const child = spawnHardhat({ projectRoot, args, onLine: (line) => output.push(line) });
  const url = `http://127.0.0.1:${port}`;
  const provider = new JsonRpcProvider(url, Network.from(31337n), { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
  try {
    const chainId = Number(await waitForJsonRpc({ url, timeoutMs: 120_000 }));
    log(`hardhat node on ${url} (chain ${chainId})`);
    const wallets = Array.from({ length: MEMBERS }, (_, i) => HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).connect(provider));
    const accounts = ((await provider.send("eth_accounts", [])) as string[]).map((a) => getAddress(a));
    if (accounts[0] !== wallets[0]!.address) throw new Error(`hardhat node's first account ${accounts[0]} is not the default mnemonic's ${wallets[0]!.address}`);
    const latest = (await provider.getBlock("latest"))!;

    // Deploy Ballot, ConsortiumRegistry (11 founders, MEMBER only) and TorrentLedger, as the Torrent Ignition module does.
    const deployer = wallets[0]!;
    const deploy = async (source: string, name: string, ...ctorArgs: unknown[]) => {
      const { abi, bytecode } = artifact(projectRoot, source, name);
      const contract = await new ContractFactory(abi as never, bytecode, deployer).deploy(...ctorArgs);
      await contract.waitForDeployment();
      return contract;
    };
    const ballot = await deploy("governance", "Ballot");
    const founders = wallets.map((w, i) => ({ account: w.address, profile: makeProfile(`Bench member ${i}`).profile, roles: [] }));
    const registry = await deploy("consortium", "ConsortiumRegistry", await ballot.getAddress(), founders, DEFAULT_GOVERNANCE);
    const ledgerContract = await deploy("torrent", "TorrentLedger", await registry.getAddress(), await ballot.getAddress(), DEFAULT_TORRENT_SETTINGS);
    const ledgerAddress = await ledgerContract.getAddress();
    const ledger = new Interface(artifact(projectRoot, "torrent", "TorrentLedger").abi as never);

    const nonces = new Map<string, number>();
    for (const w of wallets) nonces.set(w.address, await provider.getTransactionCount(w.address, "pending"));
    const walletOf = new Map(wallets.map((w) => [w.address, w]));
    const sign = async (from: string, data: string): Promise<Signed> => {
      const nonce = nonces.get(from)!;
      nonces.set(from, nonce + 1);
      const tx: TransactionRequest = { to: ledgerAddress, data, nonce, chainId, gasLimit: GAS_LIMIT, type: 2, maxFeePerGas: 100_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n };
      return { from, raw: await walletOf.get(from)!.signTransaction(tx) };
    };

    const registrations: RegistrationRun[] = [];
    const proofsByShares = new Map<number, { fileId: string; index: number; holder: string; shareHash: string; proof: string[] }[]>();
    for (const shares of shareCounts) {
      if (shares > MEMBERS - 1) throw new Error(`${shares} shares need ${shares + 1} members; the benchmark consortium has ${MEMBERS}`);
      const threshold = Math.floor(shares / 2) + 1;
      for (const concurrency of concurrencyLevels) {
        const plan = Array.from({ length: files }, (_, f) => {
          const owner = wallets[f % OWNER_WALLETS]!.address;
          const placement = wallets.map((w) => w.address).filter((a) => a !== owner).sort(byAddress);
          const rotate = (k: number) => [...placement.slice(k % placement.length), ...placement.slice(0, k % placement.length)];
          const chunkOwners = rotate(f).slice(0, CHUNK_OWNERS_PER_FILE);
          const holders = rotate(f + 3).slice(0, shares);
          const fileId = hexlify(randomBytes(32));
          const leaves = holders.map((holder, i) => ({ fileId, index: i + 1, holder, shareHash: hexlify(randomBytes(32)) }));
          const tree = buildShareTree(leaves);
          return { owner, placement, chunkOwners, holders, fileId, leaves, tree };
        });
        const cid = (tag: string, i: number) => `bafkrei${tag}${i.toString().padStart(6, "0")}benchmarkplaceholdercidxxxxxxxxxxxxxxxxxxxx`.slice(0, 59);
        const phaseTxs: Record<PhaseName, () => Promise<Signed[]>> = {
          announceFile: () => Promise.all(plan.map((p, f) => sign(p.owner, ledger.encodeFunctionData("announceFile", [p.fileId, 100, p.placement, p.chunkOwners, p.chunkOwners.map((_, i) => cid("a", f * 16 + i))])))),
          acknowledgeChunks: () => Promise.all(plan.flatMap((p, f) => p.chunkOwners.map((o, i) => sign(o, ledger.encodeFunctionData("acknowledgeChunks", [p.fileId, 60, cid("r", f * 16 + i)]))))),
          registerFile: () =>
            Promise.all(
              plan.map((p, f) =>
                sign(
                  p.owner,
                  ledger.encodeFunctionData("registerFile", [
                    p.fileId,
                    {
                      fileHash: hexlify(randomBytes(32)),
                      masterTableHash: hexlify(randomBytes(32)),
                      masterTableCid: cid("m", f),
                      keyCommitment: hexlify(randomBytes(32)),
                      shareRoot: p.tree.root,
                      threshold,
                      holders: p.holders,
                      shareCids: p.holders.map((_, i) => cid("s", f * 16 + i)),
                    },
                  ]),
                ),
              ),
            ),
          acknowledgeShare: () => Promise.all(plan.flatMap((p) => p.leaves.map((l) => sign(l.holder, ledger.encodeFunctionData("acknowledgeShare", [p.fileId, l.index, l.shareHash, p.tree.proofOf(l.index)]))))),
        };
        const phases: PhaseRun[] = [];
        for (const phase of PHASES) {
          const signed = await phaseTxs[phase]();
          const sent = await sendAll(provider, signed, concurrency);
          phases.push({ phase, txs: signed.length, ...sent });
        }
        const total = phases.reduce((sum, p) => sum + p.durationMs, 0);
        const register = phases.find((p) => p.phase === "registerFile")!;
        const run: RegistrationRun = { shares, threshold, concurrency, files, phases, filesPerSecond: files / (total / 1000), registrationsPerSecond: register.txs / (register.durationMs / 1000) };
        registrations.push(run);
        log(`chain: ${shares} shares, concurrency ${concurrency}: ${run.filesPerSecond.toFixed(1)} files/s (all steps), registerFile ${run.registrationsPerSecond.toFixed(1)} tx/s; ${phases.map((p) => `${p.phase} ${(p.txs / (p.durationMs / 1000)).toFixed(0)} tx/s`).join(", ")}`);
        proofsByShares.set(shares, plan.flatMap((p) => p.leaves.map((l) => ({ ...l, proof: p.tree.proofOf(l.index) }))));
      }
    }

    // Share queries: eth_call of verifyShare / file() / holders(), rotating over files and callers.
    const queries: QueryRun[] = [];
    for (const shares of shareCounts) {
      const leaves = proofsByShares.get(shares)!;
      for (const concurrency of queryConcurrency) {
        const calls = Array.from({ length: queryCalls }, (_, i) => {
          const leaf = leaves[i % leaves.length]!;
          const from = wallets[i % OWNER_WALLETS]!.address;
          const method = (["verifyShare", "file", "holders"] as const)[i % 3]!;
          const data =
            method === "verifyShare"
              ? ledger.encodeFunctionData("verifyShare", [leaf.fileId, leaf.index, leaf.holder, leaf.shareHash, leaf.proof])
              : ledger.encodeFunctionData(method, [leaf.fileId]);
          return { method, from, data };
        });
        const semaphore = new Semaphore(concurrency);
        const latenciesMs: number[] = [];
        const perMethod: Record<string, number> = {};
        let allVerified = true;
        const t0 = performance.now();
        await Promise.all(
          calls.map(async (call) => {
            await semaphore.acquire();
            try {
              const s = performance.now();
              const result = (await provider.send("eth_call", [{ from: call.from, to: ledgerAddress, data: call.data }, "latest"])) as string;
              latenciesMs.push(performance.now() - s);
              perMethod[call.method] = (perMethod[call.method] ?? 0) + 1;
              if (call.method === "verifyShare" && ledger.decodeFunctionResult("verifyShare", result)[0] !== true) allVerified = false;
            } finally {
              semaphore.release();
            }
          }),
        );
        const durationMs = performance.now() - t0;
        const run: QueryRun = { shares, concurrency, calls: calls.length, durationMs, queriesPerSecond: calls.length / (durationMs / 1000), latenciesMs, perMethod, allVerified };
        queries.push(run);
        log(`chain: queries, ${shares} shares, ${concurrency} in flight: ${run.queriesPerSecond.toFixed(0)} calls/s${allVerified ? "" : " (SOME verifyShare FALSE)"}`);
      }
    }
    return {
      node: { command: `hardhat ${args.join(" ")}`, port, mining: "automine (hardhat node default): one block per transaction, mined when it arrives", chainId, blockGasLimit: Number(latest.gasLimit) },
      members: MEMBERS,
      ownerWallets: OWNER_WALLETS,
      chunkOwnersPerFile: CHUNK_OWNERS_PER_FILE,
      registrations,
      queries,
    };
  } catch (error) {
    log(`hardhat node output (last lines):\n${output.slice(-20).join("\n")}`);
    throw error;
  } finally {
    provider.destroy();
    await stopChild(child, { signal: "SIGINT" });
  }
}
