import type { Participant } from "../../offchain/chain/index.js";

type ChainLibrary = typeof import("../../offchain/chain/index.js");

export type UnlockParticipantParameters = {
  chain: ChainLibrary;
  name: string;
  home: string;
  log?: (line: string) => void;
};

/**
 * Loads and decrypts a participant with the password from SEALEDCHAIN_PASSWORD_<NAME> or
 * SEALEDCHAIN_PASSWORD. Demo participants (insecureDemoKeys, keys derived from the public
 * test mnemonic) fall back to the devnet's fixed demo password.
 */
export async function unlockParticipant({ chain, name, home, log = console.log }: UnlockParticipantParameters): Promise<Participant> {
  const profile = await chain.readParticipantProfile({ name, home });
  let password: string;
  try {
    password = chain.readParticipantPassword({ name });
  } catch (error) {
    if (!profile.insecureDemoKeys) throw error;
    password = chain.DEVNET_DEMO_PASSWORD;
  }
  const started = Date.now();
  const participant = await chain.loadParticipant({ name, home, password });
  log(`unlocked participant '${name}' (${participant.wallet.address}) from ${participant.directory} in ${Date.now() - started} ms`);
  return participant;
}
