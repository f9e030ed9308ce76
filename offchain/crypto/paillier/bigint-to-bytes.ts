/** Big-endian unsigned bytes of a non-negative bigint (at least one byte). */
export function bigintToBytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 === 0 ? hex : `0${hex}`, "hex");
}
