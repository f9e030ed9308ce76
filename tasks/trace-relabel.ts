import { traceMapTask } from "./trace-map.js";

/** `trace:relabel`: see trace-map.ts. */
export default traceMapTask("relabel");
