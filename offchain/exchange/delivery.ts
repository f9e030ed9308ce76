import { getAddress, isAddress, keccak256 } from "ethers";

import { EnvelopeContextError, EnvelopeDecryptionError, EnvelopeFormatError, FILE_KEY_BYTES, MIN_ENVELOPE_LENGTH, encryptTo, openEnvelope } from "../crypto/index.js";
import { encodeDocument } from "../document-reader.js";
import { parseCid } from "../storage/index.js";
import { deliveryContext } from "./contexts.js";
import { DeliveryMismatchError, ExchangeFormatError, ExchangeParameterError, NotARecipientError } from "./errors.js";
import { exchangeDocuments, isUint256, readBase64, readDecimal, toBase64 } from "./exchange-format.js";
import { assertDataKey, publicKeyOf } from "./key-parameters.js";

export const DELIVERY_FORMAT = "sealedchain.exchange.delivery";

/** The escrow order a delivery is for (all ids ≥ 1). */
export type DeliveryTarget = { chainId: bigint; market: string; orderId: bigint; entryId: bigint };

/** A delivery document as parsed; `key` is the envelope of the data key to the buyer. */
export type DeliveryDocument = DeliveryTarget & { entryCid: string; key: Uint8Array };

export type BuildDeliveryParameters = DeliveryTarget & {
  dataKey: Uint8Array;
  /** The entry document's CID (the DataRegistry entry's `cid`). */
  entryCid: string;
  /** The buyer's registry profile encryption key (0x hex secp256k1). */
  buyerEncryptionKey: string;
};

const KEYS = ["chainId", "market", "orderId", "entryId", "entryCid", "key"] as const;
const WHAT = "delivery";
const MIN_KEY_ENVELOPE = MIN_ENVELOPE_LENGTH + FILE_KEY_BYTES;

/**
 * The seller's delivery for escrow order `orderId` of the DataMarket (D3.6 9.7): the entry's CID
 * and its data key sealed to the buyer, the envelope's context binding chain, market and order, so
 * a delivery cannot be replayed into another trade. Its keccak256 (`deliveryHashOf`) is what the
 * seller passes to `escrow.deliver`, with the CID where it stored these bytes.
 */
export function buildDelivery({ dataKey, entryId, entryCid, orderId, chainId, market, buyerEncryptionKey }: BuildDeliveryParameters): Uint8Array {
  assertDataKey(dataKey, "dataKey");
  for (const [parameter, value] of [["chainId", chainId], ["orderId", orderId], ["entryId", entryId]] as const) {
    if (!isUint256(value, 1n)) throw new ExchangeParameterError({ parameter, problem: `expected a uint256 bigint ≥ 1, got ${String(value)}` });
  }
  if (typeof market !== "string" || !isAddress(market)) throw new ExchangeParameterError({ parameter: "market", problem: `expected an address, got ${JSON.stringify(market)}` });
  try {
    parseCid(entryCid);
  } catch (error) {
    throw new ExchangeParameterError({ parameter: "entryCid", problem: `not a CID: ${(error as Error).message}` });
  }
  const recipientPublicKey = publicKeyOf(buyerEncryptionKey, "buyerEncryptionKey");
  const key = encryptTo({ recipientPublicKey, plaintext: dataKey, context: deliveryContext(chainId, market, orderId) });
  return encodeDocument({
    format: DELIVERY_FORMAT,
    version: 1,
    chainId: chainId.toString(),
    market: getAddress(market),
    orderId: orderId.toString(),
    entryId: entryId.toString(),
    entryCid,
    key: toBase64(key),
  });
}

/** keccak256 of the delivery bytes: the contentHash of `escrow.deliver`. */
export function deliveryHashOf(bytes: Uint8Array): string {
  return keccak256(bytes);
}

/** Parses a delivery document strictly (exactly the documented fields, each valid). */
export function parseDelivery(bytes: Uint8Array): DeliveryDocument {
  const reader = exchangeDocuments.parse(WHAT, bytes, { format: DELIVERY_FORMAT, version: 1, keys: KEYS });
  return {
    chainId: readDecimal(reader, "chainId", 1n),
    market: reader.address("market"),
    orderId: readDecimal(reader, "orderId", 1n),
    entryId: readDecimal(reader, "entryId", 1n),
    entryCid: reader.cid("entryCid"),
    key: readBase64(reader, "key", MIN_KEY_ENVELOPE, MIN_KEY_ENVELOPE + 255),
  };
}

export type OpenDeliveryParameters = {
  bytes: Uint8Array;
  /** The buyer's encryption private key. */
  privateKey: Uint8Array;
  /** The buyer's own trade; `entryCid`, when given, is the DataRegistry entry's cid. */
  expected: DeliveryTarget & { entryCid?: string };
};

/**
 * Opens the delivery of the buyer's trade: refuses one made for another chain, market, order or
 * entry (DeliveryMismatchError), then unseals the data key (NotARecipientError when it is not
 * sealed to this key, or was tampered with).
 */
export function openDelivery({ bytes, privateKey, expected }: OpenDeliveryParameters): { entryCid: string; dataKey: Uint8Array } {
  const delivery = parseDelivery(bytes);
  const checks: [string, string, string][] = [
    ["chainId", expected.chainId.toString(), delivery.chainId.toString()],
    ["market", getAddress(expected.market), delivery.market],
    ["orderId", expected.orderId.toString(), delivery.orderId.toString()],
    ["entryId", expected.entryId.toString(), delivery.entryId.toString()],
  ];
  if (expected.entryCid !== undefined) checks.push(["entryCid", expected.entryCid, delivery.entryCid]);
  for (const [field, want, got] of checks) if (want !== got) throw new DeliveryMismatchError({ field, expected: want, actual: got });

  let dataKey: Uint8Array;
  try {
    dataKey = openEnvelope({ privateKey, envelope: delivery.key, context: deliveryContext(expected.chainId, expected.market, expected.orderId) });
  } catch (error) {
    if (error instanceof EnvelopeDecryptionError || error instanceof EnvelopeContextError || error instanceof EnvelopeFormatError) {
      throw new NotARecipientError({ what: `delivery of order ${delivery.orderId}`, problem: `the data key does not open with this private key (${error.message})` }, { cause: error });
    }
    throw error;
  }
  if (dataKey.length !== FILE_KEY_BYTES) {
    dataKey.fill(0);
    throw new ExchangeFormatError({ document: WHAT, problem: `key: expected a ${FILE_KEY_BYTES}-byte data key inside, got ${dataKey.length} bytes` });
  }
  return { entryCid: delivery.entryCid, dataKey };
}
