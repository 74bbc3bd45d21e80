// Traditional → Simplified, character by character, from OpenCC's own tables (opencc-js ships them as
// strings): Taiwan and Hong Kong variant forms first (裡 → 裏, 户 → 戶), then Traditional → Simplified
// (裏 → 里, 戶 → 户). Enough to let every 简体 pattern match 繁體 text; phrase-level conversion is not
// needed for matching. Tables are read on first use.
import TS_CHARACTERS from 'opencc-js/dict/TSCharacters';
import TW_VARIANTS_REV from 'opencc-js/dict/TWVariantsRev';
import HK_VARIANTS_REV from 'opencc-js/dict/HKVariantsRev';

let variants: Map<string, string> | null = null;
let simplified: Map<string, string> | null = null;

function table(pairs: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const pair of pairs.split('|')) {
    const [from, to] = pair.split(' ');
    if (from && to && !m.has(from)) m.set(from, to);
  }
  return m;
}

/** The text with every Traditional character replaced by its Simplified form (others unchanged). */
export function toSimplified(text: string): string {
  variants ??= new Map([...table(HK_VARIANTS_REV), ...table(TW_VARIANTS_REV)]);
  simplified ??= table(TS_CHARACTERS);
  let out = '';
  for (const c of text) {
    const v = variants.get(c) ?? c;
    out += simplified.get(v) ?? v;
  }
  return out;
}
