// 繁體中文 is derived from the 简体 catalog by OpenCC (cn → twp: characters, Taiwan variants and Taiwan
// phrases). Its phrase table is tuned for general software text, and some of its choices are wrong or
// odd for this product; the reviewed corrections are here. `npm run i18n` applies them and rewrites
// zh-hant.ts; test/i18n checks that the file is current and that no 简体-only character is left.

/**
 * Mining terms and the form 繁體 readers use (Taiwan, Hong Kong and overseas mining chats). The
 * language test converts each left-hand term and requires the right-hand one.
 */
export const MINING_GLOSSARY: ReadonlyArray<readonly [simplified: string, traditional: string]> = [
  ['算力', '算力'],
  ['矿机', '礦機'],
  ['矿池', '礦池'],
  ['矿场', '礦場'],
  ['电费', '電費'],
  ['难度调整', '難度調整'],
  ['减半', '減半'],
  ['云算力', '雲算力'],
  ['区块', '區塊'],
  ['区块补贴', '區塊補貼'],
  ['挖矿', '挖礦'],
  ['手续费', '手續費'],
  ['回本', '回本'],
  ['盈亏平衡', '盈虧平衡'],
  ['算力价格', '算力價格'],
  ['全网', '全網'],
  ['聪', '聰'],
  ['在线率', '在線率'],
  ['能效比', '能效比'],
  ['提现', '提領'],
  ['账户', '帳戶'],
  ['运营方', '營運方'],
  ['权限', '權限'],
  ['发布', '發布'],
  ['一台矿机', '一台礦機'],
];

/**
 * Replacements applied to OpenCC's output, in order: [what OpenCC wrote, what a Taiwanese or
 * Hong Kong reader expects].
 */
export const AFTER_OPENCC: ReadonlyArray<readonly [from: string, to: string]> = [
  ['釋出', '發布'], // 发布 "publish": OpenCC's 釋出 means "release (software)"
  ['許可權', '權限'], // 权限 "permission": OpenCC's famous mis-split of 许可/权
  ['重新整理', '更新'], // 刷新 of data: 更新; 重新整理 is the browser button
  ['線上率', '在線率'], // uptime: 在线 split as 線上
  ['賬', '帳'], // 帳戶, 帳號: Taiwan standard form
  ['運營', '營運'], // operator: 營運方
  ['提現', '提領'], // withdrawal
  ['臺', '台'], // 一台, 後台, 平台: the everyday form in Taiwan and Hong Kong
  ['響應', '回應'], // a source "answered": 回應 (響應 is a call to action)
  ['引數', '參數'], // parameters of a command: 參數 (引數 is a programmer's "argument")
  ['獲取', '取得'], // get data: 取得
  ['天后', '天後'], // "in N days": OpenCC leaves 天后 (the goddess)
  ['沒在執行', '沒在運轉'], // a machine runs: 運轉 (執行 is a program)
  ['合同', '合約'], // contract
  ['計劃', '計畫'], // schedule, plan: Taiwan's standard form
  ['示例', '範例'], // examples
  ['運維', '維運'], // operators
  ['“', '「'], // quotation marks as Taiwan and Hong Kong print them
  ['”', '」'],
];
