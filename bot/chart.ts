// Digest chart: SVG bars rendered to PNG by resvg with bundled fonts (no system libraries or fonts,
// so the image is the same on every machine): DejaVu Sans for English, Noto Sans S/T Chinese (the
// GB2312 and Big5 subsets from @embedpdf/fonts-sc and -tc) for 简体 and 繁體 charts.
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Lang } from '../commands/core/messages.js';
import { fmtNumber } from '../commands/core/format.js';
import type { ChartSpec } from '../commands/index.js';
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

const WIDTH = 800;
const BAR_H = 44;

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

/** The chart as SVG text (also useful for tests). */
export function chartSvg(spec: ChartSpec): string {
  const top = 90;
  const height = top + spec.bars.length * BAR_H + 40;
  const max = Math.max(1, ...spec.bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const labelW = 190;
  const barMax = WIDTH - labelW - 110;
  const bars = spec.bars
    .map((b, i) => {
      const v = Number.isFinite(b.value) ? Math.max(0, b.value) : 0;
      const y = top + i * BAR_H;
      const w = Math.max(1, (v / max) * barMax);
      return [
        `<text x="${labelW - 12}" y="${y + 26}" text-anchor="end" font-size="18" fill="#111827">${esc(b.label)}</text>`,
        `<rect x="${labelW}" y="${y + 8}" width="${w.toFixed(1)}" height="${BAR_H - 16}" rx="4" fill="${esc(b.color ?? '#3b82f6')}"/>`,
        `<text x="${(labelW + w + 10).toFixed(1)}" y="${y + 26}" font-size="18" fill="#111827">${esc(fmtNumber(v, spec.lang, 1))}${esc(spec.unit)}</text>`,
      ].join('');
    })
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${FAMILY[spec.lang]}, DejaVu Sans">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="24" y="40" font-size="22" font-weight="bold" fill="#111827">${esc(spec.title)}</text>`,
    spec.subtitle ? `<text x="24" y="68" font-size="15" fill="#6b7280">${esc(spec.subtitle)}</text>` : '',
    bars,
    spec.footer ? `<text x="24" y="${height - 14}" font-size="13" fill="#6b7280">${esc(spec.footer)}</text>` : '',
    `</svg>`,
  ].join('');
}

/** Recently rendered charts: a scheduled fan-out posts the same chart to every channel. */
const rendered = new Map<string, Buffer>();
const RENDERED_MAX = 16;

/** PNG bytes of the chart (15–50 ms to render, so identical specs are rendered once). */
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
  const renderer = new (loadResvg().Resvg)(chartSvg(spec), {
    font: { loadSystemFonts: false, fontFiles: fontFiles(spec.lang), defaultFontFamily: FAMILY[spec.lang] },
  });
  return Buffer.from(renderer.render().asPng());
}
