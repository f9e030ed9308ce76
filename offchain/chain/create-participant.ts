import { mkdir, stat } from "node:fs/promises";
import path from "node:path";

import { SigningKey, Wallet, encryptKeystoreJson, getBytes, hexlify } from "ethers";

import { generateEncryptionKeyPair } from "../crypto/index.js";
import { generatePeerIdentity, peerIdentityFromBytes } from "../storage/index.js";
import { ParticipantExistsError } from "./errors.js";
import { participantPaths } from "./participant-paths.js";
import {
  secretsAad,
  type ParticipantKeys,
  type ParticipantProfile,
  type ParticipantSecrets,
} from "./participant-types.js";
import { sealSecrets } from "./seal-secrets.js";
import { STANDARD_SCRYPT, type ScryptParameters } from "./secret-box-format.js";
import { useNativeScrypt } from "./use-native-scrypt.js";
import { writeFileAtomic } from "./write-file-atomic.js";

export type CreateParticipantParameters = {
  name: string;
  home?: string | undefined;
  password: string;
  /** Keys to use instead of fresh random ones (see deriveDemoParticipant). */
  keys?: ParticipantKeys;
  /** scrypt cost for wallet.json and secrets.json; ethers' defaults unless a demo asks for less. */
  scrypt?: ScryptParameters;
  listenAddresses?: string[];
  infoServerUrl?: string;
  /** Organisation name to register on chain; default `name`. */
  displayName?: string;
};

export type CreateParticipantResult = {
  directory: string;
  profile: ParticipantProfile;
};

/** Creates `<home>/participants/<name>/` with wallet.json (ethers keystore), secrets.json
 * (encryption + libp2p keys, scrypt + AES-256-GCM), profile.json (public), ipfs/ and agent/.
 * Refuses to touch an existing participant. */
export async function createParticipant({
  name,
  home,
  password,
  keys,
  scrypt = STANDARD_SCRYPT,
  listenAddresses = ["/ip4/127.0.0.1/tcp/0"],
  infoServerUrl = "",
  displayName = name,
}: CreateParticipantParameters): Promise<CreateParticipantResult> {
  const paths = participantPaths({ name, home });
  if (typeof password !== "string" || password.length === 0) {
    throw new TypeError("createParticipant: password must be a non-empty string");
  }
  if (typeof displayName !== "string" || displayName.trim() === "" || displayName.length > 100) {
    throw new TypeError(`createParticipant: displayName must be 1-100 characters, got ${JSON.stringify(displayName)}`);
  }
  if (await exists(paths.directory)) {
    throw new ParticipantExistsError({ name, directory: paths.directory });
  }
  useNativeScrypt();

  const wallet = keys ? new Wallet(keys.walletPrivateKey) : Wallet.createRandom();
  let encryptionPrivateKey: Uint8Array;
  let encryptionPublicKey: Uint8Array;
  if (keys) {
    encryptionPrivateKey = keys.encryptionPrivateKey;
    encryptionPublicKey = getBytes(SigningKey.computePublicKey(keys.encryptionPrivateKey, true));
  } else {
    const pair = generateEncryptionKeyPair();
    encryptionPrivateKey = pair.privateKey;
    encryptionPublicKey = pair.publicKey;
  }
  const peer = keys ? await peerIdentityFromBytes(keys.peerPrivateKeyBytes) : await generatePeerIdentity();

  const secrets: ParticipantSecrets = {
    encryptionPrivateKey: hexlify(encryptionPrivateKey),
    peerPrivateKey: hexlify(peer.privateKeyBytes),
  };
  const plaintext = new TextEncoder().encode(JSON.stringify(secrets));
  const sealed = await sealSecrets({ plaintext, password, aad: secretsAad(name), scrypt });
  plaintext.fill(0);
  const keystore = await encryptKeystoreJson(
    { address: wallet.address, privateKey: wallet.privateKey },
    password,
    { scrypt },
  );
  const profile: ParticipantProfile = {
    version: 1,
    name,
    displayName: displayName.trim(),
    address: wallet.address,
    encryptionPublicKey: hexlify(encryptionPublicKey),
    peerId: peer.peerId.toString(),
    listenAddresses,
    multiaddrs: [],
    infoServerUrl,
    insecureDemoKeys: keys !== undefined,
    createdAt: new Date().toISOString(),
  };

  // mkdir without `recursive` on the participant folder itself: fails if a concurrent
  // creator won the race, so two processes never interleave their files.
  await mkdir(path.dirname(paths.directory), { recursive: true, mode: 0o700 });
  try {
    await mkdir(paths.directory, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") {
      throw new ParticipantExistsError({ name, directory: paths.directory });
    }
    throw error;
  }
  await mkdir(paths.ipfs, { mode: 0o700 });
  await mkdir(paths.agent, { mode: 0o700 });
  await writeFileAtomic({ path: paths.wallet, data: keystore, mode: 0o600 });
  await writeFileAtomic({ path: paths.secrets, data: JSON.stringify(sealed, null, 2) + "\n", mode: 0o600 });
  await writeFileAtomic({ path: paths.profile, data: JSON.stringify(profile, null, 2) + "\n" });
  return { directory: paths.directory, profile };
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
