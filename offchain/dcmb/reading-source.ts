import type { DcmbReading } from "./reading-data.js";

/** Where the sender's module gets its readings: a CSV file that grows, an HTTP endpoint, a
 * simulated machine. */
export interface DcmbReadingSource {
  /** What the source is, for logs. */
  readonly description: string;
  /** The readings that arrived since the last call, oldest first. */
  next(): Promise<DcmbReading[]>;
  close(): Promise<void>;
  /** Where the source stands (opaque), for sources that can resume: the sender saves it with the
   * readings it took, and `seek`s back to it after a restart so nothing is read twice or lost. */
  position?(): string;
  seek?(position: string): void;
}
