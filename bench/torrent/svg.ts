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

export type LineSeries = { name: string; color?: string; points: readonly (readonly [number, number])[] };
export type LineChartSpec = {
  title: string;
  xLabel: string;
  yLabel: string;
  /** Ticks on the x axis (default: every nice step from 0 to the largest x). */
  xTicks?: readonly number[];
  /** Log10 axes (all values must be > 0). */
  logX?: boolean;
  logY?: boolean;
  series: readonly LineSeries[];
};

/** A hand-written SVG line chart: one polyline with dots per series, legend on the right. */
export function renderLineChart(spec: LineChartSpec): string {
  const width = 760;
  const height = 460;
  const m = { left: 70, right: 130, top: 50, bottom: 60 };
  const plotW = width - m.left - m.right;
  const plotH = height - m.top - m.bottom;
  const all = spec.series.flatMap((s) => s.points);
  const xMaxData = Math.max(...all.map(([x]) => x), ...(spec.xTicks ?? []));
  const yMaxData = Math.max(...all.map(([, y]) => y), 0.001);
  const parts: string[] = [];
  let px: (v: number) => number;
  let py: (v: number) => number;
  let yTicks: number[];
  let xTicks: number[];
  if (spec.logY) {
    const lo = Math.floor(Math.log10(Math.min(...all.map(([, y]) => y))));
    const hi = Math.ceil(Math.log10(yMaxData));
    py = (v: number) => m.top + plotH - ((Math.log10(v) - lo) / Math.max(hi - lo, 1)) * plotH;
    yTicks = Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  } else {
    const yStep = niceStep(yMaxData, 6);
    const yMax = Math.ceil(yMaxData / yStep) * yStep;
    py = (v: number) => m.top + plotH - (v / yMax) * plotH;
    yTicks = [];
    for (let v = 0; v <= yMax + 1e-9; v += yStep) yTicks.push(v);
  }
  if (spec.logX) {
    const lo = Math.floor(Math.log10(Math.min(...all.map(([x]) => x))));
    const hi = Math.ceil(Math.log10(xMaxData));
    px = (v: number) => m.left + ((Math.log10(v) - lo) / Math.max(hi - lo, 1)) * plotW;
    xTicks = spec.xTicks ? [...spec.xTicks] : Array.from({ length: hi - lo + 1 }, (_, i) => 10 ** (lo + i));
  } else {
    px = (v: number) => m.left + (v / xMaxData) * plotW;
    const xStep = niceStep(xMaxData, 10);
    xTicks = spec.xTicks ? [...spec.xTicks] : [];
    if (!spec.xTicks) for (let v = 0; v <= xMaxData; v += xStep) xTicks.push(v);
  }
  for (const v of yTicks) {
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${py(v).toFixed(1)}" y2="${py(v).toFixed(1)}" stroke="#e4e4e4"/>`);
    parts.push(`<text x="${m.left - 8}" y="${(py(v) + 4).toFixed(1)}" text-anchor="end">${Number(v.toPrecision(6))}</text>`);
  }
  for (const v of xTicks) {
    parts.push(`<line x1="${px(v).toFixed(1)}" x2="${px(v).toFixed(1)}" y1="${m.top + plotH}" y2="${m.top + plotH + 5}" stroke="#333"/>`);
    parts.push(`<text x="${px(v).toFixed(1)}" y="${m.top + plotH + 20}" text-anchor="middle">${v}</text>`);
  }
  parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${m.top + plotH}" y2="${m.top + plotH}" stroke="#333"/>`);
  parts.push(`<line x1="${m.left}" x2="${m.left}" y1="${m.top}" y2="${m.top + plotH}" stroke="#333"/>`);
  parts.push(`<text x="${m.left + plotW / 2}" y="${height - 15}" text-anchor="middle">${spec.xLabel}</text>`);
  parts.push(`<text transform="translate(18 ${m.top + plotH / 2}) rotate(-90)" text-anchor="middle">${spec.yLabel}</text>`);
  spec.series.forEach((series, i) => {
    const color = series.color ?? COLORS[i % COLORS.length]!;
    const points = series.points.map(([x, y]) => [px(x), py(y)] as const);
    if (points.length === 0) return;
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.map(([a, b]) => `${a.toFixed(1)},${b.toFixed(1)}`).join(" ")}"/>`);
    for (const [a, b] of points) parts.push(`<circle cx="${a.toFixed(1)}" cy="${b.toFixed(1)}" r="3" fill="${color}"/>`);
    const ly = m.top + 10 + i * 22;
    parts.push(`<line x1="${m.left + plotW + 15}" x2="${m.left + plotW + 40}" y1="${ly}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    parts.push(`<text x="${m.left + plotW + 46}" y="${ly + 4}">${series.name}</text>`);
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="${m.left}" y="25" font-size="14">${spec.title}</text>`,
    ...parts,
    `</svg>`,
    "",
  ].join("\n");
}

/** A line chart like the paper's Fig. 4a–c: x = chunk count, y = mean seconds, one line per file size. */
export function renderChart(result: TorrentBenchResult, which: keyof typeof TITLES): string {
  const cells = storageCells(result);
  const metric = METRIC[which];
  return renderLineChart({
    title: TITLES[which],
    xLabel: "number of chunks",
    yLabel: `seconds (mean of ${result.options.reps})`,
    series: result.options.sizesMB.map((size) => ({
      name: `${size} MB`,
      points: cells.filter((c) => c.sizeMB === size).map((c) => [c.chunks, c.stats[metric].mean / 1000] as const),
    })),
  });
}
