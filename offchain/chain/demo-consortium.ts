import type { ParticipantProfile } from "./participant-types.js";
import { roleIdOf } from "./role-names.js";

/** One organisation of the local demo consortium (the demo and the devnet share them). */
export type DemoOrganisation = {
  /** Participant name (data directory, task option `--participant`). */
  name: string;
  /** Display name registered on chain. */
  organisation: string;
  /** Roles besides MEMBER. */
  roles: readonly string[];
  /** Founders are members from deployment; the others must be admitted by vote. */
  founder: boolean;
  /** Index into Hardhat's test mnemonic (account 0 stays the deployer). */
  keyIndex: number;
};

/** Five founders (a materials maker, a chemicals maker, a servicer, an auditor and a
 * regulator) and one candidate, a carrier, that joins by vote. */
export const DEMO_ORGANISATIONS: readonly DemoOrganisation[] = [
  { name: "materials-a", organisation: "Materials A", roles: [], founder: true, keyIndex: 1 },
  { name: "chemicals-b", organisation: "Chemicals B", roles: ["ARBITER"], founder: true, keyIndex: 2 },
  { name: "servicer-s", organisation: "Servicer S", roles: ["SERVICER", "MPC"], founder: true, keyIndex: 3 },
  { name: "auditor", organisation: "Auditor", roles: ["AUDITOR", "ARBITER", "REGULATOR"], founder: true, keyIndex: 4 },
  { name: "regulator", organisation: "Regulator", roles: ["REGULATOR", "VALIDATOR", "ARBITER"], founder: true, keyIndex: 5 },
  { name: "carrier-f", organisation: "Carrier F", roles: [], founder: false, keyIndex: 6 },
];

/** The MemberProfile struct the registry stores, as ethers and Ignition take it. */
export type MemberProfileParameter = {
  name: string;
  encryptionKey: string;
  peerId: string;
  multiaddrs: string[];
  infoServerUrl: string;
};

/** A `Consortium.founders` entry of the Ignition module. */
export type FounderParameter = { account: string; profile: MemberProfileParameter; roles: string[] };

/** The on-chain profile of a participant: display name, encryption key, storage peer id
 * and the multiaddrs its node announces (each ending in /p2p/<peerId>). */
export function memberProfileOf({
  profile,
  multiaddrs = profile.multiaddrs,
}: {
  profile: ParticipantProfile;
  multiaddrs?: readonly string[];
}): MemberProfileParameter {
  return {
    name: profile.displayName,
    encryptionKey: profile.encryptionPublicKey,
    peerId: profile.peerId,
    multiaddrs: [...multiaddrs],
    infoServerUrl: profile.infoServerUrl,
  };
}

/** The founder entry for the Ignition `Consortium.founders` parameter. */
export function founderParameterOf(parameters: {
  organisation: DemoOrganisation;
  profile: ParticipantProfile;
  multiaddrs?: readonly string[];
}): FounderParameter {
  const { organisation, profile } = parameters;
  return {
    account: profile.address,
    profile: memberProfileOf({
      profile,
      ...(parameters.multiaddrs === undefined ? {} : { multiaddrs: parameters.multiaddrs }),
    }),
    roles: organisation.roles.map((role) => roleIdOf(role)),
  };
}

/** Quality and exchange fields of the demo policies (offchain/quality/read-quality-policy.ts): S sells XOR
 * data at 0.01 ETH, A buys it for lot-42 and asks for comparisons, B discloses the relation and
 * the highest differing bit; B buys the data offers a SERVICER matches with its requests. */
const DEMO_QUALITY_POLICIES: Readonly<Record<string, Record<string, unknown>>> = {
  "servicer-s": { xorPrice: "10000000000000000" },
  "materials-a": { followLots: ["lot-42"] },
  "chemicals-b": { disclose: "relation-and-index", exchangeAutoBuy: true },
};

/** The policy.json of a demo participant (demo and devnet): approve every admission, leave
 * other membership changes manual, plus its quality role. */
export function demoPolicyOf(name: string): Record<string, unknown> {
  return { admission: "approve-all", allowlist: [], membershipChanges: "manual", ...DEMO_QUALITY_POLICIES[name] };
}
