import type { ComparisonAnswer } from "../../crypto/comparison/index.js";
import { BundleReader } from "./bundle-reader.js";
import { serializeAnswerBundle } from "./serialize-answer-bundle.js";
import type { ParseQualityBundleOptions, QualityAnswerBundle } from "./types.js";

/**
 * Parses and validates B's answer: its shape only (relation, vector = relation, index range,
 * nonce and responses in Z*_n). Whether the proof holds is verifyComparisonAnswer's job.
 */
export function parseAnswerBundle(bytes: Uint8Array, options: ParseQualityBundleOptions = {}): QualityAnswerBundle {
  const reader = new BundleReader("answer", bytes, ["pairRef", "relation", "vector", "index", "nonce", "proof"], options);
  const { n } = reader.publicKey;
  const k = reader.bitLength;
  const pairRef = reader.pairRef("pairRef");
  const relation = reader.oneOf("relation", ["lt", "gt", "eq"] as const);

  let answer: ComparisonAnswer;
  if (relation === "eq") {
    for (const field of ["vector", "index", "proof"]) {
      if (reader.has(field)) throw reader.fieldError(field, "no such field when relation is \"eq\"", "a value");
    }
    answer = { relation, nonce: reader.unit("nonce", n, "a nonce") };
  } else {
    const vector = reader.oneOf("vector", [relation] as const);
    if (reader.has("proof")) {
      for (const field of ["index", "nonce"]) {
        if (reader.has(field)) throw reader.fieldError(field, "no such field when the answer carries a proof", "a value");
      }
      const proof = reader.object("proof", ["challenges", "responses"]);
      answer = {
        relation,
        vector,
        proof: {
          challenges: reader.decimals("proof.challenges", k, 1n << 128n, proof["challenges"]),
          responses: reader.decimals("proof.responses", k, n, proof["responses"]).map((z, i) =>
            reader.unit(`proof.responses[${i}]`, n, "a response", z.toString(10)),
          ),
        },
      };
    } else {
      answer = { relation, vector, index: reader.integer("index", 0, k), nonce: reader.unit("nonce", n, "a nonce") };
    }
  }
  const bundle: QualityAnswerBundle = { publicKey: reader.publicKey, bitLength: k, pairRef, answer };
  reader.assertCanonical(serializeAnswerBundle(bundle));
  return bundle;
}
