import { encodeBundle } from "./encode-bundle.js";
import { QualityBundleFieldError } from "./errors.js";
import type { QualityAnswerBundle } from "./types.js";

function decimal(field: string, value: unknown, bound: bigint): string {
  if (typeof value !== "bigint" || value < 0n || value >= bound) {
    throw new QualityBundleFieldError({ kind: "answer", field, expected: `a bigint in [0, ${bound})`, actual: String(value) });
  }
  return value.toString(10);
}

/**
 * Canonical bytes of B's answer (format "sealedchain.quality.answer"). Body key order:
 * pairRef, relation, then vector, index, nonce (index disclosed) | vector, proof (index
 * withheld) | nonce (X = Y).
 */
export function serializeAnswerBundle(bundle: QualityAnswerBundle): Uint8Array {
  const { publicKey, bitLength, pairRef, answer } = bundle;
  const body: Record<string, unknown> = {
    pairRef: { lotId: pairRef.lotId, pairIndex: pairRef.pairIndex },
    relation: answer.relation,
  };
  if (answer.relation === "eq") {
    body["nonce"] = decimal("nonce", answer.nonce, publicKey.n);
  } else if ("proof" in answer) {
    const { challenges, responses } = answer.proof;
    if (challenges.length !== bitLength || responses.length !== bitLength) {
      throw new QualityBundleFieldError({
        kind: "answer",
        field: "proof",
        expected: `${bitLength} challenges and ${bitLength} responses`,
        actual: `${challenges.length} and ${responses.length}`,
      });
    }
    body["vector"] = answer.vector;
    body["proof"] = {
      challenges: challenges.map((e, i) => decimal(`proof.challenges[${i}]`, e, 1n << 128n)),
      responses: responses.map((z, i) => decimal(`proof.responses[${i}]`, z, publicKey.n)),
    };
  } else {
    if (!Number.isInteger(answer.index) || answer.index < 0 || answer.index >= bitLength) {
      throw new QualityBundleFieldError({ kind: "answer", field: "index", expected: `an integer in [0, ${bitLength})`, actual: String(answer.index) });
    }
    body["vector"] = answer.vector;
    body["index"] = answer.index;
    body["nonce"] = decimal("nonce", answer.nonce, publicKey.n);
  }
  return encodeBundle("answer", bundle, body);
}
