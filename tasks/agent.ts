import type { Provider } from "ethers";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { loadLibraries } from "./helpers/load-libraries.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";
import { participantPassword, unlockParticipant } from "./helpers/unlock-participant.js";

export type AgentArguments = { participant: string | undefined; home: string | undefined; pollInterval: number; startBlock: number; noStorage: boolean; allowInsecureKey?: boolean };

/** `agent`: runs a participant's agent until SIGINT/SIGTERM. */
export default explainErrors(async function agent(args: AgentArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "whose agent to run");
  if (args.pollInterval < 1) throw new InvalidOptionError({ option: "poll-interval", expected: "a positive number of milliseconds", got: args.pollInterval });
  if (args.startBlock < -1) throw new InvalidOptionError({ option: "start-block", expected: "a block number ≥ 0, or -1 for the deployment block", got: args.startBlock });
  const { chain, agents } = await loadLibraries(hre);
  const home = resolveParticipantHome({ name, home: args.home, projectRoot: hre.config.paths.root });
  const logger = agents.createConsoleLogger();
  const participant = await unlockParticipant({ chain, name, home, log: (line) => logger.info(line) });

  const connection = await hre.network.create();
  const chainId = BigInt((await connection.provider.request({ method: "eth_chainId" })) as string);
  let provider: Provider = connection.ethers.provider;
  if (connection.networkConfig.type === "http") {
    // A plain JsonRpcProvider with a static network: no background network detection, and
    // every call fails fast while the node is down, so the runtime's backoff is in charge.
    const { JsonRpcProvider, Network } = await import("ethers");
    const url = await connection.networkConfig.url.getUrl();
    provider = new JsonRpcProvider(url, Network.from(chainId), { staticNetwork: true, batchMaxCount: 1, cacheTimeout: -1 });
    logger.info(`following ${connection.networkName} at ${url} (chain ${chainId}) as '${name}' ${participant.wallet.address}`);
  } else {
    logger.info(`following in-process network ${connection.networkName} (chain ${chainId}) as '${name}' ${participant.wallet.address}`);
  }
  const deployment = await chain.loadDeployment({ chainId, projectRoot: hre.config.paths.root });

  const resources: Array<{ name: string; stop(): Promise<void> }> = [];
  let endpoints: { peerId: string; multiaddrs: string[] } | undefined;
  let quality: Parameters<typeof agents.createParticipantAgent>[0]["quality"];
  let torrent: Parameters<typeof agents.createParticipantAgent>[0]["torrent"];
  let dcmb: Parameters<typeof agents.createParticipantAgent>[0]["dcmb"];
  let exchange: Parameters<typeof agents.createParticipantAgent>[0]["exchange"];
  let points: Parameters<typeof agents.createParticipantAgent>[0]["points"];
  if (!args.noStorage) {
    const { startEmbeddedStore } = await import("../offchain/storage/index.js");
    const store = await startEmbeddedStore({
      directory: chain.participantPaths({ name, home }).ipfs,
      privateKey: participant.peerIdentity.privateKey,
      listenAddresses: participant.profile.listenAddresses,
    });
    const multiaddrs = store.multiaddrs.map((a: unknown) => String(a));
    logger.info(`storage node ${store.peerId} listening on ${multiaddrs.join(", ")}`);
    await chain.updateParticipantProfile({ name, home, changes: { multiaddrs } });
    resources.push({ name: "storage node", stop: () => store.stop() });
    endpoints = { peerId: String(store.peerId), multiaddrs };
    const { createPairKeyVault, qualityPaths } = await import("../offchain/quality/index.js");
    const vault = createPairKeyVault({
      name,
      directory: qualityPaths({ directory: participant.directory }).keys,
      password: await participantPassword({ chain, name, home }),
      scrypt: participant.profile.insecureDemoKeys ? chain.DEMO_SCRYPT : chain.STANDARD_SCRYPT,
    });
    quality = { store, vault, allowInsecureKeySize: args.allowInsecureKey === true };
    torrent = { store };
    dcmb = { store, projectRoot: hre.config.paths.root };
    const { startParticipantInformationServer } = await import("../offchain/trace/index.js");
    const { createDataKeyVault, exchangePaths } = await import("../offchain/exchange/index.js");
    const informationServer = await startParticipantInformationServer({ participantDirectory: participant.directory });
    logger.info(`information server (traceability data) on ${informationServer.url}`);
    resources.push({ name: "information server", stop: () => informationServer.close() });
    const dataKeys = createDataKeyVault({ directory: exchangePaths(participant.directory).keys, privateKey: participant.encryptionKeyPair.privateKey });
    exchange = { store, vault: dataKeys, informationServer };
    points = { store, allowInsecureKeySize: args.allowInsecureKey === true };
  }
  const runtime = await agents.createParticipantAgent({
    participant,
    provider,
    deployment,
    logger,
    home,
    ...(args.startBlock >= 0 ? { startBlock: args.startBlock } : {}),
    pollIntervalMs: args.pollInterval,
    ...(endpoints === undefined ? {} : { endpoints }),
    ...(quality === undefined ? {} : { quality }),
    ...(torrent === undefined ? {} : { torrent }),
    ...(dcmb === undefined ? {} : { dcmb }),
    ...(exchange === undefined ? {} : { exchange }),
    ...(points === undefined ? {} : { points }),
  });
  await agents.runAgent({ runtime, logger, resources });
  await connection.close();
  if (provider !== connection.ethers.provider) provider.destroy();
});
