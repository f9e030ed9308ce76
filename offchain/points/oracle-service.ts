import { readFile } from "node:fs/promises";
import path from "node:path";

import { getBytes } from "ethers";

import { chainTime, writeFileAtomic } from "../chain/index.js";
import { decrypt, encryptTo, toSigned } from "../crypto/index.js";
import { encodeDocument } from "../document-reader.js";
import { requireActiveAuthorization } from "./authorization-state.js";
import { parseOracleRequest, type OracleRequest } from "./documents.js";
import { PointsStateError } from "./errors.js";
import { loadPointsKey } from "./points-key.js";
import { POINTS_CONTEXTS, POINTS_ORACLE_PROTOCOL, type PointsParty } from "./points-party.js";

/** Queries one authorisation may make: the tier needs one comparison per threshold, the
 * formula three comparisons and one reveal. A budget stops the MPC platform from using the
 * oracle to binary-search a value. */
export const ORACLE_BUDGET = { tier: { compare: 3, reveal: 0 }, formula: { compare: 3, reveal: 1 } } as const;

type Budget = Record<string, { compare: number; reveal: number }>;

/**
 * The key holder's side of every computation (Hu et al. §2.3 step 7, §4): answers the
 * authorised MPC platform's blinded comparisons with one bit, and re-seals the masked formula
 * result to the requester. Each request is checked against the ledger: the authorisation is
 * Active, not expired, this member's, and the request comes from the libp2p peer the MPC
 * registered; the budget above is kept on disk so a restart does not reset it. With
 * `recordSeen`, `seen()` returns what the key holder decrypted, read as signed (for tests: it
 * must never be an input); a running agent keeps nothing.
 */
export function createOracleService({ party, allowInsecureKeySize = false, recordSeen = false }: { party: PointsParty; allowInsecureKeySize?: boolean; recordSeen?: boolean }) {
  const budgetFile = path.join(party.directory, "oracle-budget.json");
  const seen: { authorizationId: bigint; kind: OracleRequest["kind"]; plaintext: bigint }[] = [];
  let queue = Promise.resolve(); // one request at a time: the budget is read-modify-write

  // Opened keys stay in memory: opening one (unseal + prime checks) costs ~64 ms at 2048 bits,
  // ~135 ms at 3072, several times the decryption itself (bench/points). A failed open is not kept.
  const keys = new Map<bigint, ReturnType<typeof loadPointsKey>>();
  const keyOf = (keyId: bigint) => {
    let key = keys.get(keyId);
    if (key === undefined) {
      key = loadPointsKey({ party, keyId, allowInsecureKeySize });
      keys.set(keyId, key);
      key.catch(() => keys.delete(keyId));
    }
    return key;
  };

  // Read from disk once (so a restart keeps what was spent), then kept in memory; every change is written.
  let budgetRead: Promise<Budget> | undefined;
  const budgetNow = () => (budgetRead ??= readFile(budgetFile, "utf8").then((text) => JSON.parse(text) as Budget, () => ({}) as Budget));

  const handle = async (body: Uint8Array, from: { peerId: string }): Promise<Uint8Array> => {
    const request = parseOracleRequest(body);
    const id = request.authorizationId;
    const auth = await party.ledger.authorization(id);
    const what = `authorisation ${id}`;
    requireActiveAuthorization(auth, id);
    if (auth.keyHolder.toLowerCase() !== party.address.toLowerCase()) throw new PointsStateError({ what, expected: `one of this key holder's (${party.address})`, got: auth.keyHolder });
    if (BigInt(await chainTime(party.signer.provider!)) >= auth.expiresAt) throw new PointsStateError({ what, expected: `to be used before ${auth.expiresAt}`, got: "expired" });
    const mpcPeer = (await party.registry.member(auth.mpc)).profile.peerId;
    if (from.peerId !== mpcPeer) throw new PointsStateError({ what, expected: `a request from the authorised MPC's peer ${mpcPeer}`, got: from.peerId });
    const kind = auth.kind === 1n ? "tier" : "formula";
    const budget = await budgetNow();
    const used = budget[id.toString()] ?? { compare: 0, reveal: 0 };
    if (used[request.kind] >= ORACLE_BUDGET[kind][request.kind]) {
      throw new PointsStateError({ what, expected: `at most ${ORACLE_BUDGET[kind][request.kind]} ${request.kind} quer(ies) for a ${kind} computation`, got: `${used[request.kind] + 1}` });
    }
    used[request.kind] += 1;
    budget[id.toString()] = used;
    await writeFileAtomic({ path: budgetFile, data: JSON.stringify(budget), mode: 0o600 });
    const { privateKey } = await keyOf(auth.keyId);
    // One decryption per query: the comparison's answer is the sign of this same value (the
    // rule of answerBlindedComparison), and the reveal seals it as is.
    const plaintext = decrypt({ privateKey, c: request.ciphertext });
    const signed = toSigned(plaintext, privateKey.publicKey.n);
    if (recordSeen) seen.push({ authorizationId: id, kind: request.kind, plaintext: signed });
    if (request.kind === "compare") return encodeDocument({ greaterOrEqualZero: signed >= 0n });
    // reveal: F + m (mod n) is uniform to the key holder; it seals the value to the requester.
    const requesterKey = getBytes((await party.registry.member(auth.requester)).profile.encryptionKey);
    const envelope = encryptTo({ recipientPublicKey: requesterKey, plaintext: new TextEncoder().encode(plaintext.toString()), context: POINTS_CONTEXTS.maskedValue(id) });
    return encodeDocument({ envelope: Buffer.from(envelope).toString("base64") });
  };

  return {
    seen: () => [...seen],
    /** Serves the oracle on the member's node; returns the function that stops serving. */
    serve(): () => Promise<void> {
      if (party.store.handleRequests === undefined) throw new PointsStateError({ what: "the key holder's store", expected: "an embedded node that serves requests", got: "none" });
      return party.store.handleRequests(POINTS_ORACLE_PROTOCOL, (body, from) => {
        const next = queue.then(() => handle(body, from));
        queue = next.then(() => undefined, () => undefined);
        return next;
      });
    },
  };
}
