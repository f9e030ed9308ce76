import { traceMapTask } from "./trace-map.js";

/** `trace:merge`: see trace-map.ts. */
export default traceMapTask("merge");
