import type { DcmbReading } from "./reading-data.js";

/** Where the sender's module gets its readings: a CSV file that grows, an HTTP endpoint, a
 * simulated machine. */
export interface DcmbReadingSource {
  /** What the source is, for logs. */
  readonly description: string;
  /** The readings that arrived since the last call, oldest first. */
  next(): Promise<DcmbReading[]>;
  close(): Promise<void>;
}
