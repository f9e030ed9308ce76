// Public surface of offchain/crypto. Each sub-module keeps its own errors.ts.
export * from "./envelope/index.js";
export * from "./paillier/index.js";
export * from "./comparison/index.js";
