import type { CommandSpec, Context, OptionsOf, Reply, ReplyField } from '../core/types.js';
import type { Deps, DomainEvidence, ObserverRef, PhishingListing } from '../core/ports.js';
import { format, isChinese, localized, t, type Lang, type MessageKey } from '../core/messages.js';
import { DataUnavailableError, UserError } from '../core/errors.js';
import {
  fmtCount,
  fmtDatum,
  fmtList,
  fmtAge,
  fmtDifficulty,
  fmtHashrate,
  fmtMoney,
  fmtNumber,
  fmtDate,
  fmtDateTime,
} from '../core/format.js';
import { resolveMarket, type MarketInputs } from '../mining/inputs.js';
import { computeYield, impliedHashrateHs } from '../mining/mining.calc.js';
import { offerEconomics } from './economics.calc.js';
import { PROVIDER_CHECK_OPTIONS } from './provider-check.options.js';
import { ASIC_MODELS } from '../mining/asic-models.js';
import { dataJson } from '../mining/data-notes.js';
import { extractOffer, scanKeywords, type KeywordCode } from './extract.js';
import { brandInName, lookAlike, officialPool, parseLink, skeleton, type ParsedLink } from './domains.calc.js';
import { REGULATOR_ENTRIES } from './regulators.data.js';
import {
  bySeverity,
  checkApr,
  checkConnectWallet,
  checkCapacity,
  checkChinaFarm,
  checkContact,
  checkCostFloor,
  checkDomainAge,
  checkPowerPrice,
  checkFixedReturn,
  checkHalving,
  checkLifetime,
  checkMarketRatio,
  checkNoFee,
  checkObserved,
  checkPayoutRatio,
  checkPrincipalGuaranteed,
  checkReferral,
  checkTokenPayout,
  checkValueRatio,
  checkWithdrawal,
  costFloorUsdPerThDay,
  verdict,
  type Band,
  type Economics,
  type Finding,
  type OfferFacts,
  type Severity,
} from './checks.calc.js';

const DAY_MS = 86_400_000;
type Opts = OptionsOf<typeof PROVIDER_CHECK_OPTIONS>;
/** Lifetime contracts are valued over this many days. */
const LIFETIME_DAYS = 1826;
const STALE_WIDEN_MS = DAY_MS;
const NO_VERDICT_MS = 7 * DAY_MS;
/** The fields the economics need; `observer` (also asked for when missing) is not one of them. */
const ECONOMICS_FIELDS = new Set(['contract_price', 'days', 'payout', 'maintenance']);
/** The most efficient preset: the cost floor (E5) and what a claimed fleet means in machines (E10). */
const MOST_EFFICIENT = ASIC_MODELS.reduce((a, b) => (b.efficiencyJth < a.efficiencyJth ? b : a));
/** Severity as a word in the reply language (codes stay as they are). */
const severityWord = (s: Severity, lang: Lang): string => t(lang, `pc.severity.${s}`);
/** Flags shown in full; the rest are listed by code. */
const REASONS_SHOWN = 6;

/** Parses `payout`: an amount per TH/day, `X%/day` of the price, or `pool`. */
function parsePayout(
  raw: string,
): { kind: 'amount'; value: number } | { kind: 'pct'; value: number } | { kind: 'pool' } {
  const s = raw.trim().toLowerCase();
  if (s === 'pool' || s === 'actual' || s === '矿池') return { kind: 'pool' };
  const pct = /^(\d+(?:\.\d+)?)\s*%\s*(?:\/\s*(?:day|d|天|日))?$/.exec(s);
  if (pct) return { kind: 'pct', value: Number(pct[1]) };
  const amount = /^[$€£¥]?(\d+(?:\.\d+)?)(?:\s*\/\s*(?:th\/)?(?:day|d|天))?$/.exec(s);
  if (amount && Number.isFinite(Number(amount[1]))) return { kind: 'amount', value: Number(amount[1]) };
  throw new UserError('error.invalid', { name: 'payout', value: raw.slice(0, 40), hint: 'hint.payout' });
}

function link(name: string, raw: string | undefined): ParsedLink | undefined {
  if (raw === undefined || raw === '') return undefined;
  const parsed = parseLink(raw);
  if (parsed === 'credentials')
    throw new UserError('error.invalid', { name, value: '…', hint: 'hint.linkCredentials' });
  if (parsed === 'scheme' || parsed === 'invalid')
    throw new UserError('error.invalid', { name, value: raw.replace(/[?#].*$/, '').slice(0, 60), hint: 'hint.link' });
  return parsed;
}

/** Host and path only: access keys in query strings are never shown. */
function shown(l: ParsedLink): string {
  return `${l.unicodeHost}${l.url.pathname === '/' ? '' : l.url.pathname.slice(0, 40)}`;
}

/** The observer reference for the formats we can read (provider-check.md §7.1). */
export function observerRef(l: ParsedLink): ObserverRef | null {
  const pool = officialPool(l.host);
  const q = l.url.searchParams;
  if (pool === 'antpool' && q.get('accessKey')) {
    return {
      pool,
      accessKey: q.get('accessKey')!,
      ...(q.get('observerUserId') ? { userId: q.get('observerUserId')! } : {}),
    };
  }
  if (pool === 'viabtc' && q.get('access_key')) return { pool, accessKey: q.get('access_key')! };
  const ocean = /^\/stats\/([13bc][a-zA-HJ-NP-Z0-9]{25,90})$/.exec(l.url.pathname);
  if (pool === 'ocean' && ocean) return { pool, address: ocean[1]! };
  return null;
}

function matchRegulator(name: string | undefined, site: ParsedLink | undefined) {
  const key = name ? skeleton(name) : '';
  return REGULATOR_ENTRIES.find(
    (e) =>
      (key.length >= 3 &&
        [e.name, ...e.aliases].some(
          (a) => skeleton(a) === key || (skeleton(a).length >= 6 && key.includes(skeleton(a))),
        )) ||
      (site !== undefined && e.domains.some((d) => site.host === d || site.host.endsWith(`.${d}`))),
  );
}

function webRecords(deps: Deps, site: ParsedLink): Promise<[DomainEvidence, PhishingListing | null | 'unavailable']> {
  const web = deps.web!;
  return Promise.all([
    // a site on shared hosting (github.io, vercel.app…): the shared domain's records say nothing
    (site.sharedSuffix
      ? Promise.resolve<DomainEvidence>({ domain: site.registrable, unavailable: [] })
      : web.domain(site.registrable)
    ).catch((): DomainEvidence => ({ domain: site.registrable, unavailable: ['RDAP', 'crt.sh', 'Wayback Machine'] })),
    web.phishing(site.host, site.registrable).catch(() => 'unavailable' as const),
  ]);
}

function domainNote(e: DomainEvidence, lang: Lang): string | null {
  // Nothing found (every source failed or had no record): the "could not check" note says it.
  if (e.registeredAt === undefined && e.firstCertAt === undefined && e.firstCaptureAt === undefined) return null;
  const day = (ms: number | undefined): string => (ms === undefined ? '—' : fmtDate(ms));
  return t(lang, 'pc.domainEvidence', {
    domain: e.domain,
    registered: day(e.registeredAt),
    cert: day(e.firstCertAt),
    capture: day(e.firstCaptureAt),
  });
}

interface Built {
  findings: Finding[];
  economics: Economics | null;
  /** Price, term and payout (a number or pool output) are all known, for a Bitcoin offer. */
  judgeable: boolean;
  /** An observer link was given (read or not). */
  observerGiven: boolean;
  notes: string[];
  missing: string[];
  observerChecked: boolean;
  market: MarketInputs | null;
  usdPerUnit: number;
}

async function analyse(o: Opts, lang: Lang, deps: Deps): Promise<Built> {
  const text = o.text ?? '';
  const ex = extractOffer(text);
  const kw = scanKeywords(text);
  const phrase = (code: KeywordCode): string | null => kw.find((k) => k.code === code)?.phrase ?? null;
  const name = o.name?.trim();
  const site = link('url', o.url);
  const observer = link('observer', o.observer);
  const machine = o.machine ?? null;
  const hashrate = o.hashrate ?? ex.hashrateThs ?? 1;
  const daysOpt = o.days;
  const days: number | 'lifetime' | undefined = daysOpt === 'lifetime' ? 'lifetime' : (daysOpt ?? ex.days);
  const pricePerTh = o.contract_price ?? (ex.totalPrice !== undefined ? ex.totalPrice / hashrate : undefined);
  const maintenance = o.maintenance ?? (ex.noMaintenanceFee ? 0 : undefined);
  const payout =
    o.payout !== undefined
      ? parsePayout(o.payout)
      : ex.dailyPct !== undefined
        ? { kind: 'pct' as const, value: ex.dailyPct }
        : ex.dailyAmount !== undefined
          ? { kind: 'amount' as const, value: ex.dailyAmount / hashrate }
          : undefined;
  const findings: Finding[] = [];
  const notes: string[] = [];
  const missing: string[] = [];
  // Public records about the site (W1, W2), asked at once so they overlap with the market data.
  const web = site && !site.isIp && deps.web ? webRecords(deps, site) : null;
  const addWeb = async (): Promise<void> => {
    if (!web) return;
    const [evidence, listing] = await web;
    if (site?.sharedSuffix) notes.push(t(lang, 'pc.sharedHosting', { suffix: site.sharedSuffix }));
    else {
      const w1 = checkDomainAge(evidence, deps.clock.now(), o.founded);
      if (w1) findings.push(w1);
    }
    if (evidence.limited) notes.push(t(lang, 'pc.webLimited', { max: evidence.limited.max }));
    else if (!site?.sharedSuffix) {
      const note = domainNote(evidence, lang);
      if (note) notes.push(note);
    }
    if (evidence.unavailable.length)
      notes.push(t(lang, 'pc.domainUnavailable', { sources: fmtList(evidence.unavailable, lang) }));
    if (listing === 'unavailable') notes.push(t(lang, 'pc.phishingUnavailable'));
    else if (listing)
      findings.push({ code: 'W2', severity: 'high', message: 'W2', values: { list: listing.list, url: listing.url } });
  };

  // Lists and domains: always.
  const reg = matchRegulator(name, site);
  if (reg) {
    findings.push({
      code: 'R1',
      severity: 'critical',
      message: 'R1',
      values: { authority: reg.authority, year: reg.year, action: localized(reg.action, lang), url: reg.url },
    });
  }
  if (site?.isIp) findings.push({ code: 'R5', severity: 'medium', message: 'Rip', values: { host: site.host } });
  const siteLook = site && !site.isIp ? lookAlike(site) : undefined;
  if (siteLook)
    findings.push({
      code: 'R2',
      severity: 'critical',
      message: 'R2host',
      values: {
        host: site!.unicodeHost,
        brand: siteLook.brand,
        kind: t(lang, `pc.kind.${siteLook.kind}`),
      },
    });
  const brand = name ? brandInName(name) : undefined;
  if (brand && !siteLook && !(site && lookAlike(site) === undefined && site.registrable.startsWith(brand))) {
    findings.push({
      code: 'R2',
      severity: 'critical',
      message: 'R2',
      values: { brand, extra: brand === 'braiins' ? ' (Braiins sells no cloud-mining contracts)' : '' },
    });
  }
  const c2 = checkConnectWallet(phrase('C2'));
  if (c2) findings.push(c2);
  const p4 = checkPrincipalGuaranteed(phrase('P4'));
  if (p4) findings.push(p4);
  const info = phrase('I');
  if (info) findings.push({ code: 'I', severity: 'info', message: 'I', values: { phrase: info } });
  const frozen = phrase('P3F');
  if (frozen) findings.push({ code: 'P3', severity: 'critical', message: 'P3frozen', values: { phrase: frozen } });
  const regulatorClaim = phrase('C3');
  if (regulatorClaim)
    findings.push({ code: 'C3', severity: 'high', message: 'C3', values: { phrase: regulatorClaim } });
  const token = phrase('T1');
  if (token) findings.push({ code: 'T1', severity: 'high', message: 'T1', values: { phrase: token } });
  const otherCoin = phrase('X1');
  if (otherCoin) notes.push(t(lang, 'pc.otherCoin', { phrase: otherCoin }));

  for (const f of [checkChinaFarm(o.farm_location, phrase('R4')), checkContact(o.contact, phrase('C1'))])
    if (f) findings.push(f);
  const claimedThs = o.claimed_total;
  const machines = o.machines;
  // E10 in machines and megawatts of the named machine, else of the most efficient preset.
  const capacityMachine = machine ?? MOST_EFFICIENT;
  const capacity = (networkThs?: number) =>
    checkCapacity({
      ...(claimedThs !== undefined ? { claimedThs } : {}),
      ...(machines !== undefined ? { machines } : {}),
      machineThs: capacityMachine.hashrateThs,
      machineW: capacityMachine.powerW,
      ...(networkThs !== undefined ? { networkThs } : {}),
    });

  const offerMode =
    pricePerTh !== undefined ||
    payout !== undefined ||
    days !== undefined ||
    text.length > 0 ||
    o.power_price !== undefined;
  const facts: OfferFacts = {
    hashrateThs: hashrate,
    days: days === 'lifetime' ? null : (days ?? null),
    pricePerTh: pricePerTh ?? null,
    maintenancePerThDay: maintenance ?? null,
    // explicit only: `guaranteed=yes`, guarantee wording, or a daily % of the price (a fixed return by
    // construction); a number per TH alone is an estimate, judged by E1
    guaranteed:
      o.guaranteed === 'yes' || (o.guaranteed === undefined && (ex.guaranteed === true || payout?.kind === 'pct')),
    payoutAsset: o.payout_asset ?? (ex.tokenPayout ? 'token' : null),
    referralLevels: o.referral ?? ex.referralLevels ?? null,
    withdrawalFeePct: o.withdrawal_fee !== undefined ? o.withdrawal_fee * 100 : (ex.withdrawalFeePct ?? null),
    stopClause: false,
    machineEfficiencyJth: machine?.efficiencyJth ?? null,
  };
  for (const f of [checkReferral(facts, phrase('P1')), checkTokenPayout(facts), checkWithdrawal(facts, phrase('P3C'))])
    if (f) findings.push(f);
  if (facts.withdrawalFeePct === null && phrase('P3'))
    findings.push({ code: 'P3', severity: 'medium', message: 'P3fee', values: { pct: '?' } });

  // Observer link.
  let observerChecked = false;
  if (observer) {
    const look = observer.isIp ? undefined : lookAlike(observer);
    const pool = officialPool(observer.host);
    if (!pool) {
      findings.push(
        look
          ? {
              code: 'V5',
              severity: 'critical',
              message: 'V5lookalike',
              values: {
                brand: look.brand,
                host: observer.unicodeHost,
                kind: t(lang, `pc.kind.${look.kind}`),
              },
            }
          : { code: 'V5', severity: 'critical', message: 'V5', values: { host: shown(observer) } },
      );
    } else {
      const ref = observerRef(observer);
      const reading = ref && deps.observers ? await deps.observers.read(ref) : null;
      if (reading) {
        observerChecked = true;
        findings.push(checkObserved(reading.hashrateThs, hashrate));
      } else {
        findings.push({ code: 'V', severity: 'info', message: 'Vunverified', values: { pool } });
      }
    }
  } else if (offerMode) {
    findings.push({ code: 'V3', severity: 'medium', message: 'V3', values: {} });
  }

  /** The analysis without economics (name-only, or no live data): the other signals still count. */
  const withoutEconomics = async (note: string, missingFields: string[]): Promise<Built> => {
    await addWeb();
    notes.push(note);
    return {
      findings,
      economics: null,
      judgeable: false,
      observerGiven: observer !== undefined,
      notes,
      missing: missingFields,
      observerChecked,
      market: null,
      usdPerUnit: 1,
    };
  };

  if (!offerMode) {
    const e10 = capacity();
    if (e10) findings.push(e10);
    return withoutEconomics(t(lang, 'pc.nameOnly'), [
      'contract_price',
      'days',
      'payout',
      'maintenance',
      ...(observer ? [] : ['observer']),
    ]);
  }
  if (pricePerTh === undefined) missing.push('contract_price');
  if (days === undefined) missing.push('days');
  if (payout === undefined) missing.push('payout');
  if (maintenance === undefined) missing.push('maintenance');
  if (!observer) missing.push('observer');

  let m: MarketInputs;
  try {
    m = await resolveMarket(o, deps);
  } catch (err) {
    if (!(err instanceof DataUnavailableError)) throw err;
    // No live data: what the name, site and text show still counts (a pay-to-withdraw demand needs no
    // hashprice); only the economic verdict is withheld.
    return withoutEconomics(t(lang, 'pc.noMarket', { datum: fmtDatum(err.datum, lang) }), missing);
  }
  const usd = m.currency === 'usd' ? null : await deps.market.price('usd');
  const usdPerUnit = usd ? usd.value / m.price : 1;
  const now = deps.clock.now();
  const fetched = Object.values(m.origins).map((x) => x.fetchedAt);
  const age = fetched.length ? now - Math.min(...fetched) : 0;
  const hashprice = computeYield({
    hashrateThs: 1,
    powerW: 0,
    difficulty: m.difficulty,
    subsidyBtc: m.subsidyBtc,
    feesPerBlockBtc: m.feesPerBlockBtc,
    poolFee: 0,
    uptime: 1,
    price: m.price,
    electricity: 0,
  }).hashpriceFiatPerThDay;
  const promised =
    payout === undefined || payout.kind === 'pool'
      ? null
      : payout.kind === 'amount'
        ? payout.value
        : pricePerTh !== undefined
          ? (payout.value / 100) * pricePerTh
          : null;
  const horizon = days === 'lifetime' ? LIFETIME_DAYS : days;
  if (days === 'lifetime') notes.push(t(lang, 'pc.lifetimeHorizon'));
  const economics = offerEconomics(
    {
      horizonDays: horizon ?? null,
      pricePerTh: pricePerTh ?? null,
      maintenancePerThDay: maintenance ?? null,
      promisedPerThDay: promised,
    },
    {
      tipHeight: m.height,
      difficulty: m.difficulty,
      feesPerBlockBtc: m.feesPerBlockBtc,
      price: m.price,
      hashpricePerThDay: hashprice,
      costFloorPerThDay: costFloorUsdPerThDay(MOST_EFFICIENT.efficiencyJth) / usdPerUnit,
      growthPerMonth: 0.02,
    },
  );
  const contract = economics.contract;
  if (economics.stopsAtDay !== null && horizon !== undefined && pricePerTh !== undefined)
    notes.push(t(lang, 'pc.stops', { day: fmtNumber(economics.stopsAtDay, lang, 0) }));
  const fixed = facts.guaranteed || phrase('E2') !== null || payout?.kind === 'pct';
  const economic = [
    checkPayoutRatio(economics, age > STALE_WIDEN_MS),
    checkValueRatio(economics),
    checkMarketRatio(economics),
    checkCostFloor(economics),
    checkApr(economics),
    checkNoFee(facts, { hashpricePerThDay: hashprice, usdPerUnit, dataAgeMs: age }),
  ].filter((f): f is Finding => f !== null);
  if (otherCoin) {
    // no Bitcoin economics for another coin's "mining": nothing from hashprice is shown or graded
  } else if (age > NO_VERDICT_MS) notes.push(t(lang, 'pc.noVerdictOld', { age: fmtAge(age, lang) }));
  else {
    if (age > STALE_WIDEN_MS) notes.push(t(lang, 'pc.staleWidened', { age: fmtAge(age, lang) }));
    findings.push(...economic);
  }
  for (const f of [
    checkFixedReturn(facts, phrase('E2')),
    days === 'lifetime' ? checkLifetime(facts, fixed) : null,
    checkHalving(contract?.crossesHalving ?? false),
    checkPowerPrice(o.power_price, usdPerUnit),
    capacity(impliedHashrateHs(m.difficulty) / 1e12),
  ])
    if (f) findings.push(f);
  await addWeb();
  const judgeable =
    !otherCoin && age <= NO_VERDICT_MS && pricePerTh !== undefined && horizon !== undefined && payout !== undefined;
  return {
    findings,
    economics: otherCoin ? null : economics,
    judgeable,
    observerGiven: observer !== undefined,
    notes,
    missing: otherCoin ? [] : missing,
    observerChecked,
    market: m,
    usdPerUnit,
  };
}

/** Option keys as typed (`contract_price=`), listed in the reply language. */
function keyList(keys: readonly string[], lang: Lang): string {
  return fmtList(
    keys.map((k) => `${k}=`),
    lang,
  );
}

function findingText(f: Finding, lang: Lang, money: (v: number) => string): string {
  const v = f.values;
  const fmt: Record<string, string | number> = {};
  for (const [k, val] of Object.entries(v)) {
    if (k === 'how') fmt[k] = t(lang, val === 'seen' ? 'pc.domain.seen' : 'pc.domain.registered');
    else if (typeof val !== 'number') fmt[k] = val;
    else if (['promised', 'hashprice', 'cost', 'floor'].includes(k)) fmt[k] = money(val);
    else if (k === 'breakEvenUsd') fmt.breakEven = fmtMoney(val, 'usd', lang);
    else if (k === 'mr') fmt[k] = `${fmtNumber(val * 100, lang, 0)}%`;
    else if (k === 'apr' || k === 'pct') fmt[k] = `${fmtNumber(val, lang, 0)}%`;
    else if (['observed', 'sold', 'implied', 'claimed'].includes(k)) fmt[k] = fmtHashrate(val, lang);
    else if (k === 'share') fmt[k] = `${fmtNumber(val, lang, 2)}%`;
    else if (k === 'machines' || k === 'count') fmt[k] = fmtNumber(val, lang, 0);
    else if (k === 'mw') fmt[k] = fmtNumber(val, lang, 1);
    else if (k === 'power' || k === 'low') fmt[k] = fmtNumber(val, lang, 3);
    else if (k === 'year' || k === 'founded') fmt[k] = String(val);
    else if (k === 'days') fmt[k] = fmtCount(val, 'days', lang);
    else fmt[k] = fmtNumber(val, lang, 2);
  }
  return t(lang, 'pc.flagLine', {
    text: format(lang, `pc.flag.${f.message}`, fmt),
    severity: severityWord(f.severity, lang),
    code: f.code,
  });
}

async function run(o: Opts, ctx: Context, deps: Deps): Promise<Reply> {
  const { lang } = ctx;
  const b = await analyse(o, lang, deps);
  const findings = [...b.findings].sort(bySeverity);
  const { score: value, band } = verdict(findings, { judgeable: b.judgeable, observerGiven: b.observerGiven });
  const currency = b.market?.currency ?? o.currency ?? 'usd';
  const money = (v: number): string => fmtMoney(v, currency, lang);
  const confidence = b.economics === null ? 'low' : b.observerChecked ? 'high' : 'medium';
  const now = deps.clock.now();
  // Every flag: the strongest first in full, then the rest by code ("+N more").
  const reasons = findings.slice(0, REASONS_SHOWN);
  const rest = findings.slice(REASONS_SHOWN);
  const fields: ReplyField[] = [
    {
      name: t(lang, 'pc.reasons'),
      value: reasons.length
        ? [
            ...reasons.map((f, i) => `${i + 1}) ${findingText(f, lang, money)}`),
            ...(rest.length
              ? [
                  t(lang, 'pc.moreFlags', {
                    count: rest.length,
                    codes: fmtList(
                      rest.map((f) => `${f.code} ${severityWord(f.severity, lang)}`),
                      lang,
                    ),
                  }),
                ]
              : []),
          ].join('\n')
        : band === 'insufficient'
          ? t(lang, 'pc.insufficient', {
              fields: keyList(b.missing.length ? b.missing : ['contract_price', 'days', 'payout'], lang),
            })
          : t(lang, 'pc.noFindings'),
    },
  ];
  const e = b.economics;
  if (e && b.market) {
    const m = b.market;
    fields.push({
      name: t(lang, 'pc.economics'),
      // Only what is known: a pool-output payout promises no amount, so no promise part.
      value:
        [
          e.promisedPerThDay !== null && e.payoutRatio !== null
            ? t(lang, 'pc.econ.promised', {
                promised: money(e.promisedPerThDay),
                ratio: `${fmtNumber(e.payoutRatio, lang, 2)}×`,
              })
            : null,
          e.valueRatio !== null ? t(lang, 'pc.econ.valueRatio', { vr: `${fmtNumber(e.valueRatio, lang, 2)}×` }) : null,
          e.netAnnualReturnPct === null
            ? null
            : e.impliedAprPct === null
              ? t(lang, 'pc.econ.net', { net: `${fmtNumber(e.netAnnualReturnPct, lang, 0)}%` })
              : t(lang, 'pc.econ.netGross', {
                  net: `${fmtNumber(e.netAnnualReturnPct, lang, 0)}%`,
                  apr: `${fmtNumber(e.impliedAprPct, lang, 0)}%`,
                }),
          e.allInCostPerThDay !== null ? t(lang, 'pc.econ.cost', { cost: money(e.allInCostPerThDay) }) : null,
        ]
          .filter((x) => x !== null)
          .join(' · ') || '—',
    });
    const fetchedAt = Object.values(m.origins).map((x) => x.fetchedAt);
    const oldest = fetchedAt.length ? Math.min(...fetchedAt) : now;
    fields.push({
      name: t(lang, 'pc.market'),
      value: t(lang, 'pc.marketValue', {
        sats: fmtNumber((e.hashpricePerThDay / m.price) * 1e8, lang, 2),
        hashprice: money(e.hashpricePerThDay),
        price: money(m.price),
        difficulty: fmtDifficulty(m.difficulty, lang),
        height: fmtNumber(m.height, lang, 0),
        time: fmtDateTime(oldest),
      }),
    });
  }
  const codes = new Set(findings.map((f) => f.code));
  const change: Array<Extract<MessageKey, `pc.change.${string}`>> = [];
  if (codes.has('R1')) change.push('pc.change.R1');
  else {
    if (codes.has('E1')) change.push('pc.change.E1');
    if (codes.has('E2')) change.push('pc.change.E2');
    if (codes.has('V3') || codes.has('V5') || codes.has('V4') || codes.has('V')) change.push('pc.change.V');
    if (codes.has('P1')) change.push('pc.change.P1');
    // (only when an economics field is missing: an observer link alone is asked for above)
    if (b.missing.some((f) => ECONOMICS_FIELDS.has(f))) change.push('pc.change.price');
  }
  if (change.length)
    fields.push({
      name: t(lang, 'pc.change'),
      value: change
        .map(
          (k) =>
            `• ${
              k === 'pc.change.price'
                ? t(lang, k, {
                    fields: keyList(
                      b.missing.filter((f) => ECONOMICS_FIELDS.has(f)),
                      lang,
                    ),
                  })
                : t(lang, k)
            }`,
        )
        .join('\n'),
    });
  fields.push({
    name: t(lang, 'pc.questions'),
    value: (['pc.q.pool', 'pc.q.capacity', 'pc.q.payout', 'pc.q.entity', 'pc.q.withdraw'] as const)
      .map((k) => `• ${t(lang, k)}`)
      .join('\n'),
  });
  const lines = [...b.notes];
  if (b.missing.length && band !== 'insufficient')
    lines.push(t(lang, 'pc.missing', { fields: keyList(b.missing, lang) }));
  if (isChinese(lang)) lines.push(t(lang, 'pc.chinaNote'));
  const name = o.name?.trim();
  const headline =
    value === null
      ? t(lang, 'pc.headlineInsufficient', { band: t(lang, 'pc.band.insufficient') })
      : t(lang, 'pc.headline', {
          band: t(lang, `pc.band.${band as Band}`),
          score: value,
          confidence: t(lang, `pc.confidence.${confidence}`),
        });
  const flags = findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: findingText(f, lang, money).replace(/ \[[^\]]+\]$/, ''),
  }));
  return {
    kind: 'ok',
    title: name ? t(lang, 'pc.title', { name: name.slice(0, 80) }) : t(lang, 'pc.titleAnon'),
    tone: band === 'consistent' ? 'good' : band === 'unclear' || band === 'insufficient' ? 'warn' : 'bad',
    headline,
    fields,
    lines,
    footnote: t(lang, 'pc.disclaimer', { time: fmtDateTime(now) }),
    json: {
      score: value,
      band,
      confidence,
      flags,
      economics: {
        hashpricePerThDay: e?.hashpricePerThDay ?? null,
        promisedPerThDay: e?.promisedPerThDay ?? null,
        payoutRatio: e?.payoutRatio ?? null,
        valueRatio: e?.valueRatio ?? null,
        impliedAprPct: e?.impliedAprPct ?? null,
        netAnnualReturnPct: e?.netAnnualReturnPct ?? null,
        stopsAtDay: e?.stopsAtDay ?? null,
        allInCostPerThDay: e?.allInCostPerThDay ?? null,
        marketRatio: e?.marketRatio ?? null,
        costFloorPerThDay: e?.costFloorPerThDay ?? null,
      },
      missing: b.missing,
      currency,
      data: b.market ? dataJson(b.market) : null,
    },
  };
}

/** `provider-check`: how plausible a cloud-hashrate (云算力) offer is. */
export const providerCheckCommand = {
  name: 'provider-check',
  description: {
    en: 'How plausible a cloud-hashrate offer is: its payout against what hashrate mines',
    zh: '云算力方案合理性检查：承诺收益与算力实际产出的对比',
  },
  options: PROVIDER_CHECK_OPTIONS,
  examples: [
    'name="HashPlus" contract_price=2 days=30 payout=0.08 hashrate=10TH',
    'text="100T 永久算力 日息0.5% 三级返佣 900 USDT"',
    'name="SuperHash Cloud" contract_price=6 hashrate=100TH days=365 maintenance=0.018 payout=pool observer="https://www.antpool.com/observer?accessKey=…&coinType=BTC&observerUserId=…"',
    'name="BitClub Network"',
  ],
  run,
} satisfies CommandSpec<typeof PROVIDER_CHECK_OPTIONS>;
