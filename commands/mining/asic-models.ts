// Preset lookup: case- and punctuation-insensitive, with "did you mean" suggestions.
import { ASIC_MODELS, type AsicModel } from './asic-models.data.js';
import type { ModelCatalog } from '../core/types.js';
import { editDistance } from '../core/text.calc.js';

export { ASIC_MODELS, type AsicModel };

/** Lower-case, vendor words dropped, `+` spelled out, everything but letters and digits removed. */
export function normalizeModelName(text: string): string {
  return text
    .toLowerCase()
    .replace(/\b(antminer|bitmain|whatsminer|microbt)\b/g, '')
    .replace(/\+/g, 'plus')
    .replace(/hydro\b/g, 'hyd')
    .replace(/[^a-z0-9]/g, '');
}

const index = new Map<string, AsicModel>();
for (const m of ASIC_MODELS) {
  const withoutVariant = m.name.replace(/\(.*?\)/g, '');
  for (const key of [m.id, m.name, withoutVariant]) {
    const k = normalizeModelName(key);
    // The first preset wins for a shared short name, e.g. "S19j Pro" → the 100 TH/s variant listed as `s19jpro`.
    if (k && (!index.has(k) || normalizeModelName(m.id) === k)) index.set(k, m);
  }
}

/** The preset for a user's spelling, or undefined. */
export function findModel(text: string): AsicModel | undefined {
  const k = normalizeModelName(text);
  return k ? index.get(k) : undefined;
}

/** Up to `limit` presets close to the text: prefix matches first, then by edit distance ≤ 3. */
export function suggestModels(text: string, limit = 3): AsicModel[] {
  const k = normalizeModelName(text);
  if (!k) return [];
  const scored = ASIC_MODELS.map((m) => {
    const id = normalizeModelName(m.id);
    const name = normalizeModelName(m.name.replace(/\(.*?\)/g, ''));
    const prefix = id.startsWith(k) || name.startsWith(k) || k.startsWith(id);
    const distance = Math.min(editDistance(k, id), editDistance(k, name));
    return { m, score: prefix ? distance - 1 : distance };
  });
  return scored
    .filter((s) => s.score <= 3)
    .sort((a, b) => a.score - b.score)
    .slice(0, limit)
    .map((s) => s.m);
}

/** Presets whose id or name contains the text (for autocomplete); all of them for an empty query. */
export function searchModels(text: string, limit = 25): AsicModel[] {
  const k = normalizeModelName(text);
  const hits = ASIC_MODELS.filter(
    (m) => !k || normalizeModelName(m.id).includes(k) || normalizeModelName(m.name).includes(k),
  );
  return (hits.length > 0 ? hits : suggestModels(text, limit)).slice(0, limit);
}

/** The bundled presets as the port the core's parser reads (given to every `model` option spec). */
export const ASIC_CATALOG: ModelCatalog = { find: findModel, suggest: suggestModels, search: searchModels };
