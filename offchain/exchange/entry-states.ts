/** DataRegistry entry states (IDataRegistry.EntryState), by their on-chain number. */
export const ENTRY_STATES = ["None", "Pending", "Certified", "Rejected"] as const;

/** DataMarket offer, request and trade states (IDataMarket), by their on-chain number. */
export const OFFER_STATES = ["None", "Listed", "Withdrawn"] as const;
export const REQUEST_STATES = ["None", "Open", "Filled", "Cancelled"] as const;
export const TRADE_STATES = ["None", "Open", "Shared"] as const;

export type EntryStateName = (typeof ENTRY_STATES)[number];

/** The name of on-chain enum value `value` in `names` ("Unknown(n)" past the end). */
export function stateName<T extends readonly string[]>(names: T, value: bigint | number): T[number] | `Unknown(${number})` {
  return names[Number(value)] ?? `Unknown(${Number(value)})`;
}
