import { getBytes } from "ethers";

import type { IConsortiumRegistry } from "../../types/ethers-contracts/index.js";
import { encryptTo } from "../crypto/index.js";

/** Encrypts `plaintext` to the encryption key `member` registered in the consortium registry. */
export async function encryptToMember({
  registry,
  member,
  plaintext,
  context,
}: {
  registry: Pick<IConsortiumRegistry, "member">;
  member: string;
  plaintext: Uint8Array;
  context: string;
}): Promise<Uint8Array> {
  const { profile } = await registry.member(member);
  return encryptTo({ recipientPublicKey: getBytes(profile.encryptionKey), plaintext, context });
}
