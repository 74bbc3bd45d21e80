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

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function hhmm(s: string | undefined): [number, number] {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(s ?? '');
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
  const tz = rest[0] ?? 'UTC';
  if (rest.length > 1 || !isTimeZone(tz))
    throw new UserError('error.invalid', { name: 'tz', value: tz.slice(0, 40), hint: 'hint.tz' });
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
  if (!m) return t(lang, 'schedule.cron', { cron: s.cron, tz: s.tz });
  const time = `${m[2]!.padStart(2, '0')}:${m[1]!.padStart(2, '0')}`;
  if (m[3] === '*') return t(lang, 'schedule.daily', { time, tz: s.tz });
  return t(lang, 'schedule.weekly', { day: t(lang, `weekday.${DAYS[Number(m[3])]!}`), time, tz: s.tz });
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
