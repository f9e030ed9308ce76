import { createModPow, type ModPow } from "./create-mod-pow.js";
import type { PaillierPublicKey } from "./types.js";

export interface PublicKeyContext {
  /** x ↦ x^e mod n² */
  readonly powNSquared: ModPow;
}

const contexts = new WeakMap<PaillierPublicKey, PublicKeyContext>();

/** The exponentiators of a public key, created once per key object and kept with it. */
export function publicKeyContext(publicKey: PaillierPublicKey): PublicKeyContext {
  let context = contexts.get(publicKey);
  if (context === undefined) {
    context = { powNSquared: createModPow(publicKey.n2) };
    contexts.set(publicKey, context);
  }
  return context;
}
