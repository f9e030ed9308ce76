import { randomBytes } from "node:crypto";
import {
  generatePaillierKeyPair,
  privateKeyFromPrimes,
  type PaillierKeyPair,
  type PaillierPrivateKey,
} from "../../offchain/crypto/index.js";

/**
 * Fixed primes for fast, reproducible insecure test keys (built through the explicit
 * allowInsecureKeySize path). Sizes are chosen to hit both modPow backends: n² ≥ 512 bits goes
 * through OpenSSL, p² ≥ 512 bits too; smaller moduli use plain BigInt.
 */
export const TEST_PRIMES = {
  /** The paper's 32-bit demo key: n = 2830121771 (Nasu et al., Figs. 6–7), factored. */
  paper32: { p: 47917n, q: 59063n },
  n128: { p: 17764409582623085087n, q: 15009269456867929883n },
  n256: { p: 278086201142011409351775302645408826641n, q: 288729910083749703960287441629339657651n },
  n600: {
    p: 1548212401925749010705399799788149403425646762905245443701544523279763207213700101310900741n,
    q: 1898911163896909566542086495203174555446726807866168688134072850893242058608162922875724829n,
  },
  n1040: {
    p: 2796265855374182011220993310550613289738122586313653871974908075608770701860484768335528547319079166148557708979750269154252410209138138118152548869525275619n,
    q: 2861953897747690251434997333503663792011929839781025191634889952042518990820897516039497980862726808566031904845199667084165521489166117841706836887531072561n,
  },
} as const;

export type TestKeyName = keyof typeof TEST_PRIMES;

const smallKeys = new Map<TestKeyName, PaillierPrivateKey>();

/** A fixed insecure private key, built once per process. */
export function testKey(name: TestKeyName): PaillierPrivateKey {
  let key = smallKeys.get(name);
  if (key === undefined) {
    key = privateKeyFromPrimes({ ...TEST_PRIMES[name], allowInsecureKeySize: true });
    smallKeys.set(name, key);
  }
  return key;
}

const generated = new Map<number, Promise<PaillierKeyPair>>();

/** A generated key pair of `bits` bits, generated once per process and shared by test files. */
export function generatedKeyPair(bits: 2048 | 3072): Promise<PaillierKeyPair> {
  let pair = generated.get(bits);
  if (pair === undefined) {
    pair = generatePaillierKeyPair({ bits });
    generated.set(bits, pair);
  }
  return pair;
}

/** Uniform random bigint in [0, bound). */
export function randomBelow(bound: bigint): bigint {
  const bytes = Math.ceil(bound.toString(16).length / 2) + 8;
  return BigInt(`0x${randomBytes(bytes).toString("hex")}`) % bound;
}
