import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import type { TaskDefinition } from "hardhat/types/tasks";

const home = {
  name: "home",
  description: "Folder holding participants/ (default: $SEALEDCHAIN_HOME, else ./.sealedchain, else ./.sealedchain/devnet if the participant is there)",
  defaultValue: "",
} as const;
const participant = (role: string) =>
  ({
    name: "participant",
    description: `Participant whose wallet signs (${role}); its keyfile is decrypted with $SEALEDCHAIN_PASSWORD_<NAME> or $SEALEDCHAIN_PASSWORD`,
    type: ArgumentType.STRING_WITHOUT_DEFAULT,
    defaultValue: undefined,
  }) as const;

/** Every SealedChain task; hardhat.config.ts lists them with `tasks: sealedChainTasks`. */
export const sealedChainTasks: TaskDefinition[] = [
  task("participant:new", "Create a participant: wallet keyfile, encrypted secrets (encryption + libp2p keys) and public profile")
    .addOption({ name: "name", description: "Participant name, 1-32 characters of [a-z0-9-]; password from $SEALEDCHAIN_PASSWORD_<NAME> or $SEALEDCHAIN_PASSWORD", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ ...home, description: "Folder to create participants/<name> in (default: $SEALEDCHAIN_HOME or ./.sealedchain)" })
    .addOption({ name: "listen", description: "Comma-separated libp2p listen multiaddrs for the participant's storage node", defaultValue: "/ip4/127.0.0.1/tcp/0" })
    .addOption({ name: "infoServerUrl", description: "Information-server URL to publish in the profile (optional)", defaultValue: "" })
    .setAction(() => import("./participant-new.js"))
    .build(),

  task("agent", "Run a participant's agent: follow the consortium's events and react per its policy.json (Ctrl-C stops it cleanly)")
    .addOption(participant("the agent's identity"))
    .addOption(home)
    .addOption({ name: "pollInterval", description: "Milliseconds between polls for new blocks", type: ArgumentType.INT, defaultValue: 500 })
    .addOption({ name: "startBlock", description: "Block to start from when there is no cursor yet (default -1: the deployment block from Ignition's journal)", type: ArgumentType.INT, defaultValue: -1 })
    .addFlag({ name: "noStorage", description: "Do not start the participant's embedded IPFS (Helia) node" })
    .setAction(() => import("./agent.js"))
    .build(),

  task("consortium:propose-member", "Propose admitting a new member; the members vote on the ballot")
    .addOption(participant("a current member"))
    .addOption({ name: "candidate", description: "Candidate: a participant name (its profile.json supplies everything) or a 0x address (then give --name, --encryption-key, --peer-id)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .addOption({ name: "address", description: "Candidate account address (overrides the profile's)", defaultValue: "" })
    .addOption({ name: "name", description: "Candidate organisation name (overrides the profile's)", defaultValue: "" })
    .addOption({ name: "encryptionKey", description: "Candidate's 33-byte compressed secp256k1 encryption public key, 0x-hex (overrides the profile's)", defaultValue: "" })
    .addOption({ name: "peerId", description: "Candidate's libp2p peer id (overrides the profile's)", defaultValue: "" })
    .addOption({ name: "multiaddrs", description: "Comma-separated multiaddrs of the candidate's node (overrides the profile's)", defaultValue: "" })
    .addOption({ name: "infoServerUrl", description: "Candidate's information-server URL (overrides the profile's)", defaultValue: "" })
    .setAction(() => import("./consortium-propose-member.js"))
    .build(),

  task("consortium:vote", "Vote on a ballot proposal; executes it when this vote makes it succeed")
    .addOption(participant("a member eligible to vote"))
    .addOption({ name: "proposal", description: "Proposal id (see consortium:members)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "support", description: "true to vote for, false to vote against", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "note", description: "Optional public note recorded with the vote (e.g. a CID of evidence)", defaultValue: "" })
    .addOption(home)
    .setAction(() => import("./consortium-vote.js"))
    .build(),

  task("consortium:members", "List members (roles, encryption keys, endpoints) and membership proposals with their state")
    .setAction(() => import("./consortium-members.js"))
    .build(),

  task("consortium:register-device", "Register a device account owned by the participant (a regulator approves it later)")
    .addOption(participant("the owning member"))
    .addOption({ name: "device", description: "The device's account address", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "metadata", description: "File describing the device (its keccak256 is registered) or a 0x 32-byte hash", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./consortium-register-device.js"))
    .build(),

  task("devnet", "Local devnet: hardhat node on 127.0.0.1, demo participants, Ignition deployment, one agent per participant (Ctrl-C stops all)")
    .addOption({ name: "port", description: "JSON-RPC port for hardhat node on 127.0.0.1 (the localhost network expects 8545)", type: ArgumentType.INT, defaultValue: 8545 })
    .addOption({ name: "home", description: "SealedChain home; demo participants go to <home>/devnet/participants (default: $SEALEDCHAIN_HOME or ./.sealedchain)", defaultValue: "" })
    .addFlag({ name: "noAgents", description: "Deploy and create the participants but start no agents" })
    .setAction(() => import("./devnet.js"))
    .build(),
];
