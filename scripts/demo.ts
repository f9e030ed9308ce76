// The SealedChain demo on the embedded default: Hardhat's in-process chain and one
// embedded IPFS (Helia) node per company on 127.0.0.1. It only calls offchain/ and the
// Ignition module; every protocol step lives there. Run with `npm run demo`.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { keccak256 } from "ethers";
import { network } from "hardhat";

import PlatformModule from "../ignition/modules/Platform.js";
import { createConsoleLogger, createParticipantAgent, type AgentRuntime } from "../offchain/agents/index.js";
import {
  DEMO_ORGANISATIONS,
  DEMO_SCRYPT,
  DEVNET_DEMO_PASSWORD,
  createParticipant,
  deriveDemoParticipant,
  founderParameterOf,
  connectConsortium,
  connectQuality,
  demoPolicyOf,
  deploymentOfIgnitionResult,
  loadParticipant,
  memberProfileOf,
  participantPaths,
  ROLE_NAMES,
  roleIdOf,
  type Participant,
} from "../offchain/chain/index.js";
import { EnvelopeDecryptionError, encryptTo, openEnvelope } from "../offchain/crypto/index.js";
import { createPairKeyVault, lotIdOf, publishQualityPair, qualityPaths, readQualityHistory } from "../offchain/quality/index.js";
import { startEmbeddedStore, type EmbeddedStore } from "../offchain/storage/index.js";
import { connectTorrent } from "../offchain/chain/index.js";
import { retrieveFile, requestAudit, storeFile, voteOnAudit, type TorrentParty } from "../offchain/torrent/index.js";
import { connectDcmb } from "../offchain/chain/index.js";
import { DCMB_MODULE, DCMB_VALIDATION_CHECKS, DCMB_VALIDATION_DATASET, assertModuleCertified, hashModuleArtifact, runValidationSuite, voteOnModuleVersion } from "../offchain/dcmb/certification/index.js";
import { createCsvTailSource, generateSalt, type IntervalRule } from "../offchain/dcmb/index.js";
import { DcmbReceiver, DcmbSender, registerConditions } from "../offchain/dcmb/module/index.js";
import { connectExchange } from "../offchain/chain/index.js";
import { createDataKeyVault, exchangePaths, type ExchangeParty } from "../offchain/exchange/index.js";
import { startParticipantInformationServer, type TraceParty } from "../offchain/trace/index.js";
import { runExchangeStory } from "./demo-exchange.js";
import { memberParty } from "./demo-helpers.js";
import { runPointsStory } from "./demo-points.js";

const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1).padStart(5);
let stepNumber = 0;
const step = (title: string) => console.log(`\n${seconds()}s  ── ${++stepNumber}. ${title}`);
const say = (line: string) => console.log(`         ${line}`);
const short = (hex: string) => `${hex.slice(0, 10)}…${hex.slice(-4)}`;

type Company = {
  organisation: (typeof DEMO_ORGANISATIONS)[number];
  participant: Participant;
  store: EmbeddedStore;
  /** Its information server (traceability data), on 127.0.0.1. */
  informationServer: Awaited<ReturnType<typeof startParticipantInformationServer>>;
};

/** Each company's sealed store of Paillier keys (one vault per company, shared by agent and demo). */
const vaults = new Map<string, ReturnType<typeof createPairKeyVault>>();
const vaultOf = (company: Company) => {
  let vault = vaults.get(company.organisation.name);
  if (vault === undefined) {
    vault = createPairKeyVault({
      name: company.organisation.name,
      directory: qualityPaths({ directory: company.participant.directory }).keys,
      password: DEVNET_DEMO_PASSWORD,
      scrypt: DEMO_SCRYPT,
    });
    vaults.set(company.organisation.name, vault);
  }
  return vault;
};

/** Each company's sealed data keys (exchange part). */
const dataKeyVaultOf = (company: Company) =>
  createDataKeyVault({ directory: exchangePaths(company.participant.directory).keys, privateKey: company.participant.encryptionKeyPair.privateKey });

const home = await mkdtemp(path.join(tmpdir(), "sealedchain-demo-"));
const companies: Company[] = [];
const agents: AgentRuntime[] = [];
const connection = await network.create();

try {
  console.log("SealedChain demo — embedded default: in-process Ethereum chain, one IPFS node per company on 127.0.0.1");
  console.log("(throwaway demo keys derived from Hardhat's public test mnemonic; data under " + home + ")");

  step("Six companies set up their wallets, encryption keys and IPFS nodes");
  for (const organisation of DEMO_ORGANISATIONS) {
    const keys = await deriveDemoParticipant(organisation.keyIndex);
    await createParticipant({
      name: organisation.name,
      displayName: organisation.organisation,
      home,
      password: DEVNET_DEMO_PASSWORD,
      keys,
      scrypt: DEMO_SCRYPT,
    });
    const participant = await loadParticipant({ name: organisation.name, home, password: DEVNET_DEMO_PASSWORD });
    const store = await startEmbeddedStore({
      directory: participantPaths({ name: organisation.name, home }).ipfs,
      privateKey: participant.peerIdentity.privateKey,
    });
    const informationServer = await startParticipantInformationServer({ participantDirectory: participant.directory });
    companies.push({ organisation, participant, store, informationServer });
    say(
      `${organisation.organisation.padEnd(12)} wallet ${short(participant.wallet.address)}  ` +
        `IPFS node ${store.peerId.slice(0, 14)}… on ${store.multiaddrs[0]?.split("/p2p/")[0]}  info server ${informationServer.url}` +
        (organisation.founder ? "" : "   (not a member yet)"),
    );
  }
  const byName = (name: string): Company => {
    const company = companies.find((c) => c.organisation.name === name);
    if (company === undefined) throw new Error(`demo company ${name} missing`);
    return company;
  };
  const materials = byName("materials-a");
  const carrier = byName("carrier-f");
  const servicer = byName("servicer-s");

  step("The five founders deploy the consortium: registry, ballot, escrow, and the contracts of every part");
  const founders = companies
    .filter((c) => c.organisation.founder)
    .map((c) => founderParameterOf({ organisation: c.organisation, profile: c.participant.profile, multiaddrs: c.store.multiaddrs }));
  const deployed = await connection.ignition.deploy(PlatformModule, {
    parameters: { Consortium: { founders } },
    displayUi: false,
  });
  const startBlock = await connection.ethers.provider.getBlockNumber();
  const deployment = await deploymentOfIgnitionResult({ result: deployed, startBlock });
  // Typed, read-only views of the contracts; each company signs with its own wallet.
  const { ballot, registry } = connectConsortium({ deployment, runner: connection.ethers.provider });
  for (const [name, address] of Object.entries(deployment.addresses)) say(`${name.padEnd(19)} ${address}`);
  for (const account of await registry.members()) {
    const record = await registry.member(account);
    const roles = [];
    for (const role of ROLE_NAMES) if (await registry.hasRole(roleIdOf(role), account)) roles.push(role);
    say(`member ${record.profile.name.padEnd(12)} roles ${roles.join(", ")}`);
  }
  say("Nobody holds an admin role: from now on only a vote of the members changes who is in.");

  step("Each founder starts its agent, which follows the chain and votes by its company's policy");
  for (const company of companies.filter((c) => c.organisation.founder)) {
    const policyFile = participantPaths({ name: company.organisation.name, home }).policy;
    await writeFile(policyFile, JSON.stringify(demoPolicyOf(company.organisation.name)));
    const runtime = await createParticipantAgent({
      participant: company.participant,
      provider: connection.ethers.provider,
      deployment,
      logger: createConsoleLogger({ prefix: company.organisation.name, write: (line) => console.log(`           agent ${line.slice(13)}`) }),
      home,
      pollIntervalMs: 100,
      quality: { store: company.store, vault: vaultOf(company) },
      torrent: { store: company.store },
      exchange: { store: company.store, vault: dataKeyVaultOf(company), informationServer: company.informationServer },
      points: { store: company.store },
    });
    agents.push(runtime);
    runtime.start();
  }
  say("Policy of every founder in this demo: approve admissions (a real company would use 'manual' or an allowlist).");
  say("Quality policies: Servicer S sells XOR data at 0.01 ETH; Materials A follows lot 42; Chemicals B reveals the relation and the highest differing bit.");

  step("Materials A proposes admitting Carrier F; the founders' agents vote");
  const carrierProfile = memberProfileOf({
    profile: carrier.participant.profile,
    multiaddrs: carrier.store.multiaddrs,
  });
  const materialsSigner = materials.participant.wallet.connect(connection.ethers.provider);
  const asMaterials = connectConsortium({ deployment, runner: materialsSigner });
  const proposeTx = await asMaterials.registry.proposeMember(carrier.participant.wallet.address, carrierProfile);
  const proposeReceipt = await proposeTx.wait();
  const proposalId = await ballot.proposalCount();
  say(`proposal #${proposalId} opened in block ${proposeReceipt?.blockNumber} (needs a majority of the 5 founders)`);
  const deadline = Date.now() + 60_000;
  while (!(await registry.isMember(carrier.participant.wallet.address))) {
    if (Date.now() > deadline) throw new Error(`Carrier F was not admitted within 60 s (proposal #${proposalId} is in state ${await ballot.state(proposalId)})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const tally = await ballot.proposal(proposalId);
  say(`Carrier F admitted: ${tally.forVotes} for, ${tally.againstVotes} against (quorum ${tally.quorumVotes} of ${tally.eligibleVoters}).`);
  say("Its encryption key and IPFS node address are now in the registry for every member to find.");

  step("Materials A sends Carrier F confidential shipping instructions, encrypted to F's registered key");
  const recipient = await registry.member(carrier.participant.wallet.address);
  const message = "Lot 42: 18 t of resin pellets, pick up Tue 06:00 at dock 3, keep below 25 °C.";
  const envelope = encryptTo({
    recipientPublicKey: Uint8Array.from(Buffer.from(recipient.profile.encryptionKey.slice(2), "hex")),
    plaintext: new TextEncoder().encode(message),
    context: "sealedchain/demo/shipping-instructions",
  });
  const cid = await materials.store.put(envelope);
  say(`envelope of ${envelope.length} bytes stored in Materials A's node as ${cid}`);
  say(`keccak256 of the exact bytes: ${keccak256(envelope)} (what a contract would record next to the CID)`);

  step("Carrier F fetches the envelope from Materials A's node over loopback and opens it");
  const sender = await registry.member(materials.participant.wallet.address);
  await carrier.store.connect([...sender.profile.multiaddrs]);
  say(`Carrier F dialled Materials A at ${sender.profile.multiaddrs[0]} (address taken from the registry)`);
  const fetched = await carrier.store.get(cid, { timeoutMs: 10_000 });
  const opened = openEnvelope({
    privateKey: carrier.participant.encryptionKeyPair.privateKey,
    envelope: fetched,
    context: "sealedchain/demo/shipping-instructions",
  });
  say(`fetched ${fetched.length} bytes (hash matches: ${keccak256(fetched) === keccak256(envelope)}) and opened: "${new TextDecoder().decode(opened)}"`);

  step("Servicer S gets the same bytes but cannot read them: they were not encrypted to its key");
  await servicer.store.connect([...sender.profile.multiaddrs]);
  const copy = await servicer.store.get(cid, { timeoutMs: 10_000 });
  try {
    openEnvelope({ privateKey: servicer.participant.encryptionKeyPair.privateKey, envelope: copy, context: "sealedchain/demo/shipping-instructions" });
    throw new Error("Servicer S opened an envelope that was not addressed to it");
  } catch (error) {
    if (!(error instanceof EnvelopeDecryptionError)) throw error;
    say(`refused as expected: ${error.message}`);
  }

  step("Chemicals B publishes two quality pairs of lot 42, each under a fresh 3072-bit Paillier key");
  const chemicals = byName("chemicals-b");
  const chemicalsSigner = chemicals.participant.wallet.connect(connection.ethers.provider);
  const { registry: registryForB } = connectConsortium({ deployment, runner: connection.ethers.provider });
  const readings = [
    { labelT: "week 46", labelT1: "week 47", x: 41_357n, y: 41_350n },
    { labelT: "week 47", labelT1: "week 48", x: 41_350n, y: 41_862n },
  ];
  for (const reading of readings) {
    const published = await publishQualityPair({
      party: {
        address: chemicals.participant.wallet.address,
        encryptionPrivateKey: chemicals.participant.encryptionKeyPair.privateKey,
        store: chemicals.store,
        registry: registryForB,
      },
      channel: connectQuality({ deployment, runner: chemicalsSigner }).channel,
      vault: vaultOf(chemicals),
      lotId: lotIdOf("lot-42"),
      lotDescription: "resin pellets, lot 42: tensile strength in kPa",
      bitLength: 32,
      servicer: servicer.participant.wallet.address,
      ...reading,
    });
    say(
      `pair #${published.pairId} (${reading.labelT} → ${reading.labelT1}): 96 ciphertexts in B's node (${published.bundleCid.slice(0, 16)}…), ` +
        `XOR data encrypted to Servicer S, commitment ${published.xorBundleHash.slice(0, 10)}… on chain`,
    );
  }
  say("B keeps X and Y and its Paillier private keys (sealed in its own folder); nothing readable went on chain.");

  step("The agents take over: S offers the XOR data, A buys it under escrow, checks it, and asks B to compare");
  const historyFile = qualityPaths({ directory: materials.participant.directory }).history;
  const qualityDeadline = Date.now() + 90_000;
  while ((await readQualityHistory({ file: historyFile })).length < readings.length) {
    if (Date.now() > qualityDeadline) throw new Error("Materials A did not learn both comparisons within 90 s");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  step("What Materials A learned, without ever seeing X or Y");
  for (const entry of await readQualityHistory({ file: historyFile })) {
    const change = entry.relation === "X>Y" ? "quality FELL" : entry.relation === "X<Y" ? "quality ROSE" : "quality unchanged";
    const detail = entry.highestDifferingBit === undefined ? "" : `, highest differing bit ${entry.highestDifferingBit}, ${entry.bound}`;
    say(`lot 42, ${entry.labelT} → ${entry.labelT1}: ${change}${detail}`);
  }
  say("S saw only ciphertexts it cannot decrypt; B saw only A's request; everyone else saw references and hashes.");

  step("Carrier F stores its cold-chain temperature log BlockTorrent-style: encrypted chunks on 3 members each, the key split among 5");
  const partyOf = (company: Company): TorrentParty => {
    const base = memberParty({ company, provider: connection.ethers.provider, deployment });
    return { ...base, ledger: connectTorrent({ deployment, runner: base.signer }).ledger };
  };
  const log = ["time,container,celsius"];
  for (let minute = 0; minute < 4 * 1440; minute++) {
    const celsius = (4 + Math.sin(minute / 90) * 1.5 + (minute > 2_400 && minute < 2_460 ? 9 : 0)).toFixed(2);
    log.push(`2026-11-0${1 + Math.floor(minute / 1440)}T${String(Math.floor(minute / 60) % 24).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")},MSKU-7731,${celsius}`);
  }
  const sensorFile = path.join(home, "cold-chain-MSKU-7731.csv");
  await writeFile(sensorFile, log.join("\n") + "\n");
  const stored = await storeFile({ party: partyOf(carrier), file: sensorFile, chunks: 20 });
  const perMember = new Map<string, number>();
  for (const chunk of stored.masterTable.chunks) for (const owner of chunk.owners) perMember.set(owner, (perMember.get(owner) ?? 0) + 1);
  const companyName = (address: string) => companies.find((c) => c.participant.wallet.address === address)?.organisation.organisation ?? address;
  say(`file ${short(stored.fileId)}: ${stored.masterTable.fileSize} bytes in ${stored.masterTable.chunkCount} AES-256-GCM chunks, each placed by its SHA3-256/SHA-384/SHA-512 digests`);
  say(`chunks pinned and signed for by: ${[...perMember].map(([owner, n]) => `${companyName(owner)} ${n}`).join(", ")}`);
  say(`key split ${stored.threshold}-of-${stored.holders.length} (Shamir) among ${stored.holders.map(companyName).join(", ")}; each holder checked its share against the Merkle root on chain`);
  say("On chain: the master table's CID and hash, the file's SHA-256, a key commitment and the shares' Merkle root. Not the key, not the data.");

  step("Carrier F goes offline; the Auditor asks for the log (the request and its reason are public)");
  await carrier.store.stop();
  say("Carrier F's node is stopped: it cannot help, or refuse, from here on.");
  const auditor = byName("auditor");
  const { auditId } = await requestAudit({ ledger: partyOf(auditor).ledger, fileId: stored.fileId, reason: "temperature excursion claimed on container MSKU-7731, 2-3 Nov" });
  say(`audit ${auditId} requested; every member's agent sees the AuditRequested event`);

  step("The members vote; once approved, each holder's agent releases its share re-encrypted to the Auditor");
  for (const name of ["materials-a", "chemicals-b", "servicer-s", "regulator"]) {
    const voter = byName(name);
    const vote = await voteOnAudit({
      ledger: partyOf(voter).ledger,
      ballot: connectConsortium({ deployment, runner: voter.participant.wallet.connect(connection.ethers.provider) }).ballot,
      voter: voter.participant.wallet.address,
      auditId,
      support: true,
    });
    say(`${voter.organisation.organisation} voted FOR → vote ${vote.state}${vote.executed ? " (executed: audit approved)" : ""}`);
    if (vote.executed) break;
  }
  const { ledger } = connectTorrent({ deployment, runner: connection.ethers.provider });
  const releaseDeadline = Date.now() + 60_000;
  while (Number((await ledger.audit(auditId)).releasedCount) < stored.holders.length) {
    if (Date.now() > releaseDeadline) throw new Error(`only ${(await ledger.audit(auditId)).releasedCount} shares released within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  say(`${stored.holders.length} shares released, each with a Merkle proof the ledger checked`);

  step("The Auditor rebuilds the key, the master table and the file from the chunk owners, without Carrier F");
  const rebuilt = path.join(home, "audit-MSKU-7731.csv");
  const retrieved = await retrieveFile({ party: partyOf(auditor), auditId, out: rebuilt });
  const same = Buffer.compare(await readFile(rebuilt), await readFile(sensorFile)) === 0;
  say(`key rebuilt from ${retrieved.sharesUsed} shares and checked against the commitment; ${stored.masterTable.chunkCount} chunks fetched directly from their owners and verified`);
  say(`${retrieved.fileSize} bytes written; SHA-256 matches the chain; identical to Carrier F's original: ${same}`);
  if (!same) throw new Error("the rebuilt log differs from the original");
  const excursion = log.filter((line) => Number(line.split(",")[2]) > 8);
  say(`the Auditor now sees what was at issue: ${excursion.length} minutes above 8 °C, from ${excursion[0]?.split(",")[0]} to ${excursion.at(-1)?.split(",")[0]}`);

  step("The validators certify the data module (DCMB) that will carry Materials A's machine data");
  const projectRoot = path.resolve(import.meta.dirname, "..");
  const regulator = byName("regulator");
  const artifact = await hashModuleArtifact({ projectRoot });
  const validationLog = await runValidationSuite({ projectRoot, moduleVersion: "1.0.0", validator: regulator.participant.wallet.address, checks: DCMB_VALIDATION_CHECKS, dataset: DCMB_VALIDATION_DATASET });
  const logCid = await regulator.store.put(new TextEncoder().encode(JSON.stringify(validationLog)));
  say(`module ${DCMB_MODULE.name}: source ${short(artifact.sourceHash)}, artifact ${short(artifact.artifactHash)} (source + exact dependency versions + runtime)`);
  say(`Regulator (VALIDATOR) rebuilt the hashes and ran ${validationLog.checks.length} validation checks on the validation data set: ${validationLog.passed ? "all passed" : "FAILED"}; log ${logCid.slice(0, 16)}…`);
  const dcmbAs = (company: Company) => connectDcmb({ deployment, runner: company.participant.wallet.connect(connection.ethers.provider) });
  const proposal = await (await dcmbAs(materials).certification.proposeModule(DCMB_MODULE.id, "1.0.0", artifact.sourceHash, artifact.artifactHash, logCid)).wait();
  const versionId = await dcmbAs(materials).certification.versionCount();
  say(`Materials A proposed version 1.0.0 (#${versionId}) → tx ${short(proposal!.hash)}`);
  const certified = await voteOnModuleVersion({
    certification: dcmbAs(regulator).certification,
    ballot: connectConsortium({ deployment, runner: regulator.participant.wallet.connect(connection.ethers.provider) }).ballot,
    voter: regulator.participant.wallet.address,
    versionId,
    support: true,
    logCid,
  });
  say(`Regulator voted FOR with its log's CID as the vote note → ${certified.state}: the version is certified on chain`);
  const check = await assertModuleCertified({ certification: dcmbAs(materials).certification, projectRoot });
  say(`each module checks its own artifact hash at start: certified as version #${check.versionId}, so it may run`);

  step("Materials A streams its extruder's work-piece count to Servicer S, who maintains it; the chain keeps only evidence");
  const rules: IntervalRule[] = [
    { min: 5300, max: 5400, label: "maintenance imminent", severity: 4 },
    { min: 5400, max: 1_000_000, label: "maintenance overdue", severity: 5 },
  ];
  const conditionSalt = generateSalt(); // shared by A and S out of band; never on chain
  const counterFile = path.join(home, "extruder-counter.csv");
  await writeFile(counterFile, "time,value\n");
  const registered = await registerConditions({ notifier: dcmbAs(servicer).notifier, receiver: servicer.participant.wallet.address, sender: materials.participant.wallet.address, rules, salt: conditionSalt });
  say(`Servicer S registered ${registered.length} conditions for A's machine: only Argon2id(label ‖ salt) and a severity are on chain`);
  const quiet = { info: () => {}, warn: (m: string) => say(`(sender) ${m}`), error: (m: string) => say(`(sender) ${m}`) };
  const receiverModule = new DcmbReceiver({
    self: servicer.participant.wallet.address,
    signer: servicer.participant.wallet.connect(connection.ethers.provider),
    auditTrail: dcmbAs(servicer).auditTrail,
    notifier: dcmbAs(servicer).notifier,
    registry,
    store: servicer.store,
    senders: [materials.participant.wallet.address],
    directory: path.join(home, "servicer-dcmb"),
    expected: [{ value: "5367", action: "book the service visit" }],
    logger: { info: (m) => say(`(Servicer S) ${m}`), warn: (m) => say(`(Servicer S) ${m}`), error: (m) => say(`(Servicer S) ${m}`) },
  });
  await receiverModule.start();
  let machineClock = Date.now();
  const senderModule = await DcmbSender.open({
    self: materials.participant.wallet.address,
    auditTrail: dcmbAs(materials).auditTrail,
    notifier: dcmbAs(materials).notifier,
    registry,
    store: materials.store,
    source: createCsvTailSource({ file: counterFile, name: "work-pieces" }),
    receiver: servicer.participant.wallet.address,
    rules,
    conditionSalt,
    intervalMs: 12 * 3_600_000, // the paper's "for each 12h"
    directory: path.join(home, "materials-dcmb"),
    queue: { maxBytes: 10_000_000, maxAgeMs: 7 * 86_400_000 },
    logger: quiet,
    now: () => machineClock,
  });
  await writeFile(counterFile, "time,value\n2026-11-21T06:00:00Z,5244\n2026-11-21T12:00:00Z,5291\n2026-11-21T17:40:00Z,5367\n");
  await senderModule.tick();
  say("A's module read 3 counts; 5367 falls in [5300, 5400): it posted Argon2id(\"maintenance imminent\" ‖ salt)");
  await receiverModule.pollNotifications(); // Servicer S's module logs the notification (the "hook" of Algorithm 5)
  machineClock += 12 * 3_600_000;
  await senderModule.tick(); // the 12 h interval closes: one root on chain, the readings over libp2p
  const { auditTrail } = connectDcmb({ deployment, runner: connection.ethers.provider });
  const batch = await auditTrail.batch(materials.participant.wallet.address, servicer.participant.wallet.address, 1);
  say(`batch 1: ${batch.messageCount} readings, one Merkle root ${short(batch.root)} on chain (leaf = Argon2id(reading ‖ its own salt)); acknowledged by S: ${batch.acknowledgedAt !== 0n}`);
  const inbox = (await readFile(receiverModule.inboxFile(materials.participant.wallet.address), "utf8")).trim().split("\n").map((l) => (JSON.parse(l) as { value: string }).value);
  say(`Servicer S received over the Noise-encrypted stream and verified against that root: ${inbox.join(", ")}`);
  await receiverModule.stop();
  const everything = [];
  for (let n = 0; n <= (await connection.ethers.provider.getBlockNumber()); n++) {
    for (const tx of (await connection.ethers.provider.getBlock(n, true))?.prefetchedTransactions ?? []) everything.push(tx.data);
  }
  // As text: "5367" standing alone (a CID or a port such as 35367 holds those digits by chance);
  // as an ABI word: any 32-byte argument word equal to 5367.
  const word = (5367).toString(16).padStart(64, "0");
  const leaked = everything.some((data) => {
    const bytes = Buffer.from(data.slice(2), "hex");
    if (/(^|[^0-9A-Za-z])5367([^0-9A-Za-z]|$)/.test(bytes.toString("latin1"))) return true;
    for (let at = 10; at + 64 <= data.length; at += 64) if (data.slice(at, at + 64) === word) return true;
    return false;
  });
  say(`the count 5367 in any transaction's calldata on chain: ${leaked ? "FOUND (bug)" : "nowhere"}; the salts travelled only with the readings`);
  if (leaked) throw new Error("the reading leaked onto the chain");

  const exchangeParty = (company: Company): ExchangeParty => {
    const signer = company.participant.wallet.connect(connection.ethers.provider);
    return {
      address: company.participant.wallet.address,
      signer,
      encryptionPrivateKey: company.participant.encryptionKeyPair.privateKey,
      store: company.store,
      vault: dataKeyVaultOf(company),
      registry: connectConsortium({ deployment, runner: signer }).registry,
      contracts: connectExchange({ deployment, runner: signer }),
    };
  };
  const traceParty = (company: Company): TraceParty => {
    const signer = company.participant.wallet.connect(connection.ethers.provider);
    return { address: company.participant.wallet.address, signer, ledger: connectExchange({ deployment, runner: signer }).traceLedger, infoServer: company.informationServer };
  };
  const exchangeStory = await runExchangeStory({ step, say, byName, companyName, exchangeParty, traceParty, provider: connection.ethers.provider, deployment });
  const pointsStory = await runPointsStory({ step, say, byName, provider: connection.ethers.provider, deployment });

  step("What the chain recorded (read back from its events)");
  const nameOf = new Map(companies.map((c) => [c.participant.wallet.address, c.organisation.organisation]));
  const [created] = await ballot.queryFilter(ballot.filters.ProposalCreated(proposalId));
  const votes = await ballot.queryFilter(ballot.filters.VoteCast(proposalId));
  const [executed] = await ballot.queryFilter(ballot.filters.ProposalExecuted(proposalId));
  const [admitted] = await registry.queryFilter(registry.filters.MemberAdmitted(carrier.participant.wallet.address));
  const who = (address: string | undefined) => nameOf.get(address ?? "") ?? address;
  say(`block ${created?.blockNumber}: proposal #${proposalId} to admit Carrier F, opened through the registry by ${who((await created?.getTransaction())?.from)}`);
  for (const vote of votes) say(`block ${vote.blockNumber}: ${who(vote.args.voter)} voted ${vote.args.support ? "FOR" : "AGAINST"}`);
  say(`block ${executed?.blockNumber}: executed by ${who(executed?.args.executor)}; block ${admitted?.blockNumber}: MemberAdmitted(Carrier F)`);
  const [announced] = await ledger.queryFilter(ledger.filters.FileAnnounced(stored.fileId));
  const acks = await ledger.queryFilter(ledger.filters.ChunksAcknowledged(stored.fileId));
  const [requested] = await ledger.queryFilter(ledger.filters.AuditRequested(auditId));
  const releases = await ledger.queryFilter(ledger.filters.ShareReleased(auditId));
  say(`block ${announced?.blockNumber}: FileAnnounced by Carrier F; ${acks.length} chunk owners acknowledged (${acks.map((a) => companyName(a.args.chunkOwner)).join(", ")})`);
  say(`block ${requested?.blockNumber}: AuditRequested by the Auditor: "${requested?.args.reason}"; ${releases.length} ShareReleased events, one per holder`);
  const [notified] = await dcmbAs(servicer).notifier.queryFilter(dcmbAs(servicer).notifier.filters.Notified());
  const [recorded] = await auditTrail.queryFilter(auditTrail.filters.BatchRecorded());
  const [certifiedEvent] = await dcmbAs(servicer).certification.queryFilter(dcmbAs(servicer).certification.filters.ModuleCertified());
  say(`block ${certifiedEvent?.blockNumber}: ModuleCertified(${DCMB_MODULE.name} 1.0.0); block ${notified?.blockNumber}: Notified(Servicer S, severity ${notified?.args.severity}); block ${recorded?.blockNumber}: BatchRecorded(A → S, ${recorded?.args.messageCount} messages, root only)`);
  for (const line of await exchangeStory.chainRecord()) say(line);
  for (const line of await pointsStory.chainRecord()) say(line);
  say("Also on chain: member names, public encryption keys, IPFS peer ids and roles. Not on chain: the message, or even its CID; the log, its key, or which member holds which chunk; the machine's counts and the label; any points amount.");
  console.log(`\nDemo finished in ${seconds().trim()} s.`);
} finally {
  await Promise.all(agents.map((runtime) => runtime.stop()));
  await Promise.all(companies.map((c) => c.store.stop()));
  await Promise.all(companies.map((c) => c.informationServer.close()));
  await connection.close();
  await new Promise((resolve) => setTimeout(resolve, 1200)); // libp2p writes its peer record ~1 s after stop
  await rm(home, { recursive: true, force: true });
}
