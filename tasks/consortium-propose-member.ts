import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { explainErrors } from "./helpers/explain-errors.js";
import { loadLibraries } from "./helpers/load-libraries.js";
import { requireOption } from "./helpers/require-option.js";
import { resolveParticipantHome } from "./helpers/resolve-participant-home.js";
import { openParticipantSession } from "./helpers/open-participant-session.js";

export type ProposeMemberArguments = {
  participant: string | undefined;
  candidate: string | undefined;
  home: string | undefined;
  address: string | undefined;
  name: string | undefined;
  encryptionKey: string | undefined;
  peerId: string | undefined;
  multiaddrs: string | undefined;
  infoServerUrl: string | undefined;
};

/** `consortium:propose-member`: the participant opens a ballot proposal to admit a candidate. */
export default explainErrors(async function proposeMember(args: ProposeMemberArguments, hre: HardhatRuntimeEnvironment): Promise<void> {
  const name = requireOption("participant", args.participant, "the member who proposes");
  const candidate = requireOption("candidate", args.candidate, "a participant name or an address");
  const { chain } = await loadLibraries(hre);
  const { getAddress, isAddress, isHexString, getBytes } = await import("ethers");

  // Profile: from the candidate's participant profile.json when it is a name, then explicit options.
  let profile = { account: "", name: "", encryptionKey: "", peerId: "", multiaddrs: [] as string[], infoServerUrl: "" };
  if (isAddress(candidate)) {
    profile.account = getAddress(candidate);
  } else {
    try {
      chain.assertParticipantName(candidate);
    } catch (error) {
      throw new InvalidOptionError({ option: "candidate", expected: "a participant name ([a-z0-9-]{1,32}) or a 0x address", got: candidate }, { cause: error });
    }
    const candidateHome = resolveParticipantHome({ name: candidate, home: args.home, projectRoot: hre.config.paths.root });
    const p = await chain.readParticipantProfile({ name: candidate, home: candidateHome });
    const multiaddrs = p.multiaddrs.length > 0 ? p.multiaddrs : p.listenAddresses.filter((a) => !/\/tcp\/0$/.test(a)).map((a) => `${a}/p2p/${p.peerId}`);
    profile = { account: p.address, name: p.displayName, encryptionKey: p.encryptionPublicKey, peerId: p.peerId, multiaddrs, infoServerUrl: p.infoServerUrl };
  }
  if (given(args.address)) {
    if (!isAddress(args.address)) throw new InvalidOptionError({ option: "address", expected: "a 0x address", got: args.address });
    profile.account = getAddress(args.address);
  }
  if (given(args.name)) profile.name = args.name;
  if (given(args.encryptionKey)) profile.encryptionKey = args.encryptionKey;
  if (given(args.peerId)) profile.peerId = args.peerId;
  if (given(args.multiaddrs)) profile.multiaddrs = args.multiaddrs.split(",").map((a) => a.trim()).filter((a) => a !== "");
  if (given(args.infoServerUrl)) profile.infoServerUrl = args.infoServerUrl;
  if (profile.name === "") throw new InvalidOptionError({ option: "name", expected: "the candidate organisation's name (needed when --candidate is an address)", got: "" });
  if (!isHexString(profile.encryptionKey, 33) || ![2, 3].includes(getBytes(profile.encryptionKey)[0]!)) {
    throw new InvalidOptionError({ option: "encryption-key", expected: "a 33-byte compressed secp256k1 public key (0x02…/0x03…, 66 hex digits)", got: profile.encryptionKey });
  }
  if (profile.peerId === "") throw new InvalidOptionError({ option: "peer-id", expected: "the candidate's libp2p peer id", got: "" });

  const { registry, ballot, close } = await openParticipantSession({ hre, name, home: args.home });

  const { account, ...memberProfile } = profile;
  const tx = await registry.proposeMember(account, memberProfile);
  const receipt = await tx.wait();
  const created = receipt?.logs
    .map((log) => { try { return ballot.interface.parseLog(log); } catch { return null; } })
    .find((parsed) => parsed?.name === "ProposalCreated");
  const proposalId = created?.args.getValue("proposalId") as bigint | undefined;
  console.log(`'${name}' proposed admitting '${profile.name}' (${account}) → proposal #${proposalId ?? "?"}, tx ${tx.hash}`);
  console.log(`  encryption key ${profile.encryptionKey}, peer id ${profile.peerId}, multiaddrs ${profile.multiaddrs.join(", ") || "(none)"}`);
  if (created !== undefined && created !== null) {
    console.log(`  voting open until ${new Date(Number(created.args.getValue("voteEnd")) * 1000).toISOString()}; quorum ${created.args.getValue("quorumVotes")} of ${created.args.getValue("eligibleVoters")} members`);
  }
  await close();
});

/** An optional option that was given a non-empty value. */
function given(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== "";
}
