// Digest schedules: `daily 09:00 [TZ]`, `weekly mon 09:00 [TZ]` or `cron="…" [TZ]` → a cron expression,
// checked against the minimum interval. Slots are computed with croner from explicit instants (pure).
import { Cron } from 'croner';
import { UserError } from '../core/errors.js';
import { t, type Lang } from '../core/messages.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

export interface Schedule {
  cron: string;
  tz: string;
}

/**
 * Zones as people name them: IANA names, UTC±N / GMT±N offsets, and the cities and abbreviations of this
 * community. CST is China Standard Time here (UTC+8; this product's Chinese users mean it), not US
 * Central; a US user writes America/Chicago.
 */
const ZONE_NAMES: Readonly<Record<string, string>> = {
  cst: 'Asia/Shanghai',
  china: 'Asia/Shanghai',
  beijing: 'Asia/Shanghai',
  shanghai: 'Asia/Shanghai',
  shenzhen: 'Asia/Shanghai',
  chengdu: 'Asia/Shanghai',
  北京: 'Asia/Shanghai',
  上海: 'Asia/Shanghai',
  深圳: 'Asia/Shanghai',
  成都: 'Asia/Shanghai',
  北京时间: 'Asia/Shanghai',
  北京時間: 'Asia/Shanghai',
  taipei: 'Asia/Taipei',
  taiwan: 'Asia/Taipei',
  台北: 'Asia/Taipei',
  臺北: 'Asia/Taipei',
  hongkong: 'Asia/Hong_Kong',
  'hong kong': 'Asia/Hong_Kong',
  hk: 'Asia/Hong_Kong',
  hkt: 'Asia/Hong_Kong',
  香港: 'Asia/Hong_Kong',
  singapore: 'Asia/Singapore',
  sgt: 'Asia/Singapore',
  新加坡: 'Asia/Singapore',
  tokyo: 'Asia/Tokyo',
  jst: 'Asia/Tokyo',
  london: 'Europe/London',
  berlin: 'Europe/Berlin',
  'new york': 'America/New_York',
  gmt: 'UTC',
};

/** The IANA zone a written zone stands for (`UTC+8` → Etc/GMT-8, POSIX's inverted sign), else as given. */
export function zoneOf(written: string): string {
  const w = written.normalize('NFKC').trim();
  const named = ZONE_NAMES[w.toLowerCase()];
  if (named) return named;
  const off = /^(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?00)?$/i.exec(w);
  if (off && Number(off[2]) <= 14)
    return Number(off[2]) === 0 ? 'UTC' : `Etc/GMT${off[1] === '+' ? '-' : '+'}${Number(off[2])}`;
  return w;
}

/** A zone as people read it: Etc/GMT-8 is shown as UTC+8 (the POSIX sign is inverted). */
export function zoneLabel(tz: string): string {
  const m = /^Etc\/GMT([+-])(\d{1,2})$/.exec(tz);
  return m ? `UTC${m[1] === '-' ? '+' : '-'}${m[2]}` : tz;
}

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** 09:00, 9:30, 9am, 9:30pm, 21点, 9時, 0900 → [hour, minute]. */
function hhmm(s: string | undefined): [number, number] {
  const text = (s ?? '').normalize('NFKC').trim().toLowerCase();
  const ampm = /^(1[0-2]|0?[1-9])(?::([0-5]\d))?\s*(am|pm)$/.exec(text);
  if (ampm) return [(Number(ampm[1]) % 12) + (ampm[3] === 'pm' ? 12 : 0), Number(ampm[2] ?? 0)];
  const han = /^([01]?\d|2[0-3])\s*(?:点|點|時|时)(?:\s*([0-5]?\d)\s*分?)?$/.exec(text);
  if (han) return [Number(han[1]), Number(han[2] ?? 0)];
  const compact = /^([01]\d|2[0-3])([0-5]\d)$/.exec(text);
  if (compact) return [Number(compact[1]), Number(compact[2])];
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m)
    throw new UserError('error.invalid', {
      name: 'time',
      value: (s ?? '').slice(0, 10) || '""',
      hint: 'hint.scheduleTime',
    });
  return [Number(m[1]), Number(m[2])];
}

function cronOf(expr: string, tz: string): Cron {
  try {
    return new Cron(expr, { timezone: tz, paused: true });
  } catch {
    throw new UserError('error.invalid', { name: 'cron', value: expr.slice(0, 40), hint: 'hint.cron' });
  }
}

/** Slot instants (epoch ms) in (fromMs, toMs], oldest first, at most `max`. */
export function slotsBetween(s: Schedule, fromMs: number, toMs: number, max = 100): number[] {
  const cron = cronOf(s.cron, s.tz);
  const out: number[] = [];
  let cursor = new Date(fromMs);
  for (let i = 0; i < max; i++) {
    const next = cron.nextRun(cursor);
    if (!next || next.getTime() > toMs) break;
    out.push(next.getTime());
    cursor = next;
  }
  return out;
}

/** The first slot after `fromMs` (within 400 days), or undefined when there is none. */
export function nextSlot(s: Schedule, fromMs: number): number | undefined {
  return slotsBetween(s, fromMs, fromMs + 400 * 86_400_000, 1)[0];
}

/** Smallest gap between runs over the next 60 occurrences (minutes). */
export function minGapMinutes(s: Schedule, fromMs: number): number {
  const runs = slotsBetween(s, fromMs, fromMs + 400 * 86_400_000, 60);
  let gap = Infinity;
  for (let i = 1; i < runs.length; i++) gap = Math.min(gap, (runs[i]! - runs[i - 1]!) / 60_000);
  return gap;
}

/** Reads the schedule words after `subscribe`; every problem is a UserError naming the part. */
export function parseSchedule(tokens: readonly string[], minIntervalMinutes: number, now: number): Schedule {
  const kind = (tokens[0] ?? '').toLowerCase();
  let cron: string;
  let rest: readonly string[];
  if (kind === 'daily') {
    const [h, m] = hhmm(tokens[1]);
    cron = `${m} ${h} * * *`;
    rest = tokens.slice(2);
  } else if (kind === 'weekly') {
    const day = DAYS.indexOf((tokens[1] ?? '').toLowerCase().slice(0, 3) as (typeof DAYS)[number]);
    if (day < 0)
      throw new UserError('error.invalid', {
        name: 'day',
        value: (tokens[1] ?? '').slice(0, 10) || '""',
        hint: 'hint.scheduleDay',
      });
    const [h, m] = hhmm(tokens[2]);
    cron = `${m} ${h} * * ${day}`;
    rest = tokens.slice(3);
  } else if (kind.startsWith('cron=')) {
    cron = tokens[0]!.slice(5).trim();
    if (cron.split(/\s+/).length !== 5)
      throw new UserError('error.invalid', { name: 'cron', value: cron.slice(0, 40), hint: 'hint.cron' });
    rest = tokens.slice(1);
  } else {
    throw new UserError('error.invalid', { name: 'schedule', value: kind.slice(0, 20) || '""', hint: 'hint.schedule' });
  }
  const tz = zoneOf(rest.join(' ') || 'UTC');
  if (!isTimeZone(tz)) throw new UserError('error.invalid', { name: 'tz', value: tz.slice(0, 40), hint: 'hint.tz' });
  const schedule = { cron, tz };
  cronOf(cron, tz);
  const gap = minGapMinutes(schedule, now);
  if (!Number.isFinite(gap))
    throw new UserError('error.invalid', { name: 'cron', value: cron.slice(0, 40), hint: 'hint.cron' });
  if (gap < minIntervalMinutes) {
    throw new UserError('error.scheduleTooFrequent', { gap: Math.round(gap), min: minIntervalMinutes });
  }
  return schedule;
}

/** "daily at 09:00 (Asia/Shanghai)", "每周一 09:00（Asia/Shanghai）": a schedule in the reply language. */
export function describeSchedule(s: Schedule, lang: Lang): string {
  const m = /^(\d+) (\d+) \* \* (\*|\d)$/.exec(s.cron);
  if (!m) return t(lang, 'schedule.cron', { cron: s.cron, tz: zoneLabel(s.tz) });
  const time = `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
  if (m[3] === '*') return t(lang, 'schedule.daily', { time, tz: zoneLabel(s.tz) });
  return t(lang, 'schedule.weekly', { day: t(lang, `weekday.${DAYS[Number(m[3])]!}`), time, tz: zoneLabel(s.tz) });
}

/** "2026-09-20 09:00": an instant as the clock reads in `tz` (the subscriber's zone). */
export function localTime(ms: number, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: tz,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(ms);
  const p = (type: Intl.DateTimeFormatPartTypes): string => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('year')}-${p('month')}-${p('day')} ${p('hour')}:${p('minute')}`;
}
