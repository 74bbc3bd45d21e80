// Offers and firms named in regulator or prosecutor actions about cloud mining. A hit is strong
// evidence; absence proves nothing (lists are incomplete). Matched by name, alias and domain.
// `url` is the authority's own release where one was checked; entries marked `checked: false` cite
// the authority and year from public reporting, and link to the authority's release index.

export interface RegulatorEntry {
  id: string;
  name: string;
  aliases: readonly string[];
  domains: readonly string[];
  authority: string;
  action: { en: string; zh: string };
  year: number;
  url: string;
  checked: boolean;
}

export const REGULATOR_ENTRIES: readonly RegulatorEntry[] = [
  {
    id: 'hashflare',
    name: 'HashFlare',
    aliases: ['Polybius', 'HashCoins'],
    domains: ['hashflare.io', 'hashflare.eu'],
    authority: 'US DOJ (W.D. Wash.)',
    action: {
      en: 'founders indicted for a $575M cloud-mining fraud; DOJ: it mined at under 1% of the hashrate it sold; both pleaded guilty (2025)',
      zh: '创始人因 5.75 亿美元云算力欺诈被起诉；美国司法部称其实际挖矿算力不到所售算力的 1%；二人已认罪（2025）',
    },
    year: 2022,
    url: 'https://www.justice.gov/opa/pr/two-estonian-citizens-arrested-575-million-cryptocurrency-fraud-and-money-laundering-scheme',
    checked: false,
  },
  {
    id: 'gaw-miners',
    name: 'GAW Miners',
    aliases: [
      'Hashlets',
      'Hashlet',
      'ZenMiner',
      'ZenCloud',
      'Zen Cloud',
      'Paycoin',
      'Hashpoints',
      'Great Auk Wireless',
    ],
    domains: ['gawminers.com', 'zenminer.com', 'zencloud.com', 'paycoin.com'],
    authority: 'US SEC',
    action: {
      en: 'SEC charged GAW Miners, ZenMiner and their founder with a Ponzi scheme: they sold "Hashlets", computing power they did not own',
      zh: '美国 SEC 指控 GAW Miners、ZenMiner 及其创始人经营庞氏骗局：出售其并不拥有的算力 "Hashlets"',
    },
    year: 2015,
    url: 'https://www.sec.gov/litigation/litreleases/2015/lr23415.htm',
    checked: true,
  },
  {
    id: 'bitclub-network',
    name: 'BitClub Network',
    aliases: ['BitClub', 'BCN', 'Bit Club Network'],
    domains: ['bitclubnetwork.com', 'bitclub.network'],
    authority: 'US DOJ (D.N.J.)',
    action: {
      en: 'operators charged over a $722M scheme that reported fake mining earnings and paid for recruiting',
      zh: '经营者因 7.22 亿美元骗局被起诉：虚报挖矿收益并按拉人头支付奖励',
    },
    year: 2019,
    url: 'https://www.justice.gov/usao-nj/pr/three-men-arrested-722-million-cryptocurrency-fraud-scheme',
    checked: false,
  },
  {
    id: 'mining-capital-coin',
    name: 'Mining Capital Coin',
    aliases: ['MCC', 'MCC International', 'Capital Coin', 'CPTL'],
    domains: ['miningcapitalcoin.com'],
    authority: 'US DOJ (S.D. Fla.) and US SEC',
    action: {
      en: 'CEO indicted over a $62M scheme selling "mining packages" with 1% daily returns, later paid in its own token (CPTL)',
      zh: 'CEO 因 6200 万美元骗局被起诉：出售承诺日收益 1% 的"挖矿套餐"，后改用自有代币 CPTL 支付',
    },
    year: 2022,
    url: 'https://www.justice.gov/usao-sdfl/pr/ceo-mining-capital-coin-indicted-62-million-cryptocurrency-fraud-scheme',
    checked: true,
  },
  {
    id: 'airbit-club',
    name: 'AirBit Club',
    aliases: ['AirBit', 'Air Bit Club', 'Vizinova'],
    domains: ['airbitclub.com'],
    authority: 'US DOJ (S.D.N.Y.) and US SEC',
    action: {
      en: 'founders and promoters charged: memberships promised guaranteed daily returns from mining and trading that did not exist (~$100M)',
      zh: '创始人和推广者被起诉：会员承诺来自挖矿和交易的保证日收益，而这些业务并不存在（约 1 亿美元）',
    },
    year: 2020,
    url: 'https://www.justice.gov/usao-sdny/pr',
    checked: false,
  },
  {
    id: 'icomtech',
    name: 'IcomTech',
    aliases: ['Icoms', 'Forcount', 'Weltsys'],
    domains: ['icomtech.io', 'forcount.com'],
    authority: 'US DOJ (S.D.N.Y.)',
    action: {
      en: 'promoters charged: purported crypto mining and trading with guaranteed returns, paid out in its own token (Icoms)',
      zh: '推广者被起诉：号称加密挖矿和交易、保证收益，以自有代币 Icoms 支付',
    },
    year: 2021,
    url: 'https://www.justice.gov/usao-sdny/pr',
    checked: false,
  },
  {
    id: 'green-united',
    name: 'Green United',
    aliases: ['Green Boxes', 'Green Box', 'Green Nodes', 'GREEN token', 'Green Blockchain'],
    domains: ['greenunited.com'],
    authority: 'US SEC',
    action: {
      en: 'SEC charged Green United and its founder: $18M from "Green Boxes" said to mine a GREEN token; the machines mined bitcoin for others',
      zh: '美国 SEC 指控 Green United 及其创始人：以可挖 GREEN 代币的"Green Box"募资 1800 万美元，实际机器在为他人挖比特币',
    },
    year: 2023,
    url: 'https://www.sec.gov/enforcement-litigation/litigation-releases',
    checked: false,
  },
  {
    id: 'geosyn',
    name: 'Geosyn Mining',
    aliases: ['Geosyn', 'GSYN'],
    domains: ['geosynmining.com'],
    authority: 'US SEC; US DOJ (N.D. Tex., 2025)',
    action: {
      en: 'SEC: $5.6M raised from 64 investors; 400 of 1,400 promised rigs never bought; payouts funded by buying bitcoin',
      zh: '美国 SEC：向 64 名投资者募资 560 万美元；承诺的 1400 台矿机中有 400 台从未购买；收益用买入的比特币支付',
    },
    year: 2024,
    url: 'https://www.sec.gov/enforcement-litigation/litigation-releases',
    checked: false,
  },
  {
    id: 'vbit',
    name: 'VBit Technologies',
    aliases: ['VBit', 'VBit Mining', 'Advanced Mining Group'],
    domains: ['vbittech.com', 'vbitmining.com'],
    authority: 'US SEC',
    action: {
      en: 'SEC charged the founder: $95.6M from ~6,400 investors in "hosting agreements" for more machines than it operated',
      zh: '美国 SEC 指控创始人：以"托管协议"向约 6400 名投资者募资 9560 万美元，所售矿机多于实际运营数量',
    },
    year: 2025,
    url: 'https://www.sec.gov/enforcement-litigation/litigation-releases',
    checked: false,
  },
  {
    id: 'texitcoin',
    name: 'TEXITcoin',
    aliases: ['TXC'],
    domains: ['texitcoin.org'],
    authority: 'Texas State Securities Board',
    action: {
      en: 'Texas SSB order over a mining token sold with multi-level referral rewards',
      zh: '德州证券委员会就以多级推荐奖励销售的挖矿代币发出命令',
    },
    year: 2026,
    url: 'https://www.ssb.texas.gov/news-publications/enforcement-actions-cease-desist-orders',
    checked: false,
  },
];
