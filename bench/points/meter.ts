/** One measured label: how often, how long in total, and how many bytes went each way. */
export interface MeterEntry {
  count: number;
  ms: number;
  bytesOut: number;
  bytesIn: number;
}

export type MeterReading = Record<string, MeterEntry>;

/**
 * Accumulates wall time (and bytes) per label, for the calls the bench wraps (chain, content
 * store, oracle requests, the key holder's handler). Reset before a computation, read after:
 * the bench runs one computation at a time, so everything recorded in between belongs to it.
 */
export function createMeter() {
  let entries: MeterReading = {};
  const entry = (label: string): MeterEntry => (entries[label] ??= { count: 0, ms: 0, bytesOut: 0, bytesIn: 0 });
  return {
    /** Runs `call` and adds its duration (resolved or rejected) to `label`. */
    async time<T>(label: string, call: () => Promise<T> | T): Promise<T> {
      const start = performance.now();
      try {
        return await call();
      } finally {
        const e = entry(label);
        e.count += 1;
        e.ms += performance.now() - start;
      }
    },
    /** Adds a duration measured by the caller. */
    add(label: string, ms: number): void {
      const e = entry(label);
      e.count += 1;
      e.ms += ms;
    },
    bytes(label: string, { out = 0, into = 0 }: { out?: number; into?: number }): void {
      const e = entry(label);
      e.bytesOut += out;
      e.bytesIn += into;
    },
    reset(): void {
      entries = {};
    },
    read(): MeterReading {
      return structuredClone(entries);
    },
  };
}

export type Meter = ReturnType<typeof createMeter>;

/** Sum of the entries whose label starts with `prefix`. */
export function total(reading: MeterReading, prefix: string): MeterEntry {
  const sum: MeterEntry = { count: 0, ms: 0, bytesOut: 0, bytesIn: 0 };
  for (const [label, e] of Object.entries(reading)) {
    if (!label.startsWith(prefix)) continue;
    sum.count += e.count;
    sum.ms += e.ms;
    sum.bytesOut += e.bytesOut;
    sum.bytesIn += e.bytesIn;
  }
  return sum;
}
