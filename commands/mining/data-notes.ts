// Footnotes and JSON `data` blocks that say where each number came from and how old it is.
import type { Lang } from '../core/messages.js';
import { t } from '../core/messages.js';
import { fmtAge, fmtDatum, fmtList, fmtSource as sourceName, fmtTime } from '../core/format.js';
import type { MarketInputs } from './inputs.js';
import type { DataOrigin } from '../core/ports.js';

export { fmtSource as sourceName } from '../core/format.js';

/** "Data: mempool.space, CoinGecko · as of 18:50 UTC (2 min old)": the sources and the oldest datum's age. */
export function sourcesLine(origins: ReadonlyArray<DataOrigin>, now: number, lang: Lang): string {
  const oldest = Math.min(...origins.map((o) => o.fetchedAt));
  return t(lang, 'footer.sources', {
    sources: fmtList([...new Set(origins.map((o) => sourceName(o.source)))], lang),
    time: fmtTime(oldest),
    age: fmtAge(now - oldest, lang),
  });
}

/** The sources line, and "some figures are stale" when any origin is: the digest's and the charts' footnote. */
export function sourcesFootnote(origins: ReadonlyArray<DataOrigin>, now: number, lang: Lang): string[] {
  return [sourcesLine(origins, now, lang), ...(origins.some((o) => o.stale) ? [t(lang, 'footer.staleSome')] : [])];
}

/** The sources line plus which figures are stale and how old, and the disclaimer. */
export function dataFootnote(m: MarketInputs, now: number, lang: Lang): string {
  const origins = Object.entries(m.origins);
  if (origins.length === 0) return [t(lang, 'footer.noLive'), t(lang, 'footer.disclaimer')].join('\n');
  const parts = [sourcesLine(Object.values(m.origins), now, lang)];
  const stale = origins.filter(([, o]) => o.stale);
  if (stale.length > 0) {
    const staleOldest = Math.min(...stale.map(([, o]) => o.fetchedAt));
    parts.push(
      t(lang, 'footer.stale', {
        what: fmtList(
          stale.map(([k]) => fmtDatum(k, lang)),
          lang,
        ),
        age: fmtAge(now - staleOldest, lang),
      }),
    );
  }
  parts.push(t(lang, 'footer.disclaimer'));
  return parts.join('\n');
}

/** The `data` object of every mining command's JSON output. */
export function dataJson(m: MarketInputs): Record<string, unknown> {
  const origins = Object.values(m.origins);
  const asOf = origins.length ? Math.min(...origins.map((o) => o.fetchedAt)) : null;
  return {
    difficulty: m.difficulty,
    height: m.height,
    blockSubsidy: m.subsidyBtc,
    avgFeesPerBlock: m.feesPerBlockBtc,
    price: m.price,
    currency: m.currency,
    sources: Object.fromEntries(Object.entries(m.origins).map(([k, o]) => [k, o.source])),
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    stale: origins.some((o) => o.stale),
    whatIf: m.whatIf,
    feesIncluded: !m.feesOff && !m.feesMissing,
  };
}

/** The lines every mining reply adds about its inputs: fees missing or off, what-if overrides. */
export function addDataLines(lines: string[], m: MarketInputs, lang: Lang): void {
  if (m.feesMissing) lines.push(t(lang, Object.keys(m.origins).length ? 'yield.noFees' : 'yield.noFeesWhatIf'));
  if (m.feesOff) lines.push(t(lang, 'yield.feesOff'));
  if (m.whatIf.length)
    lines.push(
      t(lang, 'yield.whatIf', {
        what: fmtList(
          m.whatIf.map((w) => fmtDatum(w, lang)),
          lang,
        ),
      }),
    );
}
