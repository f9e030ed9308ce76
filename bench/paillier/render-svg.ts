import { onlineNs, type BenchResult } from "./results.js";
import { formatNs, summarize } from "./stats.js";

const COLORS: Record<string, string> = {
  sealedchain: "#2b7bb9",
  "sealedchain-pool": "#5fb0e8",
  "sealedchain-paper": "#8fb9d8",
  gmp: "#4a9a4a",
  "paillier-bigint": "#c0504d",
};

function escape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Horizontal bars: median online time of the full comparison per variant, one group per size, log scale. */
export function renderSvg(result: BenchResult): string {
  const rows = result.comparisons.filter((c) => c.reps.length > 0);
  const sizes = [...new Set(rows.map((r) => r.bits))];
  const medians = rows.map((r) => summarize(onlineNs(r)).median);
  const lo = Math.log10(Math.min(...medians) / 2);
  const hi = Math.log10(Math.max(...medians) * 1.5);
  const left = 330;
  const width = 900;
  const barArea = width - left - 90;
  const rowH = 22;
  let y = 40;
  const parts: string[] = [];
  for (const bits of sizes) {
    parts.push(`<text x="10" y="${y}" font-weight="bold">${bits}-bit n</text>`);
    y += 10;
    for (const run of rows.filter((r) => r.bits === bits)) {
      const s = summarize(onlineNs(run));
      const w = ((Math.log10(s.median) - lo) / (hi - lo)) * barArea;
      const x0 = left + ((Math.log10(s.min) - lo) / (hi - lo)) * barArea;
      const x1 = left + ((Math.log10(s.max) - lo) / (hi - lo)) * barArea;
      parts.push(
        `<text x="${left - 8}" y="${y + 15}" text-anchor="end">${escape(run.variant)}</text>`,
        `<rect x="${left}" y="${y + 3}" width="${Math.max(w, 1).toFixed(1)}" height="${rowH - 6}" fill="${COLORS[run.variant] ?? "#888"}"/>`,
        `<line x1="${x0.toFixed(1)}" x2="${x1.toFixed(1)}" y1="${y + rowH / 2}" y2="${y + rowH / 2}" stroke="#222"/>`,
        `<text x="${(left + Math.max(w, x1 - left) + 6).toFixed(1)}" y="${y + 15}">${formatNs(s.median)}</text>`,
      );
      y += rowH;
    }
    y += 18;
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="15">Full ${escape(String((result.options as { bitLength: number }).bitLength))}-bit comparison, online time (median, min–max line; log scale)</text>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}
