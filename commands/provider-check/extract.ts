// Reads an offer's own ad text (English or Chinese): the fields it states and the keyword signals of
// provider-check.md §4. Pure; explicit arguments win over anything found here.
import { toSimplified } from '../core/chinese.js';

export interface Extracted {
  hashrateThs?: number;
  days?: number | 'lifetime';
  /** Total price stated for the whole contract (e.g. "900 USDT"). */
  totalPrice?: number;
  /** Promised payout as % of the price per day. */
  dailyPct?: number;
  /** Promised payout amount per day for the whole contract. */
  dailyAmount?: number;
  referralLevels?: number;
  withdrawalFeePct?: number;
  noMaintenanceFee?: boolean;
  guaranteed?: boolean;
  tokenPayout?: boolean;
}

export type KeywordCode =
  'E2' | 'P4' | 'P1' | 'P3' | 'P3C' | 'P3F' | 'E8' | 'E7' | 'I' | 'C2' | 'C1' | 'C3' | 'R4' | 'T1' | 'X1';

export interface KeywordHit {
  code: KeywordCode;
  phrase: string;
}

const ZH_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function num(s: string): number {
  return Number(s.replace(/,/g, ''));
}

/** Ad text read: a long post's first part is where its claims are (and it bounds every regex's work). */
export const AD_TEXT_MAX = 4000;

/**
 * The text as the patterns read it: NFKC (full-width digits and the ideographic space become ASCII),
 * 繁體 as 简体 (every pattern is written once, in Simplified), every run of whitespace one space (no
 * pattern can then backtrack over long runs of spaces), capped.
 */
export function normaliseAdText(text: string): string {
  return toSimplified(asWritten(text));
}

/** The text before the script conversion: NFKC, whitespace runs collapsed, capped. */
function asWritten(text: string): string {
  return text
    .slice(0, AD_TEXT_MAX * 2)
    .normalize('NFKC')
    .replace(/\s+/g, ' ')
    .slice(0, AD_TEXT_MAX);
}

/** Fields found in the text; absent ones are left out. */
export function extractOffer(text: string): Extracted {
  const t = normaliseAdText(text);
  const out: Extracted = {};
  const hr = /(\d+(?:\.\d+)?)\s*(T|TH|P|PH|E|EH)(?:\/s)?(?![a-z])/i.exec(t);
  if (hr) out.hashrateThs = num(hr[1]!) * ({ t: 1, p: 1e3, e: 1e6 }[hr[2]![0]!.toLowerCase() as 't' | 'p' | 'e'] ?? 1);
  if (/永久算力|终身算力|永久合约|lifetime|permanent|forever/i.test(t)) out.days = 'lifetime';
  const days = /(\d{1,4})\s*(?:天|日(?!息|收益)|days?\b)/i.exec(t);
  if (days && out.days === undefined) out.days = num(days[1]!);
  const price = /(\d[\d,]*(?:\.\d+)?)\s*(?:USDT|USD|U\b|美元|刀)|\$\s*(\d[\d,]*(?:\.\d+)?)/i.exec(
    t.replace(/(\d[\d,]*(?:\.\d+)?)\s*(?:USDT|USD|U|美元)?\s*(?:\/|每)\s*(?:天|日|day)/gi, ''),
  );
  if (price) out.totalPrice = num(price[1] ?? price[2]!);
  const monthly =
    /(?:月息|月收益)\s*(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%\s*(?:a month|per month|monthly|每月)/i.exec(t);
  if (monthly) out.dailyPct = num(monthly[1] ?? monthly[2]!) / 30;
  const pct =
    /(?:日息|日收益|日化|每日|每天)\s*(\d+(?:\.\d+)?)\s*%|(\d+(?:\.\d+)?)\s*%\s*(?:daily|per day|a day|\/\s*day|每天|每日|\/天)|daily\s*(?:roi|return|profit)?\s*(?:of)?\s*(\d+(?:\.\d+)?)\s*%/i.exec(
      t,
    );
  if (pct && out.dailyPct === undefined) out.dailyPct = num(pct[1] ?? pct[2] ?? pct[3]!);
  const amount =
    /(\d+(?:\.\d+)?)\s*(?:USDT|USD|U|美元)\s*(?:\/|每|per\s*)\s*(?:天|日|day)|(?:每天|每日|daily)\s*(?:收益|profit|payout|income)?\s*(\d+(?:\.\d+)?)\s*(?:USDT|USD|U|美元)/i.exec(
      t,
    );
  if (amount) out.dailyAmount = num(amount[1] ?? amount[2]!);
  const zhRef = /([一二两三四五六七八九十])\s*(?:级|代|层)\s*(?:返佣|返利|分销|推荐|奖励)/.exec(t);
  const enRef = /(\d+)[-\s]*(?:level|tier|generation)s?\s*(?:referral|affiliate|commission|bonus|team)/i.exec(t);
  if (zhRef) out.referralLevels = ZH_NUM[zhRef[1]!] ?? 1;
  else if (enRef) out.referralLevels = num(enRef[1]!);
  else if (/推荐奖|直推|团队奖|级差|拉新|referral bonus|team bonus/i.test(t)) out.referralLevels = 1;
  const wf = /(?:提现手续费|withdrawal fee)\s*(\d+(?:\.\d+)?)\s*%/i.exec(t);
  if (wf) out.withdrawalFeePct = num(wf[1]!);
  if (/免电费|无管理费|无电费|no (?:electricity|maintenance|power) fees?/i.test(t)) out.noMaintenanceFee = true;
  if (
    /保本|保息|保证收益|固定收益|零风险|稳赚|guaranteed|risk[- ]free|fixed (?:daily )?(?:return|income|profit)/i.test(t)
  )
    out.guaranteed = true;
  if (/平台币|(?:paid|payout|payouts) in (?:our|its) (?:own )?(?:token|coin)|own token/i.test(t))
    out.tokenPayout = true;
  return out;
}

const KEYWORDS: ReadonlyArray<[KeywordCode, RegExp]> = [
  [
    'E2',
    /保息|保收益|保证收益|固定收益|稳定收益|日息|日收益\s*\d|月息|躺赚|稳赚|零风险|静态收益|guaranteed|fixed daily|fixed (?:return|income|profit)|daily roi|risk[- ]free/gi,
  ],
  ['P4', /保本|money[- ]back|principal (?:is )?guaranteed/gi],
  [
    'P1',
    /动态收益|推荐奖|直推|团队奖|级差|[一二两三四五六七八九十]\s*(?:代|级)\s*返佣|拉新|referral levels?|\d+[- ]level referral|team bonus/gi,
  ],
  // Pay-to-withdraw: a "tax", fee or deposit demanded before a withdrawal (the exit scam's last step).
  [
    'P3C',
    /解冻费|激活费|验证金|先交税|先缴税|缴税才能提现|(?:提现|提币|出金)(?:前|时)?(?:需|需要|必须|要)?(?:先)?(?:缴纳|交纳|缴|交|支付|补缴|充值).{0,12}(?:税|费|保证金|押金|金额|资金|USDT)|(?:缴纳|交纳|支付|补缴|充值|交).{0,14}(?:才能|方可|后才能|后方可|才可以)(?:提现|提币|出金|解冻)|(?:个人所得税|所得税|手续费|保证金|激活费|解冻费).{0,8}(?:才能|方可|后才能)(?:提现|提币|出金)|activation fee|unlock(?:ing)? (?:your |the )?withdrawals?|(?:unfreez(?:e|ing)|release|clearance|verification|withdrawal) (?:fee|deposit|tax)|(?:pay|deposit|send)(?: a| the| an)? (?:\S+ ){0,3}(?:tax|fee|deposit|charge)e?s? (?:to|before|in order to|so you can) (?:withdraw|unlock|release)|tax (?:to|before) withdraw/gi,
  ],
  [
    'P3F',
    /(?:账户|帐户|账号|帐号|资金|钱包)(?:已|已经)?(?:被)?(?:冻结|锁定)|(?:account|funds|wallet|balance|withdrawals?) (?:has been |have been |is |are |was |were )?(?:frozen|locked|suspended|on hold)/gi,
  ],
  ['P3', /提现手续费|withdrawal fee/gi],
  // Regulator approval claimed for the returns (fake MSB / SEC / FCA licences).
  [
    'C3',
    /(?:美国|英国)?(?:SEC|FCA|CFTC|FinCEN|MSB|证监会|金融监管局)(?:认证|批准|监管|牌照|许可|备案|注册)|(?:持有|拥有|获得)(?:美国|英国|国际)?.{0,6}(?:牌照|金融许可证)|政府监管|国家认证|(?:SEC|FCA|CFTC|FinCEN|government)[- ](?:approved|certified|registered|licensed|regulated|insured)|(?:regulated|licensed|approved|insured|supervised) by (?:the )?(?:SEC|FCA|CFTC|FinCEN|IRS|government)|MSB licen[cs]e/gi,
  ],
  // Hashrate sold as a token or NFT, "tradable on a secondary market".
  [
    'T1',
    /算力\s?NFT|NFT\s?算力|算力代币|算力通证|代币化算力|二级市场|tokeni[sz]ed hash ?(?:rate|power)|hash ?(?:rate|power) (?:nfts?|tokens?)|nfts? (?:backed by|representing) hash ?(?:rate|power)|secondary market/gi,
  ],
  // "Mining" of other coins or staking: not judged against Bitcoin's hashprice.
  [
    'X1',
    /质押挖矿|质押|流动性挖矿|(?:filecoin|\bFIL|以太坊|ethereum|\bETH|狗狗币|dogecoin|\bDOGE|莱特币|litecoin|\bLTC|\bchia|\bXCH|kaspa|\bKAS|门罗币|monero|\bXMR) ?(?:挖矿|矿机|云算力|算力|mining|miners?|staking|cloud)|staking|liquidity mining|defi mining/gi,
  ],
  ['E8', /永久算力|终身算力|lifetime contract|lifetime hashrate/gi],
  ['E7', /免电费|无管理费|no (?:electricity|maintenance) fee/gi],
  ['I', /矿机租赁|云矿机|虚拟矿机|签到挖矿|passive income/gi],
  ['C2', /连接钱包|授权钱包|connect (?:your )?wallet|approve (?:the )?(?:contract|usdt)/gi],
  // Pressure and recruitment patterns of investment scams (CFTC/SEC, FTC, FBI alerts).
  [
    'C1',
    /老师带单|带单老师|导师带|名额有限|限时抢购|仅限今天|错过不再|limited (?:time|slots|spots)|act now|only today|(?:investment|trading) (?:teacher|mentor)|celebrity/gi,
  ],
  // Farms claimed in mainland China (mining banned there since 2021).
  [
    'R4',
    /(?:四川|新疆|内蒙古?|云南|贵州|青海|甘肃|宁夏|中国大陆|国内)\s*(?:的)?\s*(?:水电|火电|风电)?\s*(?:矿场|矿厂|矿区)|(?:farms?|mines?|facilit(?:y|ies)) in (?:mainland )?(?:china|sichuan|xinjiang|inner mongolia|yunnan|guizhou|qinghai)/gi,
  ],
];

/** Every keyword signal in the text, with the phrase that matched (evidence for the reply). */
export function scanKeywords(text: string): KeywordHit[] {
  const written = asWritten(text);
  const t = toSimplified(written);
  // The conversion maps character to character, so a match is quoted as the user wrote it (繁體 stays 繁體).
  const sameShape = t.length === written.length;
  const hits: KeywordHit[] = [];
  for (const [code, re] of KEYWORDS) {
    const quoted = [...t.matchAll(re)].map((m) => (sameShape ? written.slice(m.index, m.index + m[0].length) : m[0]));
    if (quoted.length) hits.push({ code, phrase: [...new Set(quoted)].slice(0, 3).join(', ') });
  }
  return hits;
}
