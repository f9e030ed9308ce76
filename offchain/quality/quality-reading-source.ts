/** One measurement of B's quality data: the paper's value at time t, with its public label. */
export type QualityReading = {
  /** Public label of the time (goes on chain as labelT / labelT1), 1–256 characters, unique
   * within a source. */
  label: string;
  /** The value, 0 ≤ value < 2^bitLength. */
  value: bigint;
};

/** Where B's agent gets its quality data: every reading so far, oldest first. Each call
 * re-reads the source (a CSV file that grows, a sensor that ticks); earlier readings never
 * change. */
export type QualityReadingSource = {
  /** What the source is, for logs ("data/quality.csv", "simulated sensor (seed 7)"). */
  readonly description: string;
  read(): Promise<QualityReading[]>;
};
