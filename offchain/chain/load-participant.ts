import { readFile } from "node:fs/promises";

import { SigningKey, Wallet, decryptKeystoreJson, getBytes, hexlify } from "ethers";

import { peerIdentityFromBytes } from "../storage/index.js";
import { CorruptParticipantFileError, ParticipantNotFoundError, WrongPasswordError } from "./errors.js";
import { SecretsAuthenticationError, openSecrets } from "./open-secrets.js";
import { participantPaths } from "./participant-paths.js";
import { readParticipantProfile } from "./read-participant-profile.js";
import { secretsAad, type Participant, type ParticipantSecrets } from "./participant-types.js";
import { useNativeScrypt } from "./use-native-scrypt.js";

export type LoadParticipantParameters = {
  name: string;
  home?: string | undefined;
  password: string;
};

/** Decrypts a participant's keyfiles and checks them against its public profile. */
export async function loadParticipant({ name, home, password }: LoadParticipantParameters): Promise<Participant> {
  const paths = participantPaths({ name, home });
  const profile = await readParticipantProfile({ name, home });
  useNativeScrypt();

  const sealed = await readJson(paths.secrets, name, paths.directory);
  let plaintext: Uint8Array;
  try {
    plaintext = await openSecrets({ sealed, password, aad: secretsAad(name), file: paths.secrets });
  } catch (error) {
    if (error instanceof SecretsAuthenticationError) {
      throw new WrongPasswordError({ name, file: paths.secrets }, { cause: error });
    }
    throw error;
  }
  let secrets: ParticipantSecrets;
  try {
    secrets = JSON.parse(new TextDecoder().decode(plaintext)) as ParticipantSecrets;
  } finally {
    plaintext.fill(0);
  }

  const keystore = await readFile(paths.wallet, "utf8").catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") throw new ParticipantNotFoundError({ name, directory: paths.directory });
    throw error;
  });
  let wallet: Wallet;
  try {
    const account = await decryptKeystoreJson(keystore, password);
    wallet = new Wallet(account.privateKey);
  } catch (error) {
    if (/incorrect password/i.test(String((error as Error).message))) {
      throw new WrongPasswordError({ name, file: paths.wallet }, { cause: error });
    }
    throw new CorruptParticipantFileError({ file: paths.wallet, problem: "not an ethers JSON keystore" }, { cause: error });
  }

  const mismatch = (what: string): never => {
    throw new CorruptParticipantFileError({
      file: paths.profile,
      problem: `${what} does not match the key in the encrypted files`,
    });
  };
  if (wallet.address !== profile.address) mismatch("address");
  const encryptionPrivateKey = getBytes(secrets.encryptionPrivateKey);
  const encryptionPublicKey = getBytes(SigningKey.computePublicKey(encryptionPrivateKey, true));
  if (hexlify(encryptionPublicKey) !== profile.encryptionPublicKey.toLowerCase()) mismatch("encryptionPublicKey");
  const peerIdentity = await peerIdentityFromBytes(getBytes(secrets.peerPrivateKey));
  if (peerIdentity.peerId.toString() !== profile.peerId) mismatch("peerId");

  return {
    name,
    directory: paths.directory,
    wallet,
    encryptionKeyPair: { privateKey: encryptionPrivateKey, publicKey: encryptionPublicKey },
    peerIdentity,
    profile,
  };
}

async function readJson(file: string, name: string, directory: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ParticipantNotFoundError({ name, directory });
    throw error;
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CorruptParticipantFileError({ file, problem: "not valid JSON" }, { cause: error });
  }
}
