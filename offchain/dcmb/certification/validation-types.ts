/** One check of the validation suite and its outcome. */
export type ValidationCheck = { name: string; passed: boolean; detail: string };

/** A check the suite runs: gets the data set's bytes and the project root of the checkout under validation. */
export type ValidationCheckDefinition = {
  name: string;
  run(p: { dataset: Uint8Array; projectRoot: string }): Promise<{ passed: boolean; detail: string }>;
};

/** What a validation entity publishes (IPFS, its CID as the vote note; paper section 3.3). */
export type ValidationLog = {
  format: "sealedchain/dcmb-validation-log";
  version: 1;
  module: string;
  moduleVersion: string;
  sourceHash: string;
  artifactHash: string;
  /** The validator's 0x address. */
  validator: string;
  /** The data set as given (relative to the project root when inside it, POSIX) and its sha256 (hex). */
  dataset: { path: string; sha256: string };
  startedAt: string;
  finishedAt: string;
  checks: ValidationCheck[];
  passed: boolean;
};
