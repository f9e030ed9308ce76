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
    .addFlag({ name: "noStorage", description: "Do not start the participant's embedded IPFS (Helia) node nor its information server (nor publish its endpoints, nor run the quality, torrent and exchange handlers)" })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: let the quality handlers accept Paillier keys under 2048 bits" })
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

  task("quality:publish", "Company B publishes a bitwise-Paillier-encrypted (t, t+1) quality pair and posts its XOR data to a servicer (Nasu et al.)")
    .addOption(participant("the lot owner, company B"))
    .addOption({ name: "lot", description: "Lot: 0x + 64 hex digits, or a lot name/number (its keccak256 is the lot id); registered for B if new", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(optional("description", "Public description registered with a new lot (default: --lot)"))
    .addOption({ name: "x", description: "Quality value X at time t, an integer 0 ≤ X < 2^bits (never leaves B in plaintext)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "y", description: "Quality value Y at time t+1, an integer 0 ≤ Y < 2^bits", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "bits", description: "Bit length k of X and Y (1..256; 32 as in the paper)", type: ArgumentType.INT, defaultValue: 32 })
    .addOption({ name: "labelT", description: "Public label of time t, e.g. 2024-05-01", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "labelT1", description: "Public label of time t+1", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "servicer", description: "Servicer who sells the XOR data: a participant name or a 0x address holding SERVICER", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "keyBits", description: "Paillier modulus size in bits (fresh key per pair); under 2048 needs --allow-insecure-key", type: ArgumentType.INT, defaultValue: 3072 })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: allow a Paillier key under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./quality-publish.js"))
    .build(),

  task("quality:list", "List quality pairs (with XOR posts), XOR offers and comparison requests from the chain")
    .setAction(() => import("./quality-list.js"))
    .build(),

  task("quality:compare-local", "Offline: run A's and B's comparison steps on local bundle files and print the relation and the highest differing bit")
    .addOption({ name: "public", description: "File with B's public quality bundle (Enc(x_i), Enc(y_i))", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "xor", description: "File with the plaintext XOR bundle (Enc(x_i XOR y_i))", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "key", description: "File with the pair's Paillier private key as JSON {\"p\": \"<decimal>\", \"q\": \"<decimal>\"}", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addFlag({ name: "allowInsecureKey", description: "Accept a key under 2048 bits (tests, the paper's 32-bit example)" })
    .setAction(() => import("./quality-compare-local.js"))
    .build(),

  task("xor:offer", "A servicer checks the XOR data posted to it against the owner's commitment and lists it for sale")
    .addOption(participant("the servicer, holding SERVICER"))
    .addOption({ name: "pair", description: "Pair id (quality:list)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "price", description: "Price in wei (native currency)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "deliveryPeriod", description: "Seconds the servicer has to deliver after a purchase", defaultValue: "86400" })
    .addOption({ name: "confirmationPeriod", description: "Seconds the buyer has to confirm or dispute after delivery", defaultValue: "86400" })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a pair whose Paillier key is under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./xor-offer.js"))
    .build(),

  task("xor:buy", "Buy an XOR offer: open the escrow order with the offer's terms and record the purchase")
    .addOption(participant("the buyer, company A"))
    .addOption({ name: "offer", description: "Offer id (quality:list)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./xor-buy.js"))
    .build(),

  task("xor:deliver", "The servicer delivers a purchased XOR bundle re-encrypted to the buyer (escrow.deliver)")
    .addOption(participant("the servicer of the offer"))
    .addOption({ name: "order", description: "Escrow order id (printed by xor:buy)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a pair whose Paillier key is under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./xor-deliver.js"))
    .build(),

  task("xor:confirm", "The buyer checks a delivery against the owner's commitment and confirms it (a bad one is refused)")
    .addOption(participant("the buyer"))
    .addOption({ name: "order", description: "Escrow order id", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a pair whose Paillier key is under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./xor-confirm.js"))
    .build(),

  task("xor:dispute", "The buyer disputes a delivery; the arbiters vote on a refund")
    .addOption(participant("the buyer"))
    .addOption({ name: "order", description: "Escrow order id", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(optional("reason", "Reason stored (public) with the dispute. Default: what the delivery check found; refused if it found nothing"))
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a pair whose Paillier key is under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./xor-dispute.js"))
    .build(),

  task("compare:request", "The buyer of a pair's XOR data computes both Enc(z) vectors and asks the owner to compare X and Y")
    .addOption(participant("the buyer of the pair's XOR data"))
    .addOption({ name: "pair", description: "Pair id (quality:list)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a pair whose Paillier key is under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./compare-request.js"))
    .build(),

  task("compare:respond", "The lot owner answers a comparison request, or rejects a malformed or probing one")
    .addOption(participant("the pair's lot owner, company B"))
    .addOption({ name: "request", description: "Comparison request id (quality:list)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "disclose", description: "What the answer reveals: relation, or relation-and-index (the highest differing bit)", defaultValue: "relation" })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a pair whose Paillier key is under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./compare-respond.js"))
    .build(),

  task("compare:result", "The requester fetches, verifies and records the owner's answer (quality/history.json)")
    .addOption(participant("the requester"))
    .addOption({ name: "request", description: "Comparison request id", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a pair whose Paillier key is under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./compare-result.js"))
    .build(),

  task("torrent:store", "Store a file BlockTorrent-style: encrypt it in chunks, place each on 3 members by three-hash sharding, split the key k-of-n among holders (waits for their agents)")
    .addOption(participant("the file's owner"))
    .addOption({ name: "file", description: "The file to store (read in chunks; memory stays bounded)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(optional("chunks", "Number of chunks, 1..100000 (the paper uses 10–200). Default: 10 unless --chunk-size is given"))
    .addOption(optional("chunkSize", "Chunk size in bytes (instead of --chunks)"))
    .addOption(optional("threshold", "k: shares needed to rebuild the key, ≥ 2. Default: a majority of --shares"))
    .addOption(optional("shares", "n: number of key shares, one per holder, 2..255 and at most the other members. Default: every other member"))
    .addOption(optional("wait", "Seconds to wait for chunk owners' acknowledgements and holders' confirmations. Default: 300"))
    .addOption(home)
    .setAction(() => import("./torrent-store.js"))
    .build(),

  task("torrent:list", "List the files on the TorrentLedger: owner, status, chunk owners and their acknowledgements, key holders")
    .addOption(optional("owner", "Only files of this owner address. Default: all"))
    .addFlag({ name: "json", description: "Print JSON instead of text" })
    .setAction(() => import("./torrent-list.js"))
    .build(),

  task("torrent:placement", "Which member holds which chunk of a file (from the participant's master table), each locally held chunk re-placed by three-hash sharding")
    .addOption(participant("the file's owner, or an auditor that retrieved it"))
    .addOption({ name: "fileId", description: "File id, 0x + 64 hex digits (torrent:list)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./torrent-placement.js"))
    .build(),

  task("audit:request", "An AUDITOR requests access to a stored file; the request is public and the members vote on it")
    .addOption(participant("a member holding the AUDITOR role"))
    .addOption({ name: "fileId", description: "File id, 0x + 64 hex digits (torrent:list)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "reason", description: "Why the file is needed; recorded on chain for every member to see", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./audit-request.js"))
    .build(),

  task("audit:vote", "Vote on an audit request; executes it once it succeeded, which approves the audit")
    .addOption(participant("a member"))
    .addOption({ name: "audit", description: "Audit id (printed by audit:request)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "support", description: "true to approve, false to reject", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(optional("note", "Public note recorded with the vote. Default: none"))
    .addOption(home)
    .setAction(() => import("./audit-vote.js"))
    .build(),

  task("audit:release", "A key-share holder releases its shares of an approved audit to the auditor (its agent does this by itself)")
    .addOption(participant("a holder of a key share of the audited file"))
    .addOption({ name: "audit", description: "Audit id (printed by audit:request)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./audit-release.js"))
    .build(),

  task("audit:status", "An audit's vote, released shares (of the k needed) and the owners reported for not serving")
    .addOption({ name: "audit", description: "Audit id (printed by audit:request)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addFlag({ name: "json", description: "Print JSON instead of text" })
    .setAction(() => import("./audit-status.js"))
    .build(),

  task("audit:retrieve", "The auditor rebuilds the key from released shares and the file from its chunk owners (falling back owner by owner), without the file's owner")
    .addOption(participant("the auditor who requested the audit"))
    .addOption({ name: "audit", description: "Audit id (printed by audit:request)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "out", description: "Where to write the rebuilt file (only once its SHA-256 matches the chain)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(optional("wait", "Seconds to keep waiting while fewer than k shares are released. Default: 0 (report and stop)"))
    .addOption(home)
    .setAction(() => import("./audit-retrieve.js"))
    .build(),

  task("audit:record-missed", "After an audit's release window, record on chain every key-share holder that did not release")
    .addOption(participant("any participant; it pays the gas"))
    .addOption({ name: "audit", description: "Audit id (printed by audit:request)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./audit-record-missed.js"))
    .build(),

  task("torrent:deposit", "The participant's penalty deposit: stake, request-unstake (starts the notice), withdraw-stake, or withdraw-credit (penalties credited to it)")
    .addOption(participant("the member whose deposit it is"))
    .addOption({ name: "action", description: "stake, request-unstake, withdraw-stake or withdraw-credit", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(optional("amount", "Amount in wei, for stake and request-unstake"))
    .addOption(home)
    .setAction(() => import("./torrent-deposit.js"))
    .build(),

  task("torrent:propose-penalty", "Propose moving up to an amount of an offender's deposit to a beneficiary (e.g. a holder that missed a release); members vote with consortium:vote")
    .addOption(participant("a member"))
    .addOption({ name: "offender", description: "The offender's 0x address", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "amount", description: "Penalty in wei (at most what the deposit holds is taken)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "beneficiary", description: "The 0x address credited with the penalty (e.g. who bore the cost of the audit)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "reason", description: "Why, recorded on chain (e.g. the audit id and what was missed)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./torrent-propose-penalty.js"))
    .build(),

  task("dcmb:sender", "Run the machine owner's DCMB module (its agent with the sender role of <participant>/dcmb.json); refuses to start unless the module is certified on chain")
    .addOption(participant("the sender"))
    .addOption(home)
    .addOption({ name: "pollInterval", description: "Milliseconds between polls (each poll collects, notifies, closes due intervals, delivers)", type: ArgumentType.INT, defaultValue: 500 })
    .addOption({ name: "startBlock", description: "Block to start from when there is no cursor yet; -1 = the deployment block from Ignition's journal", type: ArgumentType.INT, defaultValue: -1 })
    .setAction(() => import("./dcmb-sender.js"))
    .build(),

  task("dcmb:receiver", "Run a receiver's DCMB module (its agent with the receiver role of <participant>/dcmb.json): registers its hashed conditions, verifies deliveries against the chain, reports notifications")
    .addOption(participant("the receiver"))
    .addOption(home)
    .addOption({ name: "pollInterval", description: "Milliseconds between polls for notifications and events", type: ArgumentType.INT, defaultValue: 500 })
    .addOption({ name: "startBlock", description: "Block to start from when there is no cursor yet; -1 = the deployment block from Ignition's journal", type: ArgumentType.INT, defaultValue: -1 })
    .setAction(() => import("./dcmb-receiver.js"))
    .build(),

  task("dcmb:verify", "Check the readings a receiver got in one batch against the Merkle root the sender recorded on chain")
    .addOption(participant("the receiver whose inbox to check"))
    .addOption({ name: "sender", description: "The sender's 0x address", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "batch", description: "Batch id (1, 2, … per sender and receiver)", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./dcmb-verify.js"))
    .build(),

  task("dcmb:conditions", "List the hashed conditions on the notifier (severity, state, how often matched) and the notifications sent")
    .setAction(() => import("./dcmb-conditions.js"))
    .build(),

  task("cert:propose", "A member proposes this checkout's DCMB module version for certification (source and artifact hashes, validation log); VALIDATORs vote with cert:vote")
    .addOption(participant("a member"))
    .addOption({ name: "moduleVersion", description: "Version to propose, e.g. 1.0.0 (1-64 characters of [0-9A-Za-z.+-])", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(optional("logCid", "CID of an existing validation log. Default: run the validation suite and store its log on the participant's IPFS node"))
    .addOption(home)
    .setAction(() => import("./cert-propose.js"))
    .build(),

  task("cert:validate", "A validator rebuilds the DCMB module's hashes from this checkout, runs the validation suite, stores the log on its IPFS node and prints its CID")
    .addOption(participant("the validator; its address goes into the log"))
    .addOption(optional("moduleVersion", "Version validated, recorded in the log, e.g. 1.0.0. Default: unspecified"))
    .addOption(optional("out", "Also write the validation log JSON to this file. Default: none"))
    .addOption(home)
    .setAction(() => import("./cert-validate.js"))
    .build(),

  task("cert:vote", "A VALIDATOR votes on a module version's certification (or its open revocation) with its log CID as the note; executes it once it succeeded")
    .addOption(participant("a VALIDATOR"))
    .addOption({ name: "versionId", description: "Version id (printed by cert:propose and cert:status); not --version, which is Hardhat's global option", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "support", description: "true to certify (or revoke), false to reject", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption({ name: "logCid", description: "CID of your validation log (printed by cert:validate), recorded as the vote note", type: ArgumentType.STRING_WITHOUT_DEFAULT, defaultValue: undefined })
    .addOption(home)
    .setAction(() => import("./cert-vote.js"))
    .build(),

  task("cert:status", "DCMB module versions on chain with status, hashes, votes and their log CIDs, and whether this checkout's artifact is certified")
    .addOption(optional("versionId", "Version id. Default: all versions"))
    .addFlag({ name: "json", description: "Print JSON instead of text" })
    .setAction(() => import("./cert-status.js"))
    .build(),

  task("device:new", "Create a device's signing key (keyfile in the member's folder) and register the device on chain; a REGULATOR then approves it")
    .addOption(participant("the member that owns the device"))
    .addOption(optional("device", "Device name, 1-32 characters of [a-z0-9-] (its keyfile: devices/<name>.json)"))
    .addOption(optional("metadata", "A file describing the device, or its 0x keccak256 hash. Default: hash of {device, owner}"))
    .addOption(home)
    .setAction(() => import("./device-new.js"))
    .build(),

  task("device:submit", "An approved device signs a data file (EIP-712); the member stores it encrypted in its node (key sealed to the regulators) and submits it")
    .addOption(participant("the member that owns the device"))
    .addOption(optional("device", "Device name (device:new)"))
    .addOption(optional("data", "The file the device produced"))
    .addOption(optional("category", "Category label, e.g. logistics.cold-chain"))
    .addOption(optional("description", "Short description kept in the entry's metadata. Default: empty"))
    .addOption({ name: "mediaType", description: "Media type of the data, e.g. text/csv", defaultValue: "application/octet-stream" })
    .addOption(optional("resubmits", "Your rejected entry this submission corrects. Default: none"))
    .addOption(home)
    .setAction(() => import("./device-submit.js"))
    .build(),

  task("data:validate", "A REGULATOR opens a submitted entry, checks it against the chain, then certifies it (--certify) or rejects it (--reject <reason>)")
    .addOption(participant("a member holding the REGULATOR role"))
    .addOption(optional("entry", "Entry id (printed by device:submit)"))
    .addFlag({ name: "certify", description: "Certify the entry (a certificate document goes to your node, its CID on chain)" })
    .addOption(optional("reject", "Reject the entry with this reason"))
    .addOption({ name: "statement", description: "Statement written into the certificate", defaultValue: "data matches its device-signed fingerprint and metadata" })
    .addOption(optional("out", "Also write the decrypted data to this file. Default: none"))
    .addOption(home)
    .setAction(() => import("./data-validate.js"))
    .build(),

  task("data:history", "An entry's whole resubmission chain, oldest first: who submitted, which device, certified or rejected and why")
    .addOption(optional("entry", "Any entry id of the chain"))
    .addFlag({ name: "json", description: "Print JSON instead of text" })
    .setAction(() => import("./data-history.js"))
    .build(),

  task("market:offer", "A supplier (or a proxy, with --upstream-trade) lists a certified entry for sale with its price and usage terms")
    .addOption(participant("the supplier"))
    .addOption(optional("entry", "Certified entry id"))
    .addOption(optional("category", "Category label buyers search, e.g. logistics.cold-chain"))
    .addOption(optional("price", "Price in wei"))
    .addOption({ name: "deliveryPeriod", description: "Seconds to deliver after the buyer pays", defaultValue: "86400" })
    .addOption({ name: "confirmationPeriod", description: "Seconds the buyer has to confirm or dispute", defaultValue: "86400" })
    .addOption(optional("purposes", "Permitted purposes, comma-separated, e.g. quality-audit,route-planning"))
    .addFlag({ name: "resale", description: "Allow buyers to sell the data on (proxy circulation)" })
    .addOption({ name: "retentionDays", description: "Days a buyer may keep the data (1..3650)", defaultValue: "365" })
    .addOption(optional("attribution", "Attribution the buyer must give (usage terms). Default: none"))
    .addOption(optional("upstreamTrade", "For a proxy: your Shared trade of this entry. Default: none (you submitted it)"))
    .addOption(home)
    .setAction(() => import("./market-offer.js"))
    .build(),

  task("market:request", "A demander posts what data it needs (category, purpose) and the most it will pay")
    .addOption(participant("the demander"))
    .addOption(optional("category", "Category label wanted"))
    .addOption(optional("maxPrice", "Most you will pay, in wei"))
    .addOption(optional("purpose", "What the data will be used for, e.g. quality-audit"))
    .addOption(optional("description", "Requirements in words (kept in the requirements document). Default: none"))
    .addOption(home)
    .setAction(() => import("./market-request.js"))
    .build(),

  task("market:match", "A SERVICER runs one matching round: each open request gets the cheapest fitting offer, then the oldest (agents do this by themselves)")
    .addOption(participant("a member holding the SERVICER role"))
    .addOption(home)
    .setAction(() => import("./market-match.js"))
    .build(),

  task("market:buy", "Pay an offer into the shared escrow with its exact terms and record the trade (filling your matched request with --request)")
    .addOption(participant("the buyer"))
    .addOption(optional("offer", "Offer id (market:list)"))
    .addOption(optional("request", "Your request this offer was matched with. Default: a direct purchase"))
    .addOption(home)
    .setAction(() => import("./market-buy.js"))
    .build(),

  task("market:deliver", "The supplier delivers a paid trade: the data key sealed to the buyer, bound to the order (agents do this by themselves)")
    .addOption(participant("the supplier of the trade"))
    .addOption(optional("order", "Trade (escrow order) id"))
    .addOption(home)
    .setAction(() => import("./market-deliver.js"))
    .build(),

  task("market:confirm", "The buyer checks a delivery against the on-chain fingerprint, confirms it (payment released) and records the sharing")
    .addOption(participant("the buyer of the trade"))
    .addOption(optional("order", "Trade (escrow order) id"))
    .addOption(optional("out", "Write the checked data to this file. Default: none"))
    .addFlag({ name: "dispute", description: "If the delivery fails its check, dispute it (arbiters' vote) instead of only refusing" })
    .addOption(home)
    .setAction(() => import("./market-confirm.js"))
    .build(),

  task("market:list", "The data market's offers and requests, or one trade's provenance across proxies (--trade)")
    .addOption(optional("trade", "Trade (escrow order) id whose provenance to show"))
    .addFlag({ name: "json", description: "Print JSON instead of text" })
    .setAction(() => import("./market-list.js"))
    .build(),

  task("trace:record", "The holder posts a traceability record: data to its information server, signed record (data hash, transfer-out/in) on chain")
    .addOption(participant("the accounting node: the object's holder, or its producer with --origin"))
    .addOption(optional("object", "Object identifier: a label of up to 31 bytes (e.g. LOT-2026-001) or a 0x 32-byte id"))
    .addOption(optional("to", "Next holder: a member's address or registered name (default with --origin: yourself)"))
    .addFlag({ name: "origin", description: "A new object produced by you (no transfer-out account)" })
    .addOption(optional("step", "What happened, e.g. harvested, processed, shipped"))
    .addOption(optional("details", "Traceability details as a JSON object, e.g. '{\"tonnes\":12}'. Default: {}"))
    .addOption(home)
    .setAction(() => import("./trace-record.js"))
    .build(),

  task("trace:confirm", "A REGULATOR verifies a record or mapping (signature, information-server data hash) and confirms it")
    .addOption(participant("a member holding the REGULATOR role"))
    .addOption(optional("record", "Record id (trace:record prints it)"))
    .addOption(optional("mapping", "Mapping id (trace:split, trace:merge and trace:relabel print it)"))
    .addOption(home)
    .setAction(() => import("./trace-confirm.js"))
    .build(),

  ...(["split", "merge", "relabel"] as const).map((kind) =>
    task(
      `trace:${kind}`,
      {
        split: "The holder splits one object into new identifiers (e.g. a lot into batches), recorded on chain with its data",
        merge: "The holder merges several objects into one container identifier, recorded on chain with its data",
        relabel: "The holder gives an object a new identifier, recorded on chain with its data",
      }[kind],
    )
      .addOption(participant("the holder of every input"))
      .addOption(optional(kind === "merge" ? "objects" : "object", kind === "merge" ? "Objects merged, comma-separated (at least 2)" : "Object identifier (label or 0x id)"))
      .addOption(optional("into", kind === "split" ? "New identifiers, comma-separated (at least 2)" : "The new identifier"))
      .addOption(optional("step", `What was done. Default: ${kind}`))
      .addOption(optional("details", "Details as a JSON object. Default: {}"))
      .addOption(home)
      .setAction(() => import(`./trace-${kind}.js`))
      .build(),
  ),

  task("trace:query", "Walk an object's chain of custody back to its origins, verify each record's data on its information server, print the tree")
    .addOption(optional("object", "Object identifier: a label (e.g. PRODUCT-7) or a 0x 32-byte id"))
    .addFlag({ name: "json", description: "Print the provenance tree as JSON" })
    .setAction(() => import("./trace-query.js"))
    .build(),

  task("points:register-key", "The data-encryption platform creates its Paillier key pair (private half sealed in its folder) and registers the public half")
    .addOption(participant("the key holder"))
    .addOption({ name: "bits", description: "Bit length of the Paillier modulus n (2048 or more)", defaultValue: "3072" })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: allow a key under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./points-register-key.js"))
    .build(),

  task("points:issue", "An issuer credits a consumer with points encrypted under the key holder's Paillier key (only the ciphertext's CID and hash on chain)")
    .addOption(participant("the issuer (brand or e-commerce platform)"))
    .addOption(optional("consumer", "The consumer's pseudonym (0x + 64 hex digits, the same one given to every issuer; other text is hashed, and guessable)"))
    .addOption(optional("points", "Points credited (a non-negative integer)"))
    .addOption(optional("keyId", "The key holder's key id (points:register-key prints it)"))
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a key under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./points-issue.js"))
    .build(),

  task("points:authorize", "The key holder lets one MPC platform run one computation (tier or formula) over named issuances")
    .addOption(participant("the key holder of the issuances' key"))
    .addOption(optional("consumer", "The consumer's pseudonym (0x + 64 hex digits) or the text it was issued under"))
    .addOption(optional("kind", "tier or formula"))
    .addOption(optional("issuances", "Issuance ids, comma-separated, ascending (formula: A then B)"))
    .addOption(optional("mpc", "The MPC platform: a participant name (e.g. servicer-s), a member's address or registered name"))
    .addOption(optional("requester", "Who asked: a participant name, a member's address or registered name (formula results are sealed to it)"))
    .addOption({ name: "validFor", description: "Seconds the authorisation stays usable", defaultValue: "3600" })
    .addOption(home)
    .setAction(() => import("./points-authorize.js"))
    .build(),

  task("points:compute-tier", "The MPC platform computes an authorised tier under encryption with the key holder's oracle and posts it (agents do this)")
    .addOption(participant("the MPC platform named in the authorisation"))
    .addOption(optional("authorization", "Authorisation id (points:authorize prints it)"))
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a key under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./points-compute-tier.js"))
    .build(),

  task("points:tier", "A consumer's tier history as posted by the MPC platform")
    .addOption(optional("consumer", "The consumer's pseudonym (0x + 64 hex digits) or the text it was issued under"))
    .addFlag({ name: "json", description: "Print JSON instead of text" })
    .setAction(() => import("./points-tier.js"))
    .build(),

  task("points:formula", "Evaluate max(min(max(37A, 150B), 150000), 50000) under encryption (MPC, --evaluate) or open the result (requester)")
    .addOption(participant("the MPC platform (with --evaluate) or the requester"))
    .addOption(optional("authorization", "Formula authorisation id"))
    .addFlag({ name: "evaluate", description: "As the MPC platform: evaluate and post the sealed result" })
    .addFlag({ name: "allowInsecureKey", description: "TESTS/DEMOS ONLY: accept a key under 2048 bits" })
    .addOption(home)
    .setAction(() => import("./points-formula.js"))
    .build(),

  task("devnet", "Local devnet: hardhat node on 127.0.0.1, demo participants, Ignition deployment, one agent per participant (Ctrl-C stops all)")
    .addOption({ name: "port", description: "JSON-RPC port of hardhat node on 127.0.0.1; on another port than 8545 devnet prints the SEALEDCHAIN_RPC_URL export that tasks need", type: ArgumentType.INT, defaultValue: 8545 })
    .addOption(optional("home", "SealedChain home; demo participants go to <home>/devnet/participants. Default: $SEALEDCHAIN_HOME, else ./.sealedchain"))
    .addFlag({ name: "noAgents", description: "Deploy and create the participants but start no agents" })
    .setAction(() => import("./devnet.js"))
    .build(),
];
