import path from "node:path";

import type { Signer } from "ethers";

import type { IConsortiumRegistry } from "../../../types/ethers-contracts/index.js";
import type { DcmbContracts } from "../../chain/index.js";
import type { RequestingStore } from "../../storage/index.js";
import { createCsvTailSource, createHttpSource, createSimulatedCounter, type DcmbReadingSource } from "../index.js";
import { assertModuleCertified } from "../certification/index.js";
import { DcmbReceiver } from "./dcmb-receiver.js";
import { DcmbSender, type DcmbLogger } from "./dcmb-sender.js";
import { readDcmbConfig } from "./read-dcmb-config.js";
import { registerConditions } from "./register-conditions.js";

export type OpenDcmbModuleParameters = {
  /** The participant's folder (dcmb.json, dcmb/sender, dcmb/receiver). */
  directory: string;
  /** dcmb.json by default. */
  configFile?: string;
  self: string;
  signer: Signer;
  contracts: DcmbContracts;
  registry: Pick<IConsortiumRegistry, "member">;
  store: RequestingStore;
  /** The checkout whose module files are hashed for the certification check. */
  projectRoot: string;
  logger: DcmbLogger;
};

/**
 * Starts the DCMB module of a participant as its dcmb.json says, after checking on chain
 * that this checkout's module artifact is certified (it refuses to run otherwise, with the
 * hash and what to do). A receiver registers its conditions and starts serving deliveries; a
 * sender opens its queue and state. `close()` stops the module (and the source).
 */
export async function openDcmbModule(p: OpenDcmbModuleParameters): Promise<{ sender: DcmbSender; close(): Promise<void> } | { receiver: DcmbReceiver; close(): Promise<void> }> {
  const configFile = p.configFile ?? path.join(p.directory, "dcmb.json");
  const config = await readDcmbConfig(configFile);
  const { artifactHash, versionId } = await assertModuleCertified({ certification: p.contracts.certification, projectRoot: p.projectRoot });
  p.logger.info(`DCMB module artifact ${artifactHash} is certified on chain (version #${versionId}); starting as ${config.role}`);
  if (config.role === "receiver") {
    for (const sender of config.senders) {
      const registered = await registerConditions({ notifier: p.contracts.notifier, receiver: p.self, sender, rules: config.rules, salt: config.conditionSalt, params: config.argon2 });
      for (const r of registered) if (r.txHash !== undefined) p.logger.info(`condition "${r.label}" for ${sender} registered as #${r.conditionId} (only its Argon2 hash is on chain) → tx ${r.txHash}`);
    }
    const receiver = new DcmbReceiver({
      self: p.self,
      signer: p.signer,
      auditTrail: p.contracts.auditTrail,
      notifier: p.contracts.notifier,
      registry: p.registry,
      store: p.store,
      senders: config.senders,
      directory: path.join(p.directory, "dcmb", "receiver"),
      expected: config.expected,
      params: config.argon2,
      logger: p.logger,
    });
    await receiver.start();
    return { receiver, close: () => receiver.stop() };
  }
  const source: DcmbReadingSource & { url?: string } =
    "csv" in config.source
      ? createCsvTailSource({ file: config.source.csv, name: config.name })
      : "http" in config.source
        ? await createHttpSource({ port: config.source.http.port, name: config.name })
        : createSimulatedCounter({ name: config.name, ...config.source.simulated });
  p.logger.info(`DCMB sender: ${source.description}${source.url === undefined ? "" : ` (POST readings to ${source.url}/readings)`}, every ${config.intervalSeconds} s to ${config.receiver}${config.publicSalt ? " — PUBLIC SALTS (Algorithm 1 verbatim)" : ""}`);
  const sender = await DcmbSender.open({
    self: p.self,
    auditTrail: p.contracts.auditTrail,
    notifier: p.contracts.notifier,
    registry: p.registry,
    store: p.store,
    source,
    receiver: config.receiver,
    rules: config.rules,
    conditionSalt: config.conditionSalt,
    intervalMs: config.intervalSeconds * 1000,
    directory: path.join(p.directory, "dcmb", "sender"),
    queue: { maxBytes: config.queue.maxBytes, maxAgeMs: config.queue.maxAgeSeconds * 1000 },
    params: config.argon2,
    publicSalt: config.publicSalt,
    logger: p.logger,
  });
  return { sender, close: () => source.close() };
}
