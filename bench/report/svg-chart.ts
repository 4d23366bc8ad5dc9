/**
 * @module bench/report/svg-chart — a small hand-written SVG line/scatter chart (no chart library): linear or
 * log axes, several series with markers, an optional line per series, a legend. Pure: data in, SVG text out.
 */

export type Marker = 'circle' | 'square' | 'triangle' | 'diamond';

export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  readonly color: string;
  readonly marker?: Marker;
  /** Join the points (sorted by x) with a line; false for a scatter. */
  readonly line?: boolean;
  readonly dashed?: boolean;
  /** Label each point with its y value. */
  readonly labels?: boolean;
}

export interface ChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  readonly series: readonly Series[];
  readonly width?: number; // px
  readonly height?: number; // px
}

/** Room around the plot for ticks, labels, the title and the legend (px). */
const MARGIN = { left: 78, right: 24, top: 44, bottom: 56 };
const LEGEND_ROW = 18; // px per legend entry
const MARKER_SIZE = 4; // px radius
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function compact(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e3) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
}

interface Axis {
  readonly map: (v: number) => number;
  readonly ticks: readonly number[];
}

/** Ticks at 1, 2, 5 × powers of ten on a log axis (only powers of ten when the range is wide). */
function logAxis(min: number, max: number, from: number, to: number): Axis {
  const lo = Math.floor(Math.log10(min));
  const hi = Math.ceil(Math.log10(max));
  const steps = hi - lo > 4 ? [1] : [1, 2, 5];
  const ticks: number[] = [];
  const a = 10 ** lo;
  const b = 10 ** hi;
  for (let e = lo; e <= hi; e++) for (const s of steps) if (s * 10 ** e <= b) ticks.push(s * 10 ** e);
  return { map: (v) => from + ((Math.log10(v) - Math.log10(a)) / (Math.log10(b) - Math.log10(a))) * (to - from), ticks };
}

/** About five round ticks from 0 (or the minimum) to the maximum on a linear axis. */
function linearAxis(min: number, max: number, from: number, to: number): Axis {
  const lo = Math.min(0, min);
  const raw = (max - lo) / 5 || 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const top = Math.ceil(max / step) * step || step;
  const ticks: number[] = [];
  for (let t = lo; t <= top + step / 2; t += step) ticks.push(+t.toPrecision(12));
  return { map: (v) => from + ((v - lo) / (top - lo)) * (to - from), ticks };
}

function marker(kind: Marker, x: number, y: number, color: string): string {
  const r = MARKER_SIZE;
  switch (kind) {
    case 'square':
      return `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="${color}"/>`;
    case 'triangle':
      return `<path d="M${x},${y - r - 1}L${x + r + 1},${y + r}L${x - r - 1},${y + r}Z" fill="${color}"/>`;
    case 'diamond':
      return `<path d="M${x},${y - r - 1}L${x + r + 1},${y}L${x},${y + r + 1}L${x - r - 1},${y}Z" fill="${color}"/>`;
    default:
      return `<circle cx="${x}" cy="${y}" r="${r}" fill="${color}"/>`;
  }
}

export function renderChart(spec: ChartSpec): string {
  const width = spec.width ?? 760;
  const height = spec.height ?? 440;
  const all = spec.series.flatMap((s) => s.points).filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (all.length === 0) return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="80"><text x="10" y="40" ${FONT}>${esc(spec.title)}: no data</text></svg>`;
  const xs = all.map((p) => p[0]);
  const ys = all.map((p) => p[1]);
  const [x0, x1, y0, y1] = [MARGIN.left, width - MARGIN.right, height - MARGIN.bottom, MARGIN.top];
  const axis = (log: boolean | undefined, values: number[], from: number, to: number): Axis =>
    log ? logAxis(Math.min(...values), Math.max(...values), from, to) : linearAxis(Math.min(...values), Math.max(...values), from, to);
  const xa = axis(spec.xLog, xs, x0, x1);
  const ya = axis(spec.yLog, ys, y0, y1);
  const px = (v: number): string => xa.map(v).toFixed(1);
  const py = (v: number): string => ya.map(v).toFixed(1);

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT} font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="600">${esc(spec.title)}</text>`,
  ];
  for (const t of xa.ticks) {
    out.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${y0}" y2="${y1}" stroke="#eee"/>`, `<text x="${px(t)}" y="${y0 + 16}" text-anchor="middle" fill="#444">${compact(t)}</text>`);
  }
  for (const t of ya.ticks) {
    out.push(`<line x1="${x0}" x2="${x1}" y1="${py(t)}" y2="${py(t)}" stroke="#eee"/>`, `<text x="${x0 - 6}" y="${+py(t) + 4}" text-anchor="end" fill="#444">${compact(t)}</text>`);
  }
  out.push(
    `<rect x="${x0}" y="${y1}" width="${x1 - x0}" height="${y0 - y1}" fill="none" stroke="#999"/>`,
    `<text x="${(x0 + x1) / 2}" y="${height - 14}" text-anchor="middle">${esc(spec.xLabel)}</text>`,
    `<text transform="translate(18 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${esc(spec.yLabel)}</text>`,
  );
  spec.series.forEach((s, i) => {
    const points = [...s.points].filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y)).sort((a, b) => a[0] - b[0]);
    if (s.line && points.length > 1) {
      const d = points.map(([x, y], j) => `${j === 0 ? 'M' : 'L'}${px(x)},${py(y)}`).join('');
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    }
    for (const [x, y] of points) {
      out.push(marker(s.marker ?? 'circle', +px(x), +py(y), s.color));
      if (s.labels) out.push(`<text x="${+px(x) + 6}" y="${+py(y) - 6}" fill="${s.color}" font-size="10">${compact(y)}</text>`);
    }
    const ly = y1 + 8 + i * LEGEND_ROW;
    out.push(marker(s.marker ?? 'circle', x0 + 14, ly, s.color), `<text x="${x0 + 24}" y="${ly + 4}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
