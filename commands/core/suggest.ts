// Suggestions for options while the user types (Discord autocomplete, Telegram inline hints).
// Local data only: answers in microseconds, never waits on the network.
import type { OptionSpec } from './types.js';
import { CURRENCIES, CURRENCY_NAMES } from './options.js';

export interface Suggestion {
  /** What the user sees (≤ 100 characters). */
  name: string;
  /** What is filled in. */
  value: string;
}

/** Up to `limit` suggestions for the option's kind; empty when the kind has none. */
export function suggest(spec: OptionSpec, query: string, limit = 25): Suggestion[] {
  const q = query.trim().toLowerCase();
  switch (spec.kind) {
    case 'model':
      return (spec.models?.search(q, limit) ?? []).map((m) => ({
        name: `${m.name} · ${m.hashrateThs} TH/s · ${m.efficiencyJth} J/TH`.slice(0, 100),
        value: m.id,
      }));
    case 'currency':
      // by code, English name or Chinese name: "rmb", "人民", "yen" all find theirs
      return CURRENCIES.filter((c) => c.startsWith(q) || CURRENCY_NAMES[c].some((n) => n.startsWith(q)))
        .slice(0, limit)
        .map((c) => ({
          name: `${c.toUpperCase()} · ${CURRENCY_NAMES[c].slice(0, 3).join(', ')}`.slice(0, 100),
          value: c,
        }));
    case 'choice':
      return (spec.choices ?? [])
        .filter((c) => c.startsWith(q))
        .slice(0, limit)
        .map((c) => ({ name: c, value: c }));
    default:
      return [];
  }
}
