/**
 * Keys this module built (and froze) after validating them. Operations accept only these, so
 * every key in use has passed the size, primality and consistency checks of its factory, and
 * a check costs one WeakSet lookup. A key copied by structuredClone or JSON must be rebuilt
 * with publicKeyFromN / privateKeyFromPrimes (or the JSON helpers).
 */
export const issuedPublicKeys = new WeakSet<object>();
export const issuedPrivateKeys = new WeakSet<object>();
