import { traceMapTask } from "./trace-map.js";

/** `trace:split`: see trace-map.ts. */
export default traceMapTask("split");
