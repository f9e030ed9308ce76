import { getAddress, isAddress } from "ethers";

import type { IConsortiumRegistry } from "../../types/ethers-contracts/index.js";
import { InvalidOptionError } from "./errors.js";
import { requireOption } from "./require-option.js";

/** A member given as a 0x address or as its registered display name (case-insensitive,
 * e.g. "Carrier F"); must be a current member. */
export async function resolveMemberOption(option: string, value: string | undefined, registry: Pick<IConsortiumRegistry, "members" | "member" | "isMember">): Promise<string> {
  const text = requireOption(option, value, "a member: its 0x address or its registered name");
  if (isAddress(text as unknown)) {
    const address = getAddress(text);
    if (!(await registry.isMember(address))) throw new InvalidOptionError({ option, expected: "a current member of the consortium", got: text });
    return address;
  }
  const members = await registry.members();
  const names = await Promise.all(members.map(async (m) => ({ address: m, name: (await registry.member(m)).profile.name })));
  const found = names.filter((m) => m.name.toLowerCase() === text.toLowerCase());
  if (found.length !== 1) {
    throw new InvalidOptionError({ option, expected: `a member's address or one of the registered names (${names.map((m) => m.name).join(", ")})`, got: text });
  }
  return found[0]!.address;
}

/** Like resolveMemberOption, but a local participant's name (e.g. servicer-s, as `--participant`
 * takes it) is tried first: its profile's address, which must still be a current member. */
export async function resolveParticipantOrMemberOption(
  option: string,
  value: string | undefined,
  { registry, readAddress }: { registry: Pick<IConsortiumRegistry, "members" | "member" | "isMember">; readAddress: (participantName: string) => Promise<string> },
): Promise<string> {
  const text = requireOption(option, value, "a participant name, a member's 0x address or its registered name");
  const address = /^[a-z0-9-]{1,32}$/.test(text) ? await readAddress(text).catch(() => undefined) : undefined;
  return resolveMemberOption(option, address ?? text, registry);
}
