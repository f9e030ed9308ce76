import { datasetParsesCheck, sourceHashesDeterministicallyCheck } from "./generic-checks.js";
import type { ValidationCheckDefinition } from "./validation-types.js";

/**
 * The checks every validation entity runs on the DCMB module (paper section 3.3: validate
 * the module's functionality against the confidentiality requirements and a validation data
 * set). For now the two generic checks.
 *
 * TO ADD here once offchain/dcmb exists (each a ValidationCheckDefinition run on the data set
 * in validation-dataset.csv, which holds values in [5300, 5400) such as 5367):
 * - confidentiality: no reading value appears in anything destined for the chain;
 * - every message verifies against its root;
 * - tampered messages are rejected;
 * - salts are unique and at least 16 bytes.
 */
export const DCMB_VALIDATION_CHECKS: ValidationCheckDefinition[] = [sourceHashesDeterministicallyCheck(), datasetParsesCheck()];

/** The validation data set, relative to the project root. */
export const DCMB_VALIDATION_DATASET = "offchain/dcmb/certification/validation-dataset.csv";
