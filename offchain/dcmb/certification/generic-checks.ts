import { DCMB_MODULE } from "./dcmb-module.js";
import { hashModuleSource } from "./hash-module-source.js";
import { parseValidationDataset } from "./parse-validation-dataset.js";
import type { ValidationCheckDefinition } from "./validation-types.js";

/** Check: hashing the module's source twice gives the same hash (no time, order or path dependence). */
export function sourceHashesDeterministicallyCheck({ folder = DCMB_MODULE.folder }: { folder?: string } = {}): ValidationCheckDefinition {
  return {
    name: "source files hash deterministically",
    async run({ projectRoot }) {
      const [first, second] = [await hashModuleSource({ projectRoot, folder }), await hashModuleSource({ projectRoot, folder })];
      const passed = first.sourceHash === second.sourceHash;
      return { passed, detail: passed ? `${first.files.length} files, source hash ${first.sourceHash}` : `hashed ${first.sourceHash} then ${second.sourceHash}` };
    },
  };
}

/** Check: the validation data set is a CSV of `time,value` readings with numeric values. */
export function datasetParsesCheck(): ValidationCheckDefinition {
  return {
    name: "dataset parses",
    async run({ dataset }) {
      try {
        const readings = parseValidationDataset({ bytes: dataset });
        const values = readings.map((r) => r.value);
        return { passed: true, detail: `${readings.length} readings, values ${Math.min(...values)}..${Math.max(...values)}` };
      } catch (error) {
        return { passed: false, detail: error instanceof Error ? error.message : String(error) };
      }
    },
  };
}
