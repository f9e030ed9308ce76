import type { AgentLogger } from "./agent-types.js";

export type CreateConsoleLoggerParameters = {
  /** Shown in brackets at the start of every line, e.g. the participant name. */
  prefix?: string;
  write?: (line: string) => void;
};

/** A logger writing one timestamped line per message to stdout. */
export function createConsoleLogger({
  prefix,
  write = (line) => process.stdout.write(line + "\n"),
}: CreateConsoleLoggerParameters = {}): AgentLogger {
  const line = (level: string, message: string) => {
    const time = new Date().toISOString().slice(11, 23);
    write(`${time}${prefix === undefined ? "" : ` [${prefix}]`}${level} ${message}`);
  };
  return {
    info: (message) => line("", message),
    warn: (message) => line(" WARN", message),
    error: (message) => line(" ERROR", message),
  };
}
