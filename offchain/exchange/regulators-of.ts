import type { IConsortiumRegistry } from "../../types/ethers-contracts/index.js";
import { roleIdOf } from "../chain/index.js";

/** The consortium's current REGULATORs with their registered encryption keys: who can
 * validate a submission, so its data key is sealed to each of them. */
export async function regulatorsOf(registry: Pick<IConsortiumRegistry, "getRoleMemberCount" | "getRoleMember" | "member">): Promise<{ address: string; encryptionKey: string }[]> {
  const role = roleIdOf("REGULATOR");
  const count = await registry.getRoleMemberCount(role);
  const addresses: string[] = [];
  for (let index = 0n; index < count; index++) addresses.push(await registry.getRoleMember(role, index));
  return Promise.all(
    addresses.map(async (address) => ({ address, encryptionKey: (await registry.member(address)).profile.encryptionKey })),
  );
}
