// Charts: one small SVG builder for bar charts and stacked time-series panels (lines and steps), rendered
// to PNG by resvg with bundled fonts (no system libraries or fonts, so the image is the same on every
// machine): DejaVu Sans for English, Noto Sans S/T Chinese (the GB2312 and Big5 subsets from
// @embedpdf/fonts-sc and -tc) for 简体 and 繁體 charts. Numbers and dates are written in the chart's
// language with the core's formatters.
import { createRequire } from 'node:module';
import path from 'node:path';
import { intlLocale, type Lang } from '../commands/core/messages.js';
import { fmtMoney, fmtNumber, fmtShare } from '../commands/core/format.js';
import type { BarChartSpec, ChartPanel, ChartSpec, ChartValueFormat, LineChartSpec } from '../commands/index.js';
import type * as ResvgTypes from '@resvg/resvg-js';

type ResvgModule = typeof ResvgTypes;
let resvg: ResvgModule | null = null;
/** resvg (a native module, several MB resident) is loaded with the first chart, not at start. */
function loadResvg(): ResvgModule {
  resvg ??= createRequire(typeof __filename !== 'undefined' ? __filename : import.meta.url)(
    '@resvg/resvg-js',
  ) as ResvgModule;
  return resvg;
}

const FAMILY: Record<Lang, string> = {
  en: 'DejaVu Sans',
  'zh-Hans': 'Noto Sans S Chinese',
  'zh-Hant': 'Noto Sans T Chinese',
};

/** The font files a chart in `lang` needs (the CJK ones are read only for Chinese charts). */
function fontFiles(lang: Lang): string[] {
  const req = createRequire(typeof __filename !== 'undefined' ? __filename : import.meta.url);
  const files = [req.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')];
  // The packages export only their index; the fonts sit beside it in ../fonts.
  if (lang === 'zh-Hans')
    files.push(path.join(path.dirname(req.resolve('@embedpdf/fonts-sc')), '../fonts/NotoSansHans-Regular.otf'));
  if (lang === 'zh-Hant')
    files.push(path.join(path.dirname(req.resolve('@embedpdf/fonts-tc')), '../fonts/NotoSansHant-Regular.otf'));
  return files;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const INK = '#111827';
const MUTED = '#6b7280';
const GRID = '#e5e7eb';
/** A white outline behind a label, so it stays readable over lines. */
const HALO = ' stroke="#ffffff" stroke-width="4" paint-order="stroke"';
const PALETTE = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c'];

function frame(spec: ChartSpec, width: number, height: number, body: string): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FAMILY[spec.lang]}, DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="24" y="40" font-size="22" font-weight="bold" fill="${INK}">${esc(spec.title)}</text>`,
    spec.subtitle ? `<text x="24" y="68" font-size="15" fill="${MUTED}">${esc(spec.subtitle)}</text>` : '',
    body,
    spec.footer ? `<text x="24" y="${height - 14}" font-size="13" fill="${MUTED}">${esc(spec.footer)}</text>` : '',
    `</svg>`,
  ].join('');
}

const BAR_WIDTH = 800;
const BAR_H = 44;

function barsSvg(spec: BarChartSpec): string {
  const top = 90;
  const height = top + spec.bars.length * BAR_H + 40;
  const max = Math.max(1, ...spec.bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const labelW = 190;
  const barMax = BAR_WIDTH - labelW - 110;
  const bars = spec.bars
    .map((b, i) => {
      const v = Number.isFinite(b.value) ? Math.max(0, b.value) : 0;
      const y = top + i * BAR_H;
      const w = Math.max(1, (v / max) * barMax);
      return [
        `<text x="${labelW - 12}" y="${y + 26}" text-anchor="end" font-size="18" fill="${INK}">${esc(b.label)}</text>`,
        `<rect x="${labelW}" y="${y + 8}" width="${w.toFixed(1)}" height="${BAR_H - 16}" rx="4" fill="${esc(b.color ?? PALETTE[0]!)}"/>`,
        `<text x="${(labelW + w + 10).toFixed(1)}" y="${y + 26}" font-size="18" fill="${INK}">${esc(spec.unit === '%' ? fmtShare(v, spec.lang) : `${fmtNumber(v, spec.lang, 1)}${spec.unit}`)}</text>`,
      ].join('');
    })
    .join('');
  return frame(spec, BAR_WIDTH, height, bars);
}

/** 1, 2 or 5 × a power of ten: the step giving about `count` ticks over the span. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * p;
}

/** Round tick values covering [min, max] (the axis is widened to the outer ticks). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1];
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count);
  const ticks: number[] = [];
  for (let v = Math.floor(min / step) * step; v <= max + step * 1e-9; v += step) ticks.push(+v.toPrecision(12));
  if (ticks[ticks.length - 1]! < max) ticks.push(+(ticks[ticks.length - 1]! + step).toPrecision(12));
  return ticks;
}

const DAY = 86_400_000;

/** Time ticks at the start of weeks, months, quarters or years, whichever gives a readable count. */
export function timeTicks(from: number, to: number): { at: number[]; unit: 'day' | 'month' | 'year' } {
  const span = to - from;
  if (span <= 60 * DAY) {
    const step = span <= 10 * DAY ? DAY : 7 * DAY;
    const at: number[] = [];
    for (let t = Math.ceil(from / DAY) * DAY; t <= to; t += step) at.push(t);
    return { at, unit: 'day' };
  }
  if (span <= 3 * 365 * DAY) {
    const months = span <= 400 * DAY ? 1 : span <= 800 * DAY ? 3 : 6;
    const at: number[] = [];
    const d = new Date(from);
    let y = d.getUTCFullYear();
    let m = d.getUTCMonth() + 1;
    for (;;) {
      if (m > 11) {
        y += Math.floor(m / 12);
        m %= 12;
      }
      const t = Date.UTC(y, m, 1);
      if (t > to) break;
      if (m % months === 0) at.push(t);
      m += 1;
    }
    return { at, unit: 'month' };
  }
  const years = Math.max(1, Math.ceil(span / (365 * DAY) / 8));
  const at: number[] = [];
  for (let y = new Date(from).getUTCFullYear() + 1; Date.UTC(y, 0, 1) <= to; y++)
    if (y % years === 0) at.push(Date.UTC(y, 0, 1));
  return { at, unit: 'year' };
}

function timeLabel(t: number, unit: 'day' | 'month' | 'year', lang: Lang, first: boolean): string {
  const d = new Date(t);
  const opts: Intl.DateTimeFormatOptions =
    unit === 'day'
      ? { month: 'short', day: 'numeric', timeZone: 'UTC' }
      : unit === 'month'
        ? d.getUTCMonth() === 0 || first
          ? { year: 'numeric', month: 'short', timeZone: 'UTC' }
          : { month: 'short', timeZone: 'UTC' }
        : { year: 'numeric', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(intlLocale(lang), opts).format(d);
}

function valueLabel(v: number, f: ChartValueFormat, lang: Lang, whole: boolean): string {
  // Axis ticks of whole amounts are written without cents ("$3,500", not "$3,500.00").
  if (f.kind === 'money')
    return whole ? fmtMoney(v, f.currency, lang).replace(/[.,]00(?=\D*$)/, '') : fmtMoney(v, f.currency, lang);
  return `${fmtNumber(v, lang, f.digits)}${f.suffix ?? ''}`;
}

const LINE_WIDTH = 960;
const PANEL_H = 250;
const PANEL_GAP = 56;
const LEFT = 110;
const RIGHT = 40;

function linesSvg(spec: LineChartSpec): string {
  const top = 96;
  const height = top + spec.panels.length * (PANEL_H + PANEL_GAP) + 30;
  const xs = spec.panels.flatMap((p) => [
    ...p.series.flatMap((s) => s.points.map(([x]) => x)),
    ...(p.markers ?? []).map((m) => m.x),
  ]);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const plotW = LINE_WIDTH - LEFT - RIGHT;
  const sx = (x: number): number => LEFT + (x1 > x0 ? ((x - x0) / (x1 - x0)) * plotW : plotW / 2);
  const ticks = timeTicks(x0, x1);
  const body = spec.panels
    .map((p, k) => panelSvg(p, k, top + k * (PANEL_H + PANEL_GAP), sx, ticks, spec.lang))
    .join('');
  return frame(spec, LINE_WIDTH, height, body);
}

function panelSvg(
  p: ChartPanel,
  k: number,
  y0: number,
  sx: (x: number) => number,
  ticks: { at: number[]; unit: 'day' | 'month' | 'year' },
  lang: Lang,
): string {
  const ys = [...p.series.flatMap((s) => s.points.map(([, y]) => y)), ...(p.levels ?? []).map((l) => l.y)].filter(
    Number.isFinite,
  );
  const yTicks = niceTicks(Math.min(...ys), Math.max(...ys));
  const lo = yTicks[0]!;
  const hi = yTicks[yTicks.length - 1]!;
  const top = y0 + 26;
  const plotH = PANEL_H - 26;
  const sy = (y: number): number => top + plotH - ((y - lo) / (hi - lo || 1)) * plotH;
  const right = LINE_WIDTH - RIGHT;
  const out: string[] = [
    `<text x="${LEFT}" y="${y0 + 14}" font-size="16" font-weight="bold" fill="${INK}">${esc(p.label)}</text>`,
  ];
  const whole = yTicks.every((v) => Number.isInteger(v));
  for (const v of yTicks) {
    const y = sy(v).toFixed(1);
    out.push(
      `<line x1="${LEFT}" y1="${y}" x2="${right}" y2="${y}" stroke="${GRID}" stroke-width="1"/>`,
      `<text x="${LEFT - 8}" y="${(sy(v) + 5).toFixed(1)}" text-anchor="end" font-size="13" fill="${MUTED}">${esc(valueLabel(v, p.format, lang, whole))}</text>`,
    );
  }
  ticks.at.forEach((t, i) => {
    const x = sx(t).toFixed(1);
    out.push(
      `<line x1="${x}" y1="${top + plotH}" x2="${x}" y2="${top + plotH + 5}" stroke="${MUTED}" stroke-width="1"/>`,
      `<text x="${x}" y="${top + plotH + 21}" text-anchor="middle" font-size="13" fill="${MUTED}">${esc(timeLabel(t, ticks.unit, lang, i === 0))}</text>`,
    );
  });
  for (const l of p.levels ?? []) {
    const y = sy(l.y).toFixed(1);
    out.push(
      `<line x1="${LEFT}" y1="${y}" x2="${right}" y2="${y}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      `<text x="${LEFT + 6}" y="${(sy(l.y) - 6).toFixed(1)}" font-size="13" fill="${INK}"${HALO}>${esc(l.label)}</text>`,
    );
  }
  // Marker labels close to an earlier one go one line lower, so they never print over each other.
  const placed: number[] = [];
  for (const m of [...(p.markers ?? [])].sort((a, b) => a.x - b.x)) {
    const px = sx(m.x);
    const row = placed.filter((q) => px - q < 140).length;
    placed.push(px);
    const x = px.toFixed(1);
    out.push(
      `<line x1="${x}" y1="${top}" x2="${x}" y2="${top + plotH}" stroke="${MUTED}" stroke-width="1.5" stroke-dasharray="4 4"/>`,
      `<text x="${(px + 4).toFixed(1)}" y="${top + 14 + row * 17}" font-size="13" fill="${INK}"${HALO}>${esc(m.label)}</text>`,
    );
  }
  p.series.forEach((s, i) => {
    const pts = s.points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
    if (!pts.length) return;
    let d = `M${sx(pts[0]![0]).toFixed(1)},${sy(pts[0]![1]).toFixed(1)}`;
    for (let j = 1; j < pts.length; j++) {
      const [x, y] = pts[j]!;
      if (s.step) d += `H${sx(x).toFixed(1)}`;
      d += `${s.step ? 'V' : 'L'}${s.step ? sy(y).toFixed(1) : `${sx(x).toFixed(1)},${sy(y).toFixed(1)}`}`;
    }
    const colour = s.color ?? PALETTE[(k + i) % PALETTE.length]!;
    out.push(`<path d="${d}" fill="none" stroke="${esc(colour)}" stroke-width="2.5" stroke-linejoin="round"/>`);
    const [lx, ly] = pts[pts.length - 1]!;
    out.push(`<circle cx="${sx(lx).toFixed(1)}" cy="${sy(ly).toFixed(1)}" r="4" fill="${esc(colour)}"/>`);
  });
  return out.join('');
}

/** The chart as SVG text (tests read it). */
export function chartSvg(spec: ChartSpec): string {
  return spec.kind === 'lines' ? linesSvg(spec) : barsSvg(spec);
}

/** Recently rendered charts: a scheduled fan-out posts the same chart to every channel. */
const rendered = new Map<string, Buffer>();
const RENDERED_MAX = 16;
let renders = 0;

/** How many charts were drawn (not served from the cache), for tests and the benchmark. */
export function chartRenders(): number {
  return renders;
}

/** PNG bytes of the chart (15–80 ms to render, so identical specs are rendered once). */
export function renderChartPng(spec: ChartSpec): Buffer {
  const key = JSON.stringify(spec);
  const hit = rendered.get(key);
  if (hit) return hit;
  const png = renderUncached(spec);
  if (rendered.size >= RENDERED_MAX) rendered.delete(rendered.keys().next().value!);
  rendered.set(key, png);
  return png;
}

function renderUncached(spec: ChartSpec): Buffer {
  renders++;
  const renderer = new (loadResvg().Resvg)(chartSvg(spec), {
    font: { loadSystemFonts: false, fontFiles: fontFiles(spec.lang), defaultFontFamily: FAMILY[spec.lang] },
  });
  return Buffer.from(renderer.render().asPng());
}
