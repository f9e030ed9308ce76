import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

import type { ChildProcess } from "node:child_process";
import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { assertPortFree } from "./helpers/assert-port-free.js";
import { spawnHardhat, stopChild } from "./helpers/spawn-hardhat.js";
import { waitForJsonRpc } from "./helpers/wait-for-json-rpc.js";

export type DevnetArguments = { port: number; home: string; noAgents: boolean };

/** Demo organisations: founders with their extra roles, then one candidate (not a member). */
const DEMO = [
  { name: "materials-a", organisation: "Materials A", roles: [] as string[], founder: true },
  { name: "chemicals-b", organisation: "Chemicals B", roles: ["ARBITER"], founder: true },
  { name: "servicer-s", organisation: "Servicer S", roles: ["SERVICER", "MPC"], founder: true },
  { name: "auditor", organisation: "Auditor", roles: ["AUDITOR", "ARBITER"], founder: true },
  { name: "regulator", organisation: "Regulator", roles: ["REGULATOR", "VALIDATOR", "ARBITER"], founder: true },
  { name: "carrier-f", organisation: "Carrier F", roles: [], founder: false },
] as const;

/** First libp2p TCP port; participant i listens on BASE_P2P_PORT + i. */
const BASE_P2P_PORT = 4101;

/** `devnet`: hardhat node + demo participants + Ignition deployment + one agent each. */
export default async function devnet(args: DevnetArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const root = hre.config.paths.root;
  const chain = await import("../offchain/chain/index.js");
  if (args.port !== 8545) console.log(`note: the 'localhost' network in hardhat.config.ts points at 8545; tasks against port ${args.port} need their own network entry`);
  await assertPortFree({ port: args.port });
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true }); // once, before any child
  const home = path.join(chain.resolveSealedChainHome({ home: args.home, projectRoot: root }), "devnet");
  await mkdir(home, { recursive: true });
  const url = `http://127.0.0.1:${args.port}`;
  const children: Array<{ name: string; child: ChildProcess }> = [];
  const width = Math.max(...DEMO.map((d) => d.name.length), "ignition".length);
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
    for (const [i, demo] of DEMO.entries()) {
      const keys = await chain.deriveDemoParticipant(i + 1); // account #0 stays the deployer
      const paths = chain.participantPaths({ name: demo.name, home });
      if (existsSync(paths.profile)) {
        const existing = await chain.readParticipantProfile({ name: demo.name, home });
        if (existing.address !== keys.address) throw new Error(`${paths.directory} holds another key (${existing.address}); delete ${home} to start over`);
        await rm(paths.cursor, { force: true }); // fresh chain: the old cursor is meaningless
      } else {
        await chain.createParticipant({
          name: demo.name,
          home,
          password: chain.DEVNET_DEMO_PASSWORD,
          keys,
          scrypt: chain.DEMO_SCRYPT,
          listenAddresses: [`/ip4/127.0.0.1/tcp/${BASE_P2P_PORT + i}`],
        });
      }
      await writeFile(paths.policy, JSON.stringify({ admission: "approve-all", allowlist: [], membershipChanges: "manual" }, null, 2) + "\n");
      const profile = await chain.readParticipantProfile({ name: demo.name, home });
      profiles.push({ demo, profile });
      console.log(`participant ${demo.name.padEnd(width)} ${profile.address} ${demo.founder ? `founder ${["MEMBER", ...demo.roles].join("+")}` : "candidate (not a member)"}`);
    }

    // 3. Deploy with Ignition, founders' profiles as parameters.
    const founders = profiles
      .filter(({ demo }) => demo.founder)
      .map(({ demo, profile }) => ({
        account: profile.address,
        profile: {
          name: demo.organisation,
          encryptionKey: profile.encryptionPublicKey,
          peerId: profile.peerId,
          multiaddrs: profile.listenAddresses.map((a) => `${a}/p2p/${profile.peerId}`),
          infoServerUrl: "",
        },
        roles: demo.roles.map((r) => chain.roleIdOf(r)),
      }));
    const parametersFile = path.join(home, "ignition-parameters.json");
    await writeFile(parametersFile, JSON.stringify({ Consortium: { founders } }, null, 2) + "\n");
    const sealedChainModule = path.join(root, "ignition", "modules", "SealedChain.ts");
    const module = existsSync(sealedChainModule) ? sealedChainModule : path.join(root, "ignition", "modules", "Consortium.ts");
    console.log(`deploying ${path.relative(root, module)} with Ignition…`);
    const deploy = spawnHardhat({
      projectRoot: root,
      args: ["ignition", "deploy", module, "--network", "localhost", "--parameters", parametersFile, "--reset"],
      env: { ...process.env, HARDHAT_IGNITION_CONFIRM_DEPLOYMENT: "1" },
      onLine: prefixed("ignition"),
    });
    const deployCode = await new Promise<number | null>((resolve) => deploy.once("exit", resolve));
    if (deployCode !== 0) throw new Error(`ignition deploy exited with code ${deployCode}`);
    const deployment = await chain.loadDeployment({ chainId, projectRoot: root });
    console.log(`deployed: ${Object.entries(deployment.addresses).map(([k, v]) => `${k} ${v}`).join(", ")}`);

    // 4. One agent per participant.
    if (!args.noAgents) {
      for (const { demo } of profiles) {
        const agent = spawnHardhat({
          projectRoot: root,
          args: ["agent", "--participant", demo.name, "--network", "localhost"],
          env: { ...process.env, SEALEDCHAIN_HOME: home, SEALEDCHAIN_PASSWORD: chain.DEVNET_DEMO_PASSWORD, SEALEDCHAIN_SKIP_BUILD: "1" },
          onLine: prefixed(demo.name),
        });
        children.push({ name: demo.name, child: agent });
        agent.once("exit", (code) => {
          if (!shuttingDown) console.error(`[${demo.name.padEnd(width)}] agent exited (code ${code})`);
        });
      }
    }

    console.log(
      [
        "",
        "devnet running. From a second terminal, try:",
        "  npx hardhat consortium:members --network localhost",
        "  npx hardhat consortium:propose-member --participant materials-a --candidate carrier-f --network localhost",
        "  (the agents vote FOR per their approve-all policy and execute; watch their lines here)",
        "  npx hardhat consortium:members --network localhost",
        `Demo participants live in ${home}/participants (INSECURE demo keys; password ${JSON.stringify(chain.DEVNET_DEMO_PASSWORD)}).`,
        "Ctrl-C stops the agents and the node.",
        "",
      ].join("\n"),
    );
  } catch (error) {
    await shutdown();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    throw error;
  }
  await done;
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}
