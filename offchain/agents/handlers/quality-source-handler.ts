import type { QualityContracts } from "../../chain/index.js";
import {
  QualityStateError,
  postXorToServicer,
  publishQualityPair,
  type PairKeyVault,
  type QualityParty,
  type QualityPublishPolicy,
  type QualityReadingSource,
} from "../../quality/index.js";
import { revertName } from "../../quality/revert-name.js";
import type { AgentHandler } from "../agent-types.js";

export type CreateQualitySourceHandlerParameters = {
  /** `allowInsecureKeySize` (tests/demos only) also applies to the keys generated here. */
  party: QualityParty;
  /** Connected to the participant's signer. */
  contracts: Pick<QualityContracts, "channel">;
  vault: PairKeyVault;
  source: QualityReadingSource;
  policy: Pick<QualityPublishPolicy, "lotId" | "lotName" | "servicer" | "bitLength" | "keyBits">;
};

/**
 * B's agent side of "publish each new (t, t+1) pair": on every tick reads all readings of the
 * source and publishes each consecutive pair (reading i, reading i+1) the lot does not have
 * yet, in order, each with a fresh Paillier key (publishQualityPair) and its XOR data posted
 * to the policy's servicer.
 *
 * Idempotent without a state file: what is published is read from the chain. The lot's last
 * pair (`lot(lotId).pairCount`, `lotPair`, `pair`) carries labels (labelT, labelT1); the next
 * pair to publish starts at the reading labelled labelT1 (labels are unique per source). A
 * crash after `publishPair` leaves the pair on chain (so it is not published again) and its
 * key in the vault's pending file (which `load` still finds); the XOR post that may be
 * missing is completed first on the next tick (postXorToServicer sends only if absent). A
 * crash before `publishPair` leaves an unused pending key file and nothing on chain: the pair
 * is published again with another fresh key.
 */
export function createQualitySourceHandler({ party, contracts, vault, source, policy }: CreateQualitySourceHandlerParameters): AgentHandler {
  const { channel } = contracts;
  const { lotId, lotName, servicer, bitLength, keyBits } = policy;
  return {
    name: "quality-source",
    events: [],
    async handle() {},
    async onTick(context) {
      const readings = await source.read();
      let next = 0; // index of reading t of the next pair to publish
      let pairCount = 0n;
      try {
        const lot = await channel.lot(lotId);
        if (lot.owner.toLowerCase() !== context.self.toLowerCase()) {
          throw new QualityStateError({ what: `lot ${lotName}`, expected: `owned by ${context.self}`, got: `owned by ${lot.owner}` });
        }
        pairCount = lot.pairCount;
      } catch (error) {
        if (revertName(error, channel.interface) !== "QualityUnknownLot") throw error;
      }
      if (pairCount > 0n) {
        const pairId = await channel.lotPair(lotId, pairCount);
        const last = await channel.pair(pairId);
        // A crash between publishPair and postXor: finish the post before anything new.
        const posted = await postXorToServicer({ party, channel, vault, pairId, servicer });
        if (posted.txHash !== undefined) context.logger.info(`quality lot ${lotName}: pair ${pairId} had no XOR post for ${servicer}; posted → tx ${posted.txHash}`);
        const { labelT, labelT1 } = last.params;
        const at = readings.findIndex((reading) => reading.label === labelT1);
        if (at < 1 || readings[at - 1]!.label !== labelT) {
          throw new QualityStateError({
            what: `lot ${lotName}'s last pair #${pairCount} (${labelT} → ${labelT1})`,
            expected: `two consecutive readings with these labels in ${source.description}`,
            got: at < 0 ? `no reading labelled ${JSON.stringify(labelT1)}` : `${JSON.stringify(at === 0 ? "(none)" : readings[at - 1]!.label)} before it`,
          });
        }
        next = at;
      }
      for (let i = next; i + 1 < readings.length; i++) {
        const t = readings[i]!;
        const t1 = readings[i + 1]!;
        const result = await publishQualityPair({
          party,
          channel,
          vault,
          lotId,
          lotDescription: lotName,
          labelT: t.label,
          labelT1: t1.label,
          x: t.value,
          y: t1.value,
          bitLength,
          servicer,
          keyBits,
          allowInsecureKeySize: party.allowInsecureKeySize ?? false,
        });
        context.logger.info(
          `quality lot ${lotName}: published pair ${result.pairId} (#${result.pairIndex}, ${t.label} → ${t1.label}) from ${source.description}, XOR data to ${servicer} → tx ${result.txHashes.join(", ")}`,
        );
      }
    },
  };
}
