import { getAddress } from "ethers";

/**
 * Envelope context labels of the exchange part. Each binds a sealed data key to what it is for,
 * so an envelope copied into another document (another entry, order, market, chain, vault file)
 * does not open there.
 */

/** A data key sealed to a regulator inside the entry document of `fingerprint`. */
export function validationContext(fingerprint: string): string {
  return `sealedchain.exchange.validation/${fingerprint.toLowerCase()}`;
}

/** A data key sealed to the buyer of escrow order `orderId` of `market` on `chainId`. */
export function deliveryContext(chainId: bigint, market: string, orderId: bigint): string {
  return `sealedchain.exchange.delivery/${chainId}/${getAddress(market)}/${orderId}`;
}

/** A data key the member sealed to itself in its data key vault. */
export function vaultContext(fingerprint: string): string {
  return `sealedchain.exchange.data-key/${fingerprint.toLowerCase()}`;
}
