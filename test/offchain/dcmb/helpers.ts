import type { Argon2Params } from "../../../offchain/dcmb/index.js";

/** Small Argon2id parameters where speed matters (not for production). */
export const FAST: Argon2Params = { memoryKiB: 1024, iterations: 1, parallelism: 1 };
export const SENDER = "0x1111111111111111111111111111111111111111";
export const RECEIVER = "0x2222222222222222222222222222222222222222";

export { rejection } from "../../helpers/rejection.js";
