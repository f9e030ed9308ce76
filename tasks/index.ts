import { task } from "hardhat/config";
import { ArgumentType } from "hardhat/types/arguments";
import type { TaskDefinition } from "hardhat/types/tasks";

/** An optional string option; unset = undefined (help shows no "(default: )"). */
const optional = <N extends string>(name: N, description: string) =>
  ({ name, description, type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined }) as const;
const home = optional(
  "home",
  "Folder holding participants/. Default: $SEALEDCHAIN_HOME, else ./.sealedchain; or its devnet/ subfolder when the participant is there",
);
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
    .addOption(optional("home", "Folder to create participants/<name> in. Default: $SEALEDCHAIN_HOME, else ./.sealedchain"))
    .addOption(optional("displayName", "Organisation name to register on chain, e.g. \"Carrier F\" (default: --name)"))
    .addOption({ name: "listen", description: "Comma-separated libp2p listen multiaddrs for the participant's storage node (tcp/0: a free port at each start)", defaultValue: "/ip4/127.0.0.1/tcp/0" })
    .addOption(optional("infoServerUrl", "Information-server URL to publish in the profile. Default: none"))
    .setAction(() => import("./participant-new.js"))
    .build(),

  task("agent", "Run a participant's agent: follow the consortium's events, vote and execute per its policy.json (SIGINT/SIGTERM stop it cleanly)")
    .addOption(participant("the agent's identity"))
    .addOption(home)
    .addOption({ name: "pollInterval", description: "Milliseconds between polls for new blocks (≥ 1)", type: ArgumentType.INT, defaultValue: 500 })
    .addOption({ name: "startBlock", description: "Block to start from when there is no cursor yet; -1 = the deployment block from Ignition's journal", type: ArgumentType.INT, defaultValue: -1 })
    .addFlag({ name: "noStorage", description: "Do not start the participant's embedded IPFS (Helia) node (nor publish its endpoints)" })
    .setAction(() => import("./agent.js"))
    .build(),

  task("consortium:propose-member", "Propose admitting a new member; the members vote on the ballot")
    .addOption(participant("a current member"))
    .addOption({ name: "candidate", description: "Candidate: a participant name (its profile.json supplies everything) or a 0x address (then give --name, --encryption-key, --peer-id)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .addOption(optional("address", "Candidate account address (overrides the profile's)"))
    .addOption(optional("name", "Candidate organisation name as registered on chain (overrides the profile's)"))
    .addOption(optional("encryptionKey", "Candidate's 33-byte compressed secp256k1 encryption public key, 0x + 66 hex digits (overrides the profile's)"))
    .addOption(optional("peerId", "Candidate's libp2p peer id (overrides the profile's)"))
    .addOption(optional("multiaddrs", "Comma-separated multiaddrs of the candidate's node, each ending in /p2p/<peer id> (overrides the profile's)"))
    .addOption(optional("infoServerUrl", "Candidate's information-server URL (overrides the profile's)"))
    .setAction(() => import("./consortium-propose-member.js"))
    .build(),

  task("consortium:vote", "Vote on a ballot proposal (once per member); executes it when it has succeeded")
    .addOption(participant("a member eligible to vote"))
    .addOption({ name: "proposal", description: "Proposal id, a positive integer (printed by consortium:propose-member; listed by consortium:members)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "support", description: "true to vote for, false to vote against", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(optional("note", "Public note recorded with the vote (e.g. a CID of evidence). Default: none"))
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

  task("consortium:approve-device", "A regulator approves a registered device so that its signed submissions count (--revoke: the owner or a regulator revokes it)")
    .addOption(participant("a member holding the REGULATOR role (or the device's owner, with --revoke)"))
    .addOption({ name: "device", description: "The device's account address", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addFlag({ name: "revoke", description: "Revoke the device instead of approving it" })
    .addOption(home)
    .setAction(() => import("./consortium-approve-device.js"))
    .build(),

  task("devnet", "Local devnet: hardhat node on 127.0.0.1, demo participants, Ignition deployment, one agent per participant (Ctrl-C stops all)")
    .addOption({ name: "port", description: "JSON-RPC port of hardhat node on 127.0.0.1; on another port than 8545 devnet prints the SEALEDCHAIN_RPC_URL export that tasks need", type: ArgumentType.INT, defaultValue: 8545 })
    .addOption(optional("home", "SealedChain home; demo participants go to <home>/devnet/participants. Default: $SEALEDCHAIN_HOME, else ./.sealedchain"))
    .addFlag({ name: "noAgents", description: "Deploy and create the participants but start no agents" })
    .setAction(() => import("./devnet.js"))
    .build(),
];
