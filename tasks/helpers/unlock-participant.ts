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
  const password = await participantPassword({ chain, name, home });
  const started = Date.now();
  const participant = await chain.loadParticipant({ name, home, password });
  log(`unlocked participant '${name}' (${participant.wallet.address}) from ${participant.directory} in ${Date.now() - started} ms`);
  return participant;
}

/** The participant's password as unlockParticipant finds it (environment, or the demo
 * password for insecure demo participants). Other sealed files of the participant (the
 * quality part's pair keys) use it too. Never log it. */
export async function participantPassword({ chain, name, home }: Omit<UnlockParticipantParameters, "log">): Promise<string> {
  const profile = await chain.readParticipantProfile({ name, home });
  try {
    return chain.readParticipantPassword({ name });
  } catch (error) {
    if (!profile.insecureDemoKeys) throw error;
    return chain.DEVNET_DEMO_PASSWORD;
  }
}
