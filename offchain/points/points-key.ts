import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { SigningKey, getBytes } from "ethers";

import { fetchFromMember, waitForEvent, writeFileAtomic } from "../chain/index.js";
import {
  encryptTo,
  generatePaillierKeyPair,
  openEnvelope,
  privateKeyFromJson,
  privateKeyToJson,
  publicKeyFromJson,
  publicKeyToJson,
  type PaillierPrivateKey,
  type PaillierPublicKey,
} from "../crypto/index.js";
import { encodeDocument } from "../document-reader.js";
import { documentHashOf } from "./documents.js";
import { PointsStateError } from "./errors.js";
import { POINTS_CONTEXTS, type PointsParty } from "./points-party.js";

const keyFile = (party: Pick<PointsParty, "directory">, keyId: bigint) => path.join(party.directory, "keys", `paillier-${keyId}.json`);

/**
 * The data-encryption platform's key (Hu et al. §2.3 step 4): a fresh Paillier key pair whose
 * public half goes to its node and the ledger (CID + keccak256) and whose private half is kept
 * sealed to its own envelope key (0600). Issuers encrypt points under it.
 */
export async function registerPointsKey({ party, bits = 3072, allowInsecureKeySize = false }: { party: PointsParty; bits?: number; allowInsecureKeySize?: boolean }) {
  const { publicKey, privateKey } = await generatePaillierKeyPair({ bits, allowInsecureKeySize });
  const document = encodeDocument(publicKeyToJson({ publicKey }));
  const keyCid = await party.store.put(document);
  await party.store.pin(keyCid);
  const tx = await party.ledger.registerKeyHolder(keyCid, documentHashOf(document));
  const { args } = await waitForEvent(tx, party.ledger, "KeyRegistered");
  const keyId = args.getValue("keyId") as bigint;
  const own = getBytes(SigningKey.computePublicKey(party.encryptionPrivateKey, true));
  const sealed = encryptTo({ recipientPublicKey: own, plaintext: new TextEncoder().encode(JSON.stringify(privateKeyToJson({ privateKey }))), context: POINTS_CONTEXTS.paillierKey });
  await mkdir(path.dirname(keyFile(party, keyId)), { recursive: true, mode: 0o700 });
  await writeFileAtomic({ path: keyFile(party, keyId), data: Buffer.from(sealed).toString("base64"), mode: 0o600 });
  return { keyId, keyCid, publicKey, txHash: tx.hash };
}

/** The key holder's own key pair `keyId`, opened from its sealed file. */
export async function loadPointsKey({ party, keyId, allowInsecureKeySize = false }: { party: PointsParty; keyId: bigint; allowInsecureKeySize?: boolean }): Promise<{ publicKey: PaillierPublicKey; privateKey: PaillierPrivateKey }> {
  let text: string;
  try {
    text = await readFile(keyFile(party, keyId), "utf8");
  } catch (error) {
    throw new PointsStateError({ what: `Paillier key ${keyId}`, expected: `its sealed file ${keyFile(party, keyId)} (this member registered it)`, got: (error as Error).message });
  }
  const plaintext = openEnvelope({ privateKey: party.encryptionPrivateKey, envelope: Buffer.from(text, "base64"), context: POINTS_CONTEXTS.paillierKey });
  const privateKey = privateKeyFromJson({ json: JSON.parse(new TextDecoder().decode(plaintext)), allowInsecureKeySize });
  return { publicKey: privateKey.publicKey, privateKey };
}

/** Anyone's view of key `keyId`: the public key document fetched from its holder's node and
 * checked against the hash on the ledger. */
export async function fetchPointsPublicKey({ party, keyId, allowInsecureKeySize = false }: { party: PointsParty; keyId: bigint; allowInsecureKeySize?: boolean }): Promise<PaillierPublicKey> {
  const record = await party.ledger.key(keyId);
  const bytes = await fetchFromMember({ registry: party.registry, store: party.store, member: record.holder, cid: record.keyCid, expectedHash: record.keyHash, timeoutMs: party.fetchTimeoutMs ?? 15_000 });
  return publicKeyFromJson({ json: JSON.parse(new TextDecoder().decode(bytes)), allowInsecureKeySize });
}
