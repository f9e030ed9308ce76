// Public surface of offchain/quality: the quality part's bundle formats (agents and tasks build on it).
export * from "./bundles/index.js";
