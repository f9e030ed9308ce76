import { readFile } from "node:fs/promises";

import type { HardhatRuntimeEnvironment } from "hardhat/types/hre";

import { InvalidOptionError } from "./helpers/errors.js";
import { requireOption } from "./helpers/require-option.js";

export type CompareLocalArguments = { public: string | undefined; xor: string | undefined; key: string | undefined; allowInsecureKey: boolean };

/**
 * `quality:compare-local`: offline, no chain and no network. Runs A's step (both Enc(z)
 * vectors from the public and XOR bundles), B's step (recompute, decrypt, answer with the
 * index) and A's verification, and prints the relation and the highest differing bit.
 */
export default async function compareLocal(args: CompareLocalArguments, _hre: HardhatRuntimeEnvironment): Promise<void> {
  const [crypto, quality] = await Promise.all([import("../offchain/crypto/index.js"), import("../offchain/quality/index.js")]);
  const read = async (option: "public" | "xor" | "key", what: string): Promise<Uint8Array> => {
    const file = requireOption(option, args[option], what);
    try {
      return new Uint8Array(await readFile(file));
    } catch (error) {
      throw new InvalidOptionError({ option, expected: `a readable file (${what})`, got: file }, { cause: error });
    }
  };
  const allowInsecureKeySize = args.allowInsecureKey;
  const publicBytes = await read("public", "B's public quality bundle");
  const xorBytes = await read("xor", "the plaintext XOR bundle");
  const keyText = new TextDecoder().decode(await read("key", 'the private key JSON {"p": "…", "q": "…"}'));

  let privateKey;
  try {
    const json = JSON.parse(keyText) as { p?: unknown; q?: unknown };
    if (typeof json.p !== "string" || typeof json.q !== "string" || !/^[0-9]+$/.test(json.p) || !/^[0-9]+$/.test(json.q)) throw new Error('expected {"p": "<decimal>", "q": "<decimal>"}');
    privateKey = crypto.privateKeyFromPrimes({ p: BigInt(json.p), q: BigInt(json.q), allowInsecureKeySize });
  } catch (error) {
    const insecure = error instanceof crypto.PaillierInsecureKeyError;
    throw new InvalidOptionError(
      { option: "key", expected: insecure ? "a key of at least 2048 bits (or --allow-insecure-key for tests and the paper's demo data)" : 'a JSON file {"p": "<decimal>", "q": "<decimal>"} of two distinct primes', got: `${args.key}: ${(error as Error).message}` },
      { cause: error },
    );
  }
  const parse = <T>(option: "public" | "xor", fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw new InvalidOptionError({ option, expected: option === "public" ? "a public quality bundle" : "an XOR bundle", got: (error as Error).message }, { cause: error });
    }
  };
  const publicBundle = parse("public", () => quality.parseQualityBundle(publicBytes, { allowInsecureKeySize }));
  const xorBundle = parse("xor", () => quality.parseXorBundle(xorBytes, { allowInsecureKeySize }));
  const { publicKey } = privateKey;
  if (publicBundle.publicKey.n !== publicKey.n) throw new InvalidOptionError({ option: "key", expected: "the key of the public bundle (same n)", got: args.key });
  if (xorBundle.publicKey.n !== publicKey.n) throw new InvalidOptionError({ option: "xor", expected: "an XOR bundle under the same key as --public", got: args.xor });
  if (xorBundle.pairRef.lotId !== publicBundle.lotId || xorBundle.pairRef.pairIndex !== publicBundle.pairIndex) {
    throw new InvalidOptionError({ option: "xor", expected: `the XOR bundle of pair ${publicBundle.lotId} #${publicBundle.pairIndex} (as --public)`, got: `${args.xor} (pair ${xorBundle.pairRef.lotId} #${xorBundle.pairRef.pairIndex})` });
  }

  const started = Date.now();
  const request = crypto.computeComparisonVectors({ publicKey, ex: publicBundle.ex, ey: publicBundle.ey, exor: xorBundle.exor });
  const answer = crypto.answerComparison({ privateKey, ex: publicBundle.ex, ey: publicBundle.ey, exor: xorBundle.exor, request, disclose: "relation-and-index" });
  const verified = crypto.verifyComparisonAnswer({ publicKey, ex: publicBundle.ex, ey: publicBundle.ey, exor: xorBundle.exor, answer });
  console.log(`pair ${publicBundle.lotId} #${publicBundle.pairIndex} (${publicBundle.labels.t} → ${publicBundle.labels.t1}), ${publicBundle.bitLength} bits, ${publicKey.bits}-bit key`);
  console.log(`relation: ${verified.relation === "lt" ? "X<Y" : verified.relation === "gt" ? "X>Y" : "X=Y"}`);
  console.log(`index: ${verified.highestDifferingBit ?? verified.index ?? "none (X = Y)"}`);
  console.log(`${verified.summary} (computed and verified in ${Date.now() - started} ms)`);
}
