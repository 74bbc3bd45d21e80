// Chart rendering: each chart drawn cold (SVG built and rendered by resvg with its fonts) and served
// from the render cache, in English and 繁體 (the CJK font is the larger one to load), with PNG sizes.
import { dispatch } from '../../commands/index.js';
import type { Lang } from '../../commands/core/messages.js';
import { chartSvg, renderChartPng } from '../../bot/chart.js';
import type { Runtime } from '../../bot/runtime.js';
import { percentile, type Row } from './bench.js';

const CHARTS: Array<[string, string]> = [
  ['chart', 'hashprice period=1y'],
  ['chart', 'difficulty period=6m'],
  ['chart', 'hashprice period=all currency=eur'],
  ['break-even', 's21xp 0.05 hardware_cost=3500'],
  ['chart', 'pools'],
];

export async function chartsBench(rt: Runtime, rounds = 10): Promise<Row[]> {
  const rows: Row[] = [];
  for (const lang of ['en', 'zh-Hant'] as Lang[]) {
    for (const [name, text] of CHARTS) {
      const reply = await dispatch(name, { text }, { lang, platform: 'test' }, rt.deps);
      if (!reply.chart) throw new Error(`bench: ${name} ${text} has no chart: ${reply.title}`);
      const cold: number[] = [];
      let bytes = 0;
      let width = 0;
      for (let i = 0; i < rounds; i++) {
        // A distinct spec each round (the title differs), so every round is drawn from scratch.
        const spec = { ...reply.chart, title: `${reply.chart.title} ${i}` };
        const t0 = performance.now();
        const png = renderChartPng(spec);
        cold.push(performance.now() - t0);
        bytes = png.length;
        width = png.readUInt32BE(16);
      }
      renderChartPng(reply.chart);
      const cached: number[] = [];
      for (let i = 0; i < 1000; i++) {
        const t0 = performance.now();
        renderChartPng(reply.chart);
        cached.push(performance.now() - t0);
      }
      cold.sort((a, b) => a - b);
      cached.sort((a, b) => a - b);
      rows.push({
        name: `${lang} ${name} ${text}`,
        values: {
          'cold p50 ms': percentile(cold, 50).toFixed(1),
          'cold max ms': cold[cold.length - 1]!.toFixed(1),
          'cached p50 ms': percentile(cached, 50).toFixed(3),
          'SVG KB': (chartSvg(reply.chart).length / 1024).toFixed(1),
          'PNG KB': (bytes / 1024).toFixed(1),
          'width px': String(width),
        },
      });
    }
  }
  return rows;
}
