// Which characters are 简体 only: those OpenCC maps to a Traditional form (STCharacters) that are
// not in Big5 itself (干, 台, 后 and 里 are Traditional too). Big5 is read from the runtime's own
// WHATWG decoder, standard range only (lead bytes A4–F9, no HKSCS extensions). Big5 also holds 128
// of OpenCC's simplified characters as rare Traditional ones (机 is a tree, 价 a servant); those a
// Taiwanese reader would take as 简体 in running text are listed here and count as 简体 too.
import ST_CHARACTERS from 'opencc-js/dict/STCharacters';

const SIMPLIFIED_IN_BIG5 = '万与丰价优体儿党几划厂吨听坏复岭并庄异征怀惊愿扰挂据斗机杰极构柜气洁涂游确离种网胜虫赶适采';

let big5: Set<string> | null = null;
let simplified: Set<string> | null = null;

function big5Chars(): Set<string> {
  const set = new Set<string>();
  const decoder = new TextDecoder('big5');
  const trails = [...Array(63).keys()].map((i) => 0x40 + i).concat([...Array(94).keys()].map((i) => 0xa1 + i));
  for (let lead = 0xa4; lead <= 0xf9; lead++)
    for (const trail of trails) {
      const c = decoder.decode(Uint8Array.from([lead, trail]));
      if (c !== '\ufffd') set.add(c);
    }
  return set;
}

/** The 简体-only characters of `text`, in order. */
export function simplifiedOnly(text: string): string[] {
  big5 ??= big5Chars();
  if (!simplified) {
    const b = big5;
    simplified = new Set(
      ST_CHARACTERS.split('|')
        .map((p) => p.split(' ')[0]!)
        .filter((c) => c && (!b.has(c) || SIMPLIFIED_IN_BIG5.includes(c))),
    );
  }
  const s = simplified;
  return [...text].filter((c) => s.has(c));
}

/** Han characters (CJK ideographs). */
export const HAN = /\p{Script=Han}/u;
