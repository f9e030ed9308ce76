import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import type { ChildProcess } from "node:child_process";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { loadLibraries } from "./helpers/load-libraries.js";
import { assertPortFree } from "./helpers/assert-port-free.js";
import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { spawnHardhat, stopChild } from "./helpers/spawn-hardhat.js";
import { waitForJsonRpc } from "./helpers/wait-for-json-rpc.js";

export type DevnetArguments = { port: number; home: string | undefined; noAgents: boolean };


/** Storage nodes listen on a port the OS picks; each agent publishes its actual multiaddrs
 * (registry.updateEndpoints) when they differ from the registered ones. */
const LISTEN_ADDRESSES = ["/ip4/127.0.0.1/tcp/0"];
/** The port the `localhost` network uses when $SEALEDCHAIN_RPC_URL is not set. */
const DEFAULT_PORT = 8545;
/** How long to wait for every agent to be up before saying the devnet is ready. */
const AGENTS_READY_TIMEOUT_MS = 120_000;

/** `devnet`: hardhat node + demo participants + Ignition deployment + one agent each. */
export default explainErrors(async function devnet(args: DevnetArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const startedAt = Date.now();
  const root = hre.config.paths.root;
  if (!Number.isSafeInteger(args.port) || args.port < 1 || args.port > 65_535) {
    throw new InvalidOptionError({ option: "port", expected: "a TCP port from 1 to 65535", got: args.port });
  }
  await assertPortFree({ port: args.port });
  // Builds once (typechain types for a fresh clone), before any child process starts.
  const { chain } = await loadLibraries(hre);
  const home = path.join(chain.resolveSealedChainHome({ home: args.home, projectRoot: root }), "devnet");
  await mkdir(home, { recursive: true });
  const url = `http://127.0.0.1:${args.port}`;
  // Another port gets its own Ignition deployment id, so a second devnet (or the devnet test)
  // does not overwrite the address book of the one on 8545 (ignition/deployments/chain-31337).
  const deploymentId = args.port === DEFAULT_PORT ? undefined : `devnet-${args.port}`;
  const deploymentFile = deploymentId === undefined ? undefined : path.join(root, "ignition", "deployments", deploymentId, "deployed_addresses.json");
  /** What children (Ignition, agents) and the user's tasks need to reach this devnet. */
  const networkEnv: Record<string, string> = {
    SEALEDCHAIN_RPC_URL: url,
    ...(deploymentFile === undefined ? {} : { SEALEDCHAIN_DEPLOYMENT: deploymentFile }),
  };
  const children: Array<{ name: string; child: ChildProcess }> = [];
  const width = Math.max(...chain.DEMO_ORGANISATIONS.map((d) => d.name.length), "ignition".length);
  const prefixed = (name: string) => (line: string) => console.log(`[${name.padEnd(width)}] ${line}`);

  let shuttingDown = false;
  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    console.log("stopping agents, then the node…");
    await Promise.all(children.filter((c) => c.name !== "node").map((c) => stopChild(c.child, { signal: "SIGINT" })));
    const node = children.find((c) => c.name === "node");
    if (node !== undefined) await stopChild(node.child, { signal: "SIGINT" });
    console.log("devnet stopped");
  };
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const onSignal = () => void shutdown().then(resolveDone);
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  try {
    // 1. The node, on loopback only; its per-request chatter goes to a log file.
    const nodeLog: string[] = [];
    const node = spawnHardhat({
      projectRoot: root,
      args: ["node", "--hostname", "127.0.0.1", "--port", String(args.port)],
      onLine: (line) => nodeLog.push(line),
    });
    children.push({ name: "node", child: node });
    node.once("exit", (code) => {
      if (!shuttingDown) {
        console.error(`hardhat node exited unexpectedly (code ${code}); last lines:\n${nodeLog.slice(-20).join("\n")}`);
        void shutdown().then(resolveDone);
      }
    });
    const chainId = await waitForJsonRpc({ url });
    console.log(`hardhat node up at ${url} (chain ${chainId})`);

    // 2. Demo participants (INSECURE keys from the public test mnemonic, light scrypt).
    const profiles = [];
    for (const demo of chain.DEMO_ORGANISATIONS) {
      const keys = await chain.deriveDemoParticipant(demo.keyIndex); // account #0 stays the deployer
      const paths = chain.participantPaths({ name: demo.name, home });
      if (existsSync(paths.profile)) {
        const existing = await chain.readParticipantProfile({ name: demo.name, home });
        if (existing.address !== keys.address) throw new Error(`${paths.directory} holds another key (${existing.address}); delete ${home} to start over`);
        await rm(paths.cursor, { force: true }); // fresh chain: the old cursor is meaningless
        // Dynamic ports (older devnets used fixed ones); the agent writes the actual multiaddrs.
        await chain.updateParticipantProfile({ name: demo.name, home, changes: { listenAddresses: LISTEN_ADDRESSES, multiaddrs: [], displayName: demo.organisation } });
      } else {
        await chain.createParticipant({
          name: demo.name,
          home,
          password: chain.DEVNET_DEMO_PASSWORD,
          keys,
          scrypt: chain.DEMO_SCRYPT,
          listenAddresses: LISTEN_ADDRESSES,
          displayName: demo.organisation,
        });
      }
      await writeFile(paths.policy, JSON.stringify(chain.demoPolicyOf(demo.name), null, 2) + "\n");
      const profile = await chain.readParticipantProfile({ name: demo.name, home });
      profiles.push({ demo, profile });
      console.log(`participant ${demo.name.padEnd(width)} ${profile.address} ${demo.founder ? `founder ${["MEMBER", ...demo.roles].join("+")}` : "candidate (not a member)"}`);
    }

    // 3. Deploy with Ignition, founders' profiles as parameters.
    const founders = profiles
      .filter(({ demo }) => demo.founder)
      // No multiaddrs yet: ports are picked when the agents start; each agent publishes its own.
      .map(({ demo, profile }) => chain.founderParameterOf({ organisation: demo, profile, multiaddrs: [] }));
    // Consortium.founders for both modules; SealedChain.disputeSettings keeps its defaults
    // (DEFAULT_DISPUTE_SETTINGS: half of the arbiters — chemicals-b, auditor, regulator).
    const parametersFile = path.join(home, "ignition-parameters.json");
    await writeFile(parametersFile, JSON.stringify({ Consortium: { founders } }, null, 2) + "\n");
    // The most complete module present: Platform (Quality and Torrent, both on SealedChain,
    // which includes Consortium).
    const module = ["Platform.ts", "Quality.ts", "SealedChain.ts", "Consortium.ts"].map((file) => path.join(root, "ignition", "modules", file)).find((file) => existsSync(file))!;
    console.log(`deploying ${path.relative(root, module)} with Ignition…`);
    const deploy = spawnHardhat({
      projectRoot: root,
      args: [
        // The default build profile (built above) rather than ignition's `production`, which
        // would compile again and leave artifacts the next task rebuilds (~15 s each way).
        "--build-profile", "default",
        "ignition", "deploy", module, "--network", "localhost", "--parameters", parametersFile, "--reset",
        ...(deploymentId === undefined ? [] : ["--deployment-id", deploymentId]),
      ],
      env: { ...process.env, ...networkEnv, HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1" },
      onLine: (() => {
        // Ignition redraws its progress: skip blank lines and immediate repeats.
        let previous = "";
        return (line: string) => {
          if (line.trim() === "" || line === previous) return;
          previous = line;
          prefixed("ignition")(line);
        };
      })(),
    });
    const deployCode = await new Promise<number | null>((resolve) => deploy.once("exit", resolve));
    if (deployCode !== 0) throw new Error(`ignition deploy exited with code ${deployCode}`);
    const deployment = await chain.loadDeployment({ chainId, projectRoot: root, deploymentId, env: {} });
    console.log(`deployed: ${Object.entries(deployment.addresses).map(([k, v]) => `${k} ${v}`).join(", ")}`);

    // 4. One agent per participant; ready once each has unlocked its keys, started its
    // storage node and read its cursor (the runtime's first line).
    const ready: Array<Promise<void>> = [];
    if (!args.noAgents) {
      for (const { demo } of profiles) {
        let markReady!: () => void;
        let markFailed!: (error: Error) => void;
        ready.push(new Promise<void>((resolve, reject) => ((markReady = resolve), (markFailed = reject))));
        const print = prefixed(demo.name);
        const agent = spawnHardhat({
          projectRoot: root,
          args: ["agent", "--participant", demo.name, "--network", "localhost"],
          env: { ...process.env, ...networkEnv, SEALEDCHAIN_HOME: home, SEALEDCHAIN_PASSWORD: chain.DEVNET_DEMO_PASSWORD, SEALEDCHAIN_SKIP_BUILD: "1" },
          onLine: (line) => {
            print(line);
            if (/ (no cursor yet|resuming on chain)/.test(line)) markReady();
          },
        });
        children.push({ name: demo.name, child: agent });
        agent.once("exit", (code) => {
          markFailed(new Error(`the agent of '${demo.name}' exited (code ${code}) before it was ready; see its lines above`));
          if (!shuttingDown) console.error(`[${demo.name.padEnd(width)}] agent exited (code ${code})`);
        });
      }
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`agents not ready within ${AGENTS_READY_TIMEOUT_MS / 1000} s`)), AGENTS_READY_TIMEOUT_MS);
    });
    const outcome = await Promise.race([Promise.all(ready).then(() => "ready" as const), timeout, done.then(() => "stopped" as const)]).finally(() => clearTimeout(timer));
    if (outcome === "stopped") return; // Ctrl-C while starting: shutdown() already ran (finally below)

    const exportLine = args.port === DEFAULT_PORT ? undefined : `export ${Object.entries(networkEnv).map(([k, v]) => `${k}=${v}`).join(" ")}`;
    console.log(
      [
        "",
        `devnet ready in ${((Date.now() - startedAt) / 1000).toFixed(1)} s: node ${url}, ${args.noAgents ? "no agents" : `${ready.length} agents`}. From a second terminal, try:`,
        ...(exportLine === undefined ? [] : [`  ${exportLine}   # this devnet is not on ${DEFAULT_PORT}`]),
        "  npx hardhat consortium:members --network localhost",
        "  npx hardhat consortium:propose-member --participant materials-a --candidate carrier-f --network localhost",
        "  (the agents vote FOR per their approve-all policy and execute; watch their lines here)",
        "  npx hardhat consortium:members --network localhost",
        "Quality (B = chemicals-b publishes lot-42's pair; S = servicer-s offers the XOR data, A = materials-a buys, compares, records):",
        "  npx hardhat quality:publish --participant chemicals-b --lot lot-42 --x 41357 --y 41350 --label-t week-18 --label-t-1 week-19 --servicer servicer-s --network localhost",
        "  (the agents offer, buy, deliver, confirm, request and answer; watch their lines here)",
        "  npx hardhat quality:list --network localhost",
        `  A's verified results: ${path.join(home, "participants", "materials-a", "quality", "history.json")} (or compare:result --participant materials-a --request 1 --network localhost)`,
        "Exchange and trace (regulator and auditor verify trace records; servicer-s matches the market; chemicals-b buys what is matched):",
        "  npx hardhat device:new --participant materials-a --device line-3 --network localhost   (then consortium:approve-device --participant regulator --device 0x…)",
        "  npx hardhat device:submit --participant materials-a --device line-3 --data FILE --category materials.quality --network localhost",
        "  npx hardhat data:validate --participant regulator --entry 1 --certify --network localhost",
        "  npx hardhat market:offer --participant materials-a --entry 1 --category materials.quality --price 1000 --purposes quality-audit --network localhost",
        "  npx hardhat market:request --participant chemicals-b --category materials.quality --max-price 5000 --purpose quality-audit --network localhost",
        "  npx hardhat trace:record --participant materials-a --object RAW-7 --origin --step produced --network localhost",
        "  npx hardhat trace:query --object RAW-7 --network localhost",
        `Demo participants live in ${home}/participants (INSECURE demo keys; password ${JSON.stringify(chain.DEVNET_DEMO_PASSWORD)}).`,
        "Ctrl-C stops the agents and the node.",
        "",
      ].join("\n"),
    );
    await done;
  } catch (error) {
    await shutdown();
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
});
