import { documentFormat } from "../document-reader.js";
import { DcmbFormatError } from "./errors.js";

/** The DCMB part's document readers: every refusal is a DcmbFormatError naming the field. */
export const dcmbDocuments = documentFormat((what, problem, options) => new DcmbFormatError({ what, problem }, options));
