import { getBytes, randomBytes, toBigInt } from "ethers";

import { fetchFromMember } from "../chain/index.js";
import { TIER_THRESHOLDS, addPlain, computeTier, encryptTo, evaluateFormula, openEnvelope, rerandomize, toSigned, type PaillierPublicKey } from "../crypto/index.js";
import { requireActiveAuthorization } from "./authorization-state.js";
import { documentHashOf, encodeFormulaResult, encodeTierEvidence, parseFormulaResult, parseIssuance } from "./documents.js";
import { PointsStateError } from "./errors.js";
import { fetchPointsPublicKey } from "./points-key.js";
import { POINTS_CONTEXTS, type PointsParty } from "./points-party.js";
import { remoteOracle } from "./remote-oracle.js";

/** The authorisation (checked to be Active, of `kind`, for this MPC) and its issuances'
 * ciphertexts, fetched from each issuer's node and checked against the ledger. */
async function loadAuthorized(party: PointsParty, authorizationId: bigint, kind: 1n | 2n, allowInsecureKeySize: boolean) {
  const auth = await party.ledger.authorization(authorizationId);
  const what = `authorisation ${authorizationId}`;
  // Whose it is first: a member that is not the authorised MPC is told so, whatever the state.
  if (auth.mpc.toLowerCase() !== party.address.toLowerCase()) throw new PointsStateError({ what, expected: `this MPC platform (${party.address})`, got: auth.mpc });
  if (auth.kind !== kind) throw new PointsStateError({ what, expected: kind === 1n ? "a tier computation" : "a formula computation", got: `kind ${auth.kind}` });
  requireActiveAuthorization(auth, authorizationId);
  const publicKey = await fetchPointsPublicKey({ party, keyId: auth.keyId, allowInsecureKeySize });
  const ciphertexts: bigint[] = [];
  for (const issuanceId of auth.issuanceIds) {
    const issuance = await party.ledger.issuance(issuanceId);
    const bytes = await fetchFromMember({ registry: party.registry, store: party.store, member: issuance.issuer, cid: issuance.ciphertextCid, expectedHash: issuance.ciphertextHash, timeoutMs: party.fetchTimeoutMs ?? 15_000 });
    const document = parseIssuance(bytes);
    if (document.keyId !== auth.keyId || document.consumerId !== auth.consumerId.toLowerCase()) {
      throw new PointsStateError({ what: `issuance ${issuanceId}`, expected: `key ${auth.keyId} and consumer ${auth.consumerId}`, got: `key ${document.keyId}, consumer ${document.consumerId}` });
    }
    ciphertexts.push(document.ciphertext);
  }
  const oracle = await remoteOracle({ party, keyHolder: auth.keyHolder, authorizationId });
  return { auth, publicKey, ciphertexts, oracle };
}

/**
 * The MPC platform's tier computation (Hu et al. §2.3 steps 6-8): sums the issuers' encrypted
 * points and compares the encrypted total with 2000, 5000 and 10000 through the key holder's
 * oracle; posts the tier with an evidence document (ciphertexts only) kept in its node. It
 * never holds a plaintext amount.
 */
export async function computeTierForAuthorization({ party, authorizationId, allowInsecureKeySize = false }: { party: PointsParty; authorizationId: bigint; allowInsecureKeySize?: boolean }) {
  const { auth, publicKey, ciphertexts, oracle } = await loadAuthorized(party, authorizationId, 1n, allowInsecureKeySize);
  const result = await computeTier({ publicKey, encryptedPoints: ciphertexts, oracle: oracle.oracle });
  const evidence = encodeTierEvidence({ authorizationId, issuanceIds: [...auth.issuanceIds], encryptedTotal: result.encryptedTotal, comparisons: result.comparisons, thresholds: [...TIER_THRESHOLDS] });
  const cid = await party.store.put(evidence);
  await party.store.pin(cid);
  const tx = await party.ledger.postTier(authorizationId, result.tier, cid, documentHashOf(evidence));
  const receipt = await tx.wait();
  return { tier: result.tier, comparisons: result.comparisons, ciphertextsSent: result.ciphertextsSent, evidenceCid: cid, txHash: tx.hash, gasUsed: receipt!.gasUsed };
}

/**
 * The MPC platform's formula evaluation (Hu et al. §4): F = max(min(max(37A, 150B), 150000),
 * 50000) under encryption with A and B the two authorised issuances (in id order). Only the
 * requester learns F: the MPC adds a uniform mask m (mod n) and has the key holder re-seal
 * F + m to the requester, and seals m to the requester itself; both envelopes go into one
 * result document on the ledger.
 */
export async function evaluateFormulaForAuthorization({ party, authorizationId, allowInsecureKeySize = false }: { party: PointsParty; authorizationId: bigint; allowInsecureKeySize?: boolean }) {
  const { auth, publicKey, ciphertexts, oracle } = await loadAuthorized(party, authorizationId, 2n, allowInsecureKeySize);
  if (ciphertexts.length !== 2) throw new PointsStateError({ what: `authorisation ${authorizationId}`, expected: "exactly two issuances (A, then B)", got: String(ciphertexts.length) });
  const evaluated = await evaluateFormula({ publicKey, encA: ciphertexts[0]!, encB: ciphertexts[1]!, oracle: oracle.oracle });
  const mask = toBigInt(randomBytes(Math.ceil(publicKey.n.toString(2).length / 8) + 16)) % publicKey.n;
  const masked = rerandomize({ publicKey, c: addPlain({ publicKey, c: evaluated.result, m: mask }) });
  const maskedValue = await oracle.reveal(masked);
  const requesterKey = getBytes((await party.registry.member(auth.requester)).profile.encryptionKey);
  const maskEnvelope = encryptTo({ recipientPublicKey: requesterKey, plaintext: new TextEncoder().encode(mask.toString()), context: POINTS_CONTEXTS.mask(authorizationId) });
  const document = encodeFormulaResult({ authorizationId, maskedValue, mask: Buffer.from(maskEnvelope).toString("base64") });
  const cid = await party.store.put(document);
  await party.store.pin(cid);
  const tx = await party.ledger.postFormulaResult(authorizationId, cid, documentHashOf(document));
  await tx.wait();
  return { comparisons: evaluated.comparisons, ciphertextsSent: evaluated.ciphertextsSent + 1, resultCid: cid, txHash: tx.hash };
}

/** The requester reads its formula result: fetches the document from the MPC's node (hash
 * checked against the ledger), opens both envelopes, F = (F + m) − m mod n, read as signed. */
export async function readFormulaResult({ party, authorizationId, allowInsecureKeySize = false }: { party: PointsParty; authorizationId: bigint; allowInsecureKeySize?: boolean }): Promise<bigint> {
  const auth = await party.ledger.authorization(authorizationId);
  const posted = await party.ledger.formulaResult(authorizationId);
  if (posted.postedAt === 0n) throw new PointsStateError({ what: `authorisation ${authorizationId}`, expected: "a posted formula result", got: "none yet" });
  const bytes = await fetchFromMember({ registry: party.registry, store: party.store, member: auth.mpc, cid: posted.resultCid, expectedHash: posted.resultHash, timeoutMs: party.fetchTimeoutMs ?? 15_000 });
  const document = parseFormulaResult(bytes);
  const open = (envelope: string, context: string) =>
    BigInt(new TextDecoder().decode(openEnvelope({ privateKey: party.encryptionPrivateKey, envelope: Buffer.from(envelope, "base64"), context })));
  const publicKey: PaillierPublicKey = await fetchPointsPublicKey({ party, keyId: auth.keyId, allowInsecureKeySize });
  const value = open(document.maskedValue, POINTS_CONTEXTS.maskedValue(authorizationId));
  const mask = open(document.mask, POINTS_CONTEXTS.mask(authorizationId));
  return toSigned((((value - mask) % publicKey.n) + publicKey.n) % publicKey.n, publicKey.n);
}
