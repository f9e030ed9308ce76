import { createModPow, type ModPow } from "./create-mod-pow.js";
import type { PaillierPrivateKey } from "./types.js";

export interface PrivateKeyContext {
  readonly powPSquared: ModPow;
  readonly powQSquared: ModPow;
  readonly powP: ModPow;
  readonly powQ: ModPow;
}

// Held per key object (not in modPow's shared cache) so secret moduli die with their key.
const contexts = new WeakMap<PaillierPrivateKey, PrivateKeyContext>();

/** The exponentiators of a private key's secret moduli, created once per key object. */
export function privateKeyContext(privateKey: PaillierPrivateKey): PrivateKeyContext {
  let context = contexts.get(privateKey);
  if (context === undefined) {
    context = {
      powPSquared: createModPow(privateKey.pSquared),
      powQSquared: createModPow(privateKey.qSquared),
      powP: createModPow(privateKey.p),
      powQ: createModPow(privateKey.q),
    };
    contexts.set(privateKey, context);
  }
  return context;
}
