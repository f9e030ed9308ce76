// Public surface of offchain/crypto. Each sub-module keeps its own errors.ts.
export * from "./envelope/index.js";
export * from "./paillier/index.js";
export * from "./comparison/index.js";
export * from "./chunk-cipher/index.js";
export * from "./shares/index.js";
export * from "./secure-compute/index.js";
