/**
 * Progress of a long step on stderr: a bar redrawn in place on a terminal; otherwise (CI,
 * pipes, logs) one line per quarter so logs stay short.
 */
export function createProgressBar(label: string): (done: number, total: number) => void {
  const tty = process.stderr.isTTY === true;
  let lastQuarter = -1;
  let last = "";
  return (done, total) => {
    if (`${done}/${total}` === last) return; // polled steps report the same count many times
    last = `${done}/${total}`;
    const fraction = total === 0 ? 1 : done / total;
    if (tty) {
      const width = 30;
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}${done === total ? "\n" : ""}`);
      return;
    }
    const quarter = Math.floor(fraction * 4);
    if (quarter !== lastQuarter) {
      lastQuarter = quarter;
      process.stderr.write(`${label}: ${done}/${total}\n`);
    }
  };
}
