// opencc-js ships its dictionaries as ESM modules of one string each ("trad simp|trad simp|…"),
// without type declarations for these subpaths.
declare module 'opencc-js/dict/*' {
  const pairs: string;
  export default pairs;
}
