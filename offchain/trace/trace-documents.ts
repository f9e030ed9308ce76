import { documentFormat } from "../document-reader.js";
import { TraceFormatError } from "./errors.js";

/** The trace part's document readers: every refusal is a TraceFormatError naming the field. */
export const traceDocuments = documentFormat((what, problem, options) => new TraceFormatError({ what, problem }, options));
