import { MAX_CONTEXT_BYTES } from "./constants.js";
import { InvalidEnvelopeParameterError } from "./errors.js";

/** UTF-8 bytes of a context label; an absent context is the empty label. */
export function encodeContext(context: string | undefined): Uint8Array {
  if (context === undefined) return new Uint8Array(0);
  if (typeof context !== "string") {
    throw new InvalidEnvelopeParameterError({ parameter: "context", expected: "a string", actual: typeof context });
  }
  const bytes = new TextEncoder().encode(context);
  if (bytes.length > MAX_CONTEXT_BYTES) {
    throw new InvalidEnvelopeParameterError({
      parameter: "context",
      expected: `at most ${MAX_CONTEXT_BYTES} UTF-8 bytes`,
      actual: `${bytes.length} bytes`,
    });
  }
  return bytes;
}
