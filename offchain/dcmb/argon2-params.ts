import { describeValue } from "../describe-value.js";
import { DcmbParameterError } from "./errors.js";

/** Argon2id cost parameters (RFC 9106 §3.1: m in KiB, t passes, p lanes). */
export type Argon2Params = { memoryKiB: number; iterations: number; parallelism: number };

/** OWASP Password Storage Cheat Sheet, Argon2id: 19 MiB of memory, 2 iterations, 1 lane. */
export const OWASP_ARGON2ID: Argon2Params = Object.freeze({ memoryKiB: 19456, iterations: 2, parallelism: 1 });

const LIMITS = {
  memoryKiB: [8, 4_194_304],
  iterations: [1, 100],
  parallelism: [1, 16],
} as const;

/** Checks Argon2id parameters: memoryKiB 8..4 194 304 (4 GiB) and ≥ 8·parallelism (RFC 9106 §3.1),
 * iterations 1..100, parallelism 1..16, nothing else. Errors name the field. */
export function parseArgon2Params(value: unknown): Argon2Params {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DcmbParameterError({ name: "argon2 params", problem: `expected an object { memoryKiB, iterations, parallelism }, got ${describeValue(value)}` });
  }
  const object = value as Record<string, unknown>;
  const extra = Object.keys(object).filter((key) => !(key in LIMITS));
  if (extra.length > 0) throw new DcmbParameterError({ name: "argon2 params", problem: `unexpected field(s) ${extra.join(", ")}` });
  const field = (name: keyof typeof LIMITS): number => {
    const [min, max] = LIMITS[name];
    const v = object[name];
    if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min || v > max) {
      throw new DcmbParameterError({ name: `argon2 ${name}`, problem: `expected an integer in [${min}, ${max}], got ${describeValue(v)}` });
    }
    return v;
  };
  const params = { memoryKiB: field("memoryKiB"), iterations: field("iterations"), parallelism: field("parallelism") };
  if (params.memoryKiB < 8 * params.parallelism) {
    throw new DcmbParameterError({ name: "argon2 memoryKiB", problem: `expected at least 8 × parallelism = ${8 * params.parallelism}, got ${params.memoryKiB}` });
  }
  return params;
}
