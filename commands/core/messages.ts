// The one catalog of user-facing text, English and Simplified Chinese (discord.js keeps codes and
// messages in one place too). `{name}` placeholders are filled by `t()`.

export type Lang = 'en' | 'zh';
export type MessageParams = Readonly<Record<string, string | number>>;

const en = {
  // errors
  'error.internal': 'Something went wrong (ref {ref}). The operators have the details.',
  'error.unknownCommand': 'Unknown command "{name}". Commands: {list}.',
  'error.inputTooLong': 'The input is too long ({length} characters); the limit is {max}.',
  'error.unknownArgument':
    'I don\'t understand "{token}". Use key=value (e.g. pool_fee=2%) or a value with a unit, like 100TH, 3250W, 21.5J/TH or 0.06/kWh.',
  'error.unknownOption': 'Unknown option "{name}". Options: {list}.',
  'error.duplicate': '{name} is given twice ("{first}" and "{second}"); give it once.',
  'error.invalid': '{name} "{value}": {hint}',
  'error.missing': '{name} is missing: {hint}',
  'error.range': '{name} "{value}" is out of range: {hint}',
  'error.conflict': '{a} and {b} cannot be used together: {hint}',
  'error.unclosedQuote': 'A quote is not closed: {text}',
  'error.unknownModel': 'model "{value}" is not a known preset.{suggestions} See the list with: help models',
  'error.didYouMean': ' Did you mean {list}?',
  'error.dataUnavailable':
    'Live data is unavailable right now: no source answered for {datum} (tried {attempts}). Try again in a minute, or give price= and difficulty= for a what-if.',
  'error.implausibleEfficiency':
    '{power} for {hashrate} is {efficiency} J/TH, beyond any SHA-256 miner (1 to {max} J/TH): check the units.',
  'error.needsRig': 'Give a hashrate (like 110TH) or a model (like model=s19xp).',
  'error.needsPower': 'Give the power (like 3250W) or the efficiency (like 21.5J/TH), or pick a model.',
  // hints: the accepted form of each kind of value
  'hint.hashrate': 'use a number with a unit, like 110TH or 1.2PH',
  'hint.power': 'use watts or kilowatts, like 3250W or 3.25kW',
  'hint.efficiency': 'use joules per terahash, like 21.5J/TH (between {min} and {max})',
  'hint.electricity': 'use a price per kWh like 0.06 or 0.06/kWh (0 to {max} {currency})',
  'hint.electricityPlain': 'use a price per kWh like 0.06 or 0.06/kWh',
  'hint.efficiencyPlain': 'use joules per terahash, like 21.5J/TH',
  'hint.percent': 'use a percentage between {min} and {max}, like 2%',
  'hint.number': 'use a number between {min} and {max}',
  'hint.integer': 'use a whole number between {min} and {max}',
  'hint.money': 'use an amount like 3500 or 3.5k (0 to {max})',
  'hint.difficulty': 'use a number, optionally with a unit, like 150T or 1.5e14',
  'hint.choice': 'use one of: {list}',
  'hint.currency': 'use one of: {list}',
  'hint.model': 'use a preset like s21xp or "S19 XP"',
  'hint.days': 'use a number of days between {min} and {max}',
  'hint.text': 'use at most {max} characters',
  'hint.growth': 'use a monthly percentage between {min} and {max}, like 2%',
  'hint.lang': 'use en or zh',
  'hint.conflictRig': 'a model already sets the hashrate and power; to change them, drop the model',
  'hint.conflictContract': 'a cloud contract takes hashrate=, days= and maintenance=, not a machine',
  'hint.contractDays': 'a contract needs its length, like days=365',
  // yield
  'yield.title': 'Daily yield',
  'yield.titleModel': 'Daily yield: {count}× {model}',
  'yield.headlineProfit': '{profit}/day profit',
  'yield.headlineLoss': '{profit}/day loss',
  'yield.perDay': 'Per day',
  'yield.per30': 'Per 30 days',
  'yield.mined': 'Mined (after pool fee, uptime)',
  'yield.revenue': 'Revenue',
  'yield.powerCost': 'Power',
  'yield.profit': 'Profit',
  'yield.margin': 'Margin',
  'yield.hashprice': 'Hashprice (gross)',
  'yield.rig': 'Rig',
  'yield.rigValue': '{hashrate} · {power} · {efficiency}',
  'yield.breakEvenElectricity': 'Break-even electricity',
  'yield.breakEvenPrice': 'Break-even BTC price',
  'yield.network': 'Network',
  'yield.networkValue':
    'difficulty {difficulty} · height {height} · subsidy {subsidy} BTC · fees {fees} BTC/block (144-block mean) · price {price}',
  'yield.assumptions':
    'Pool fee {poolFee}, uptime {uptime}; power is charged for 24 h a day. Hashprice is gross (before pool fee and power).',
  'yield.noFees': 'No source had fee data: revenue counts the block subsidy only.',
  'yield.feesOff': 'Fees left out (fees=off): revenue counts the block subsidy only.',
  'yield.whatIf': 'What-if: {what} set by you, not live.',
  'yield.solo': 'Solo odds: one block every {years} years on average.',
  'yield.halvingSoon': 'The halving at block {height} (~{days} days) halves the subsidy.',
  // break-even
  'be.title': 'Break-even and payback',
  'be.titleModel': 'Break-even: {count}× {model}',
  'be.contractTitle': 'Cloud contract: {hashrate} for {days} days',
  'be.breakEvenElectricity': 'Break-even electricity (today)',
  'be.breakEvenPrice': 'Break-even BTC price (today)',
  'be.profitToday': 'Profit today',
  'unit.perDay': '{value}/day',
  'be.staticPayback': 'Static payback',
  'be.staticPaybackValue': '{days} days (if nothing changed)',
  'be.payback': 'Payback (simulated)',
  'be.paybackValue': 'day {days} ≈ {date}',
  'be.paybackNever': 'not within {months} months',
  'be.unprofitable': 'turns unprofitable at height {height}, day {day} (≈ {date}); {cumulative} earned by then',
  'be.neverProfitable': 'loses money from day one at these prices',
  'be.halving': 'Halving',
  'be.halvingValue': 'block {height}, day {day}: profit {before}/day → {after}/day',
  'be.horizonProfit': 'Profit over the horizon',
  'be.assumptions':
    'Model: difficulty +{growth}/month stepped every 2016 blocks, subsidy halves at block 1,050,000, price and fees flat, blocks every 10 minutes. Hardware {hardware}.',
  'be.neverPaysBack': 'does not pay back',
  'be.totalCost': 'Total cost',
  'be.totalCostValue': '{total} = {upfront} upfront + {fees} fees',
  'be.revenue': 'Projected mining revenue',
  'be.revenueValue': "{revenue} ({btc} BTC at today's price)",
  'be.roi': 'ROI',
  'be.contractBreakEvenPrice': 'Break-even BTC price',
  'be.contractBreakEvenDay': 'Upfront recovered',
  'be.contractBreakEvenDayValue': 'day {day}',
  'be.contractNever': 'not within the contract',
  'be.allInCost': 'All-in cost per TH-day',
  'be.allInCostValue': '{cost} vs hashprice {hashprice} today',
  'be.contractAssumptions':
    'Model: {hashrate} for {days} days, maintenance {maintenance}/TH/day, pool fee {poolFee}, difficulty +{growth}/month, price flat at {price}.',
  'be.crossesHalving':
    'This contract runs past the halving at block 1,050,000: the subsidy halves from then on (included above).',
  // footers
  'footer.sources': 'Data: {sources} · as of {time} UTC ({age} old)',
  'footer.stale': 'Stale: {what} could not be refreshed; using values {age} old.',
  'footer.disclaimer': 'Numbers are estimates, not financial advice.',
  'age.seconds': '{n} s',
  'age.minutes': '{n} min',
  'age.hours': '{n} h',
  'age.days': '{n} d',
  // help
  'help.title': 'hashdesk commands',
  'inline.loading': 'Fetching live data: try again in a few seconds',
  'help.usage': 'Usage',
  'help.examples': 'Examples',
  'help.options': 'Options',
  'help.models': 'ASIC presets',
  'help.intro': 'Mining numbers with live network data. Type a command with arguments, e.g. yield s21xp 0.06',
  'cmd.yield': 'What a rig or a hashrate earns per day: BTC, fiat, power cost, profit, hashprice',
  'cmd.break-even': 'Break-even power and BTC price, payback with difficulty growth and the halving; cloud contracts',
  'cmd.help': "List the commands, or show one command's options",
} as const;

export type MessageKey = keyof typeof en;

const zh: Record<MessageKey, string> = {
  'error.internal': '出错了（编号 {ref}）。运维人员可以查看详情。',
  'error.unknownCommand': '未知命令 "{name}"。可用命令：{list}。',
  'error.inputTooLong': '输入太长（{length} 个字符），上限为 {max}。',
  'error.unknownArgument':
    '无法理解 "{token}"。请使用 key=value（如 pool_fee=2%）或带单位的数值，如 100TH、3250W、21.5J/TH 或 0.06/kWh。',
  'error.unknownOption': '未知选项 "{name}"。可用选项：{list}。',
  'error.duplicate': '{name} 给了两次（"{first}" 和 "{second}"），请只给一次。',
  'error.invalid': '{name} "{value}"：{hint}',
  'error.missing': '缺少 {name}：{hint}',
  'error.range': '{name} "{value}" 超出范围：{hint}',
  'error.conflict': '{a} 和 {b} 不能同时使用：{hint}',
  'error.unclosedQuote': '引号没有闭合：{text}',
  'error.unknownModel': 'model "{value}" 不是已知的矿机型号。{suggestions}查看列表：help models',
  'error.didYouMean': '您是指 {list} 吗？',
  'error.dataUnavailable':
    '暂时无法获取实时数据：{datum} 没有任何数据源响应（已尝试 {attempts}）。请稍后再试，或用 price= 和 difficulty= 做假设计算。',
  'error.implausibleEfficiency':
    '{hashrate} 配 {power} 相当于 {efficiency} J/TH，超出任何 SHA-256 矿机的范围（1 到 {max} J/TH）：请检查单位。',
  'error.needsRig': '请提供算力（如 110TH）或矿机型号（如 model=s19xp）。',
  'error.needsPower': '请提供功耗（如 3250W）或能效比（如 21.5J/TH），或选择一个矿机型号。',
  'hint.hashrate': '请用带单位的数字，例如 110TH 或 1.2PH',
  'hint.power': '请用瓦或千瓦，例如 3250W 或 3.25kW',
  'hint.efficiency': '请用每 TH 焦耳数，例如 21.5J/TH（{min} 到 {max} 之间）',
  'hint.electricity': '请用每度电价格，例如 0.06 或 0.06/kWh（0 到 {max} {currency}）',
  'hint.electricityPlain': '请用每度电价格，例如 0.06 或 0.06/kWh',
  'hint.efficiencyPlain': '请用每 TH 焦耳数，例如 21.5J/TH',
  'hint.percent': '请用 {min} 到 {max} 之间的百分比，例如 2%',
  'hint.number': '请用 {min} 到 {max} 之间的数字',
  'hint.integer': '请用 {min} 到 {max} 之间的整数',
  'hint.money': '请用金额，例如 3500 或 3.5k（0 到 {max}）',
  'hint.difficulty': '请用数字，可带单位，例如 150T 或 1.5e14',
  'hint.choice': '可选值：{list}',
  'hint.currency': '可选币种：{list}',
  'hint.model': '请用矿机型号，例如 s21xp 或 "S19 XP"',
  'hint.days': '请用 {min} 到 {max} 之间的天数',
  'hint.text': '最多 {max} 个字符',
  'hint.growth': '请用 {min} 到 {max} 之间的月增长率，例如 2%',
  'hint.lang': '请用 en 或 zh',
  'hint.conflictRig': '矿机型号已决定算力和功耗；如需修改，请去掉型号',
  'hint.conflictContract': '云算力合约使用 hashrate=、days= 和 maintenance=，不需要矿机参数',
  'hint.contractDays': '合约需要期限，例如 days=365',
  'yield.title': '每日收益',
  'yield.titleModel': '每日收益：{count} 台 {model}',
  'yield.headlineProfit': '每日利润 {profit}',
  'yield.headlineLoss': '每日亏损 {profit}',
  'yield.perDay': '每天',
  'yield.per30': '每 30 天',
  'yield.mined': '产出（扣除矿池费和在线率后）',
  'yield.revenue': '收入',
  'yield.powerCost': '电费',
  'yield.profit': '利润',
  'yield.margin': '利润率',
  'yield.hashprice': '算力价格（毛）',
  'yield.rig': '矿机',
  'yield.rigValue': '{hashrate} · {power} · {efficiency}',
  'yield.breakEvenElectricity': '盈亏平衡电价',
  'yield.breakEvenPrice': '盈亏平衡币价',
  'yield.network': '全网',
  'yield.networkValue':
    '难度 {difficulty} · 高度 {height} · 区块补贴 {subsidy} BTC · 手续费 {fees} BTC/块（最近 144 块均值）· 币价 {price}',
  'yield.assumptions':
    '矿池费 {poolFee}，在线率 {uptime}；电费按每天 24 小时计算。算力价格为毛收入（未扣矿池费和电费）。',
  'yield.noFees': '没有数据源提供手续费数据：收入只计算区块补贴。',
  'yield.feesOff': '已关闭手续费（fees=off）：收入只计算区块补贴。',
  'yield.whatIf': '假设计算：{what} 由您设定，非实时数据。',
  'yield.solo': '单独挖矿：平均每 {years} 年出一个块。',
  'yield.halvingSoon': '区块 {height} 减半（约 {days} 天后），区块补贴将减半。',
  'be.title': '回本分析',
  'be.titleModel': '回本分析：{count} 台 {model}',
  'be.contractTitle': '云算力合约：{hashrate}，{days} 天',
  'be.breakEvenElectricity': '盈亏平衡电价（当前）',
  'be.breakEvenPrice': '盈亏平衡币价（当前）',
  'be.profitToday': '当前日利润',
  'unit.perDay': '{value}/天',
  'be.staticPayback': '静态回本',
  'be.staticPaybackValue': '{days} 天（假设一切不变）',
  'be.payback': '回本（模拟）',
  'be.paybackValue': '第 {days} 天 ≈ {date}',
  'be.paybackNever': '{months} 个月内无法回本',
  'be.unprofitable': '在高度 {height}（第 {day} 天，约 {date}）开始亏损；届时累计利润 {cumulative}',
  'be.neverProfitable': '按当前价格从第一天起就亏损',
  'be.halving': '减半',
  'be.halvingValue': '区块 {height}，第 {day} 天：日利润 {before} → {after}',
  'be.horizonProfit': '期间累计利润',
  'be.assumptions':
    '模型：难度每月 +{growth}，每 2016 块调整一次；区块补贴在 1,050,000 块减半；币价和手续费不变；每 10 分钟一个块。矿机成本 {hardware}。',
  'be.neverPaysBack': '无法回本',
  'be.totalCost': '总成本',
  'be.totalCostValue': '{total} = 首付 {upfront} + 费用 {fees}',
  'be.revenue': '预计挖矿收入',
  'be.revenueValue': '{revenue}（按当前币价，{btc} BTC）',
  'be.roi': '收益率',
  'be.contractBreakEvenPrice': '盈亏平衡币价',
  'be.contractBreakEvenDay': '收回首付',
  'be.contractBreakEvenDayValue': '第 {day} 天',
  'be.contractNever': '合约期内无法收回',
  'be.allInCost': '每 TH 每天总成本',
  'be.allInCostValue': '{cost}，当前算力价格 {hashprice}',
  'be.contractAssumptions':
    '模型：{hashrate}，{days} 天，维护费 {maintenance}/TH/天，矿池费 {poolFee}，难度每月 +{growth}，币价保持 {price}。',
  'be.crossesHalving': '该合约跨越 1,050,000 块的减半：此后区块补贴减半（已计入上面的结果）。',
  'footer.sources': '数据：{sources} · 截至 {time} UTC（{age}前）',
  'footer.stale': '数据过期：{what} 无法刷新，使用 {age}前的数值。',
  'footer.disclaimer': '以上为估算，不构成投资建议。',
  'age.seconds': '{n} 秒',
  'age.minutes': '{n} 分钟',
  'age.hours': '{n} 小时',
  'age.days': '{n} 天',
  'help.title': 'hashdesk 命令',
  'inline.loading': '正在获取实时数据，请几秒后再试',
  'help.usage': '用法',
  'help.examples': '示例',
  'help.options': '选项',
  'help.models': '矿机型号',
  'help.intro': '基于实时全网数据的挖矿计算。输入命令和参数，例如 yield s21xp 0.06',
  'cmd.yield': '矿机或算力每天的收益：BTC、法币、电费、利润、算力价格',
  'cmd.break-even': '盈亏平衡电价和币价、考虑难度增长与减半的回本周期；云算力合约',
  'cmd.help': '列出命令，或显示某个命令的选项',
};

const catalogs: Record<Lang, Record<MessageKey, string>> = { en, zh };

const compiled = new Map<string, string[]>();

/** The message for `key` in `lang` with `{name}` placeholders filled. */
export function t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
  const id = lang + key;
  let parts = compiled.get(id);
  if (!parts) {
    // Even indexes are literal text, odd indexes placeholder names (split with a capture group).
    parts = catalogs[lang][key].split(/\{(\w+)\}/);
    compiled.set(id, parts);
  }
  if (parts.length === 1) return parts[0]!;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) out += part;
    else {
      const v = params[part];
      out += v === undefined ? `{${part}}` : String(v);
    }
  }
  return out;
}

/** Maps a platform locale (`zh-CN`, `zh-TW`, `zh_hans`, `en-US` …) to a reply language. */
export function langFromLocale(locale: string | undefined | null): Lang {
  return locale && /^zh/i.test(locale) ? 'zh' : 'en';
}
