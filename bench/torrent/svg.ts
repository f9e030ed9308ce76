import { storageCells, type TorrentBenchResult } from "./report.js";

const COLORS = ["#2b7bb9", "#c0504d", "#4a9a4a", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f"];
const TITLES = {
  split: "(a) Split time: read + encrypt + put all chunks in the storer's node",
  distribution: "(b) Distribution time: announce → every chunk owner acknowledged",
  retrieval: "(c) Retrieval time: the auditor's retrieveFile (shares released)",
} as const;
const METRIC = { split: "splitMs", distribution: "distributionMs", retrieval: "retrievalMs" } as const;

function niceStep(max: number, ticks: number): number {
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
}

/** A line chart like the paper's Fig. 4a–c: x = chunk count, y = mean seconds, one line per file size. */
export function renderChart(result: TorrentBenchResult, which: keyof typeof TITLES): string {
  const cells = storageCells(result);
  const metric = METRIC[which];
  const width = 760;
  const height = 460;
  const m = { left: 70, right: 130, top: 50, bottom: 60 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const xs = result.options.chunkCounts;
  const xMax = Math.max(...xs);
  const yMaxData = Math.max(...cells.map((c) => c.stats[metric].mean / 1000), 0.001);
  const yStep = niceStep(yMaxData, 6);
  const yMax = Math.ceil(yMaxData / yStep) * yStep;
  const xStep = niceStep(xMax, 10);
  const px = (v: number) => m.left + (v / xMax) * plotW;
  const py = (v: number) => m.top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${py(v).toFixed(1)}" y2="${py(v).toFixed(1)}" stroke="#e4e4e4"/>`);
    parts.push(`<text x="${m.left - 8}" y="${(py(v) + 4).toFixed(1)}" text-anchor="end">${Number(v.toPrecision(6))}</text>`);
  }
  for (let v = 0; v <= xMax; v += xStep) {
    parts.push(`<line x1="${px(v).toFixed(1)}" x2="${px(v).toFixed(1)}" y1="${m.top + plotH}" y2="${m.top + plotH + 5}" stroke="#333"/>`);
    parts.push(`<text x="${px(v).toFixed(1)}" y="${m.top + plotH + 20}" text-anchor="middle">${v}</text>`);
  }
  parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="#333"/>`);
  parts.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + plotH}" stroke="#333"/>`);
  parts.push(`<text x="${m.left + plotW / 2}" y="${height - 15}" text-anchor="middle">number of chunks</text>`);
  parts.push(`<text transform="translate(18 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle">seconds (mean of ${result.options.reps})</text>`);
  result.options.sizesMB.forEach((size, i) => {
    const color = COLORS[i % COLORS.length]!;
    const points = cells.filter((c) => c.sizeMB === size).map((c) => [px(c.chunks), py(c.stats[metric].mean / 1000)] as const);
    if (points.length === 0) return;
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" ")}"/>`);
    for (const [a, b] of points) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="${color}"/>`);
    const ly = m.top + 10 + i * 22;
    parts.push(`<line x1="${m.left + plotW + 15}" x2="${m.left + plotW + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${m.left + plotW + 46}" y="${ly + 4}">${size} MB</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${m.left}" y="25" font-size="14">${TITLES[which]}</text>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}
