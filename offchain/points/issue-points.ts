import { encrypt } from "../crypto/index.js";
import { waitForEvent } from "../chain/index.js";
import { documentHashOf, encodeIssuance } from "./documents.js";
import { PointsStateError } from "./errors.js";
import { fetchPointsPublicKey } from "./points-key.js";
import type { PointsParty } from "./points-party.js";

/**
 * An issuer (brand or e-commerce platform) credits a consumer with points (Hu et al. §2.3
 * steps 5-6): the amount is encrypted under the key holder's registered Paillier key, the
 * ciphertext document kept in the issuer's node, its CID and hash recorded on the ledger. The
 * amount itself appears nowhere else.
 */
export async function issuePoints({ party, consumerId, keyId, points, allowInsecureKeySize = false }: { party: PointsParty; consumerId: string; keyId: bigint; points: bigint; allowInsecureKeySize?: boolean }) {
  if (points < 0n) throw new PointsStateError({ what: "points", expected: "a non-negative amount", got: String(points) });
  const publicKey = await fetchPointsPublicKey({ party, keyId, allowInsecureKeySize });
  const document = encodeIssuance({ keyId, consumerId, ciphertext: encrypt({ publicKey, m: points }) });
  const cid = await party.store.put(document);
  await party.store.pin(cid);
  const tx = await party.ledger.issuePoints(consumerId, keyId, cid, documentHashOf(document));
  const { args } = await waitForEvent(tx, party.ledger, "PointsIssued");
  return { issuanceId: args.getValue("issuanceId") as bigint, cid, txHash: tx.hash };
}
