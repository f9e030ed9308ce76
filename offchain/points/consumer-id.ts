import { hexlify, id, isHexString, randomBytes } from "ethers";

import { PointsFormatError } from "./errors.js";

/**
 * The id a consumer is known by on the LoyaltyLedger. Every issuance, authorisation and tier
 * is public, so a guessable id (an e-mail, "mallory") lets anyone who guesses it follow the
 * consumer's tier history. The consumer should hand each issuer the same random 32-byte
 * pseudonym (`0x` + 64 hex digits, used as is); any other text is hashed under a fixed
 * label, which hides nothing from someone who can guess the text.
 */
export function consumerIdOf(consumer: string): string {
  const trimmed = consumer.trim();
  if (trimmed === "") throw new PointsFormatError({ what: "consumer", problem: "is empty" });
  if (/^0x/i.test(trimmed)) {
    if (!isHexString(`0x${trimmed.slice(2)}`, 32)) throw new PointsFormatError({ what: "consumer", problem: `${consumer} starts with 0x but is not 32 bytes of hex (a pseudonym is 0x + 64 hex digits)` });
    return `0x${trimmed.slice(2).toLowerCase()}`;
  }
  return id(`sealedchain/points/consumer/${trimmed}`);
}

/** A fresh random pseudonym for a consumer to give to each issuer. */
export function newConsumerPseudonym(): string {
  return hexlify(randomBytes(32));
}
