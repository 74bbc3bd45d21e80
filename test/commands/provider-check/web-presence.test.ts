// W1 (domain age) and W2 (phishing lists): the calculation, the provider against a fake RDAP / crt.sh /
// Wayback / list server over real HTTP, and the command end to end.
import { dispatch, type Reply } from '../../../commands/index.js';
import { checkDomainAge } from '../../../commands/provider-check/checks.calc.js';
import { startFakeUpstream, type FakeUpstream } from '../../fakes/upstream.js';
import { manualClock, memoryLogger, testRuntime, type MutableClock } from '../../helpers.js';
import type { Runtime } from '../../../bot/runtime.js';

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const daysAgo = (d: number): number => NOW - d * 86_400_000;

describe('checkDomainAge (W1)', () => {
  test.each([
    [{ registeredAt: daysAgo(10) }, 'high', 'W1young', 10],
    [{ registeredAt: daysAgo(29.9) }, 'high', 'W1young', 29],
    [{ registeredAt: daysAgo(30) }, 'medium', 'W1new', 30],
    [{ registeredAt: daysAgo(179) }, 'medium', 'W1new', 179],
    // No registration date: the earliest certificate or capture is a lower bound of the age.
    [{ firstCertAt: daysAgo(40), firstCaptureAt: daysAgo(12) }, 'medium', 'W1new', 40],
    [{ firstCaptureAt: daysAgo(3) }, 'high', 'W1young', 3],
  ])('%j → %s %s, %d days', (evidence, severity, message, days) => {
    expect(checkDomainAge(evidence, NOW)).toMatchObject({ code: 'W1', severity, message, values: { days } });
  });

  test('over three years registered counts +5; old captures alone do not (dropped domains get re-registered)', () => {
    expect(checkDomainAge({ registeredAt: daysAgo(4 * 365) }, NOW)).toMatchObject({
      severity: 'positive',
      points: 5,
      message: 'W1old',
      values: { since: '2022-11-22', how: 'registered' },
    });
    expect(checkDomainAge({ firstCaptureAt: daysAgo(4 * 365) }, NOW)).toBeNull();
    // The registration decides even when older captures exist: a domain re-registered last week.
    expect(checkDomainAge({ registeredAt: daysAgo(7), firstCaptureAt: daysAgo(3000) }, NOW)).toMatchObject({
      severity: 'high',
      values: { how: 'registered', days: 7 },
    });
    expect(checkDomainAge({ registeredAt: daysAgo(400) }, NOW)).toBeNull();
    expect(checkDomainAge({}, NOW)).toBeNull();
  });

  test('a founding claim more than a year before the site existed is contradicted', () => {
    // Registered 2025-06-01, claims 2019.
    expect(checkDomainAge({ registeredAt: Date.UTC(2025, 5, 1) }, NOW, 2019)).toMatchObject({
      severity: 'medium',
      message: 'W1founded',
      values: { founded: 2019, since: '2025-06-01' },
    });
    expect(checkDomainAge({ registeredAt: daysAgo(20) }, NOW, 2018)).toMatchObject({
      severity: 'high',
      message: 'W1youngFounded',
    });
    // Claimed 2024, registered 2025: within a year, no contradiction.
    expect(checkDomainAge({ registeredAt: Date.UTC(2025, 5, 1) }, NOW, 2024)).toBeNull();
  });
});

describe('provider and command against the fake record servers', () => {
  let up: FakeUpstream;
  let rt: Runtime;
  let clock: MutableClock;
  const logger = memoryLogger();

  beforeAll(async () => {
    up = await startFakeUpstream();
    clock = manualClock(NOW);
    rt = await testRuntime(up, { clock, logger });
  });
  afterAll(async () => {
    await rt.close();
    await up.close();
  });
  beforeEach(() => up.reset());

  const rdapBody = (iso: string) =>
    JSON.stringify({
      objectClassName: 'domain',
      ldhName: 'X',
      events: [
        { eventAction: 'last changed', eventDate: '2026-11-01T00:00:00Z' },
        { eventAction: 'registration', eventDate: iso },
      ],
    });
  const records = (domain: string, opts: { rdap?: string; certs?: string[]; capture?: string }) => {
    if (opts.rdap) up.fault(`/rdap/domain/${domain}`, { status: 200, body: rdapBody(opts.rdap) });
    if (opts.certs)
      up.fault('/crtsh/', {
        status: 200,
        body: JSON.stringify(opts.certs.map((nb, i) => ({ id: i, name_value: domain, not_before: nb }))),
      });
    if (opts.capture)
      up.fault('/wayback/cdx/search/cdx', { status: 200, body: JSON.stringify([['timestamp'], [opts.capture]]) });
  };

  test('the three records: parsed (crt.sh times are UTC without a zone), cached for a day', async () => {
    records('newhash.example', {
      rdap: '2026-11-02T08:30:00Z',
      certs: ['2026-11-05T00:00:00', '2026-11-02T10:00:00'],
      capture: '20261104120000',
    });
    const web = rt.deps.web!;
    const e = await web.domain('newhash.example');
    expect(e).toEqual({
      domain: 'newhash.example',
      registeredAt: Date.UTC(2026, 10, 2, 8, 30),
      firstCertAt: Date.UTC(2026, 10, 2, 10, 0),
      firstCaptureAt: Date.UTC(2026, 10, 4, 12, 0),
      unavailable: [],
    });
    // The domain goes to the record servers as a parameter, and nowhere else.
    expect(up.log).toEqual(
      expect.arrayContaining([
        '/rdap/domain/newhash.example',
        '/crtsh/?q=newhash.example&output=json',
        '/wayback/cdx/search/cdx?url=newhash.example&output=json&limit=1&fl=timestamp',
      ]),
    );
    const n = up.total();
    await web.domain('newhash.example');
    expect(up.total()).toBe(n);
  });

  test('a source that fails is named as not answering; the others still count', async () => {
    records('halfknown.example', { rdap: '2020-01-15T00:00:00Z' });
    up.fault('/crtsh/', { status: 502 });
    const e = await rt.deps.web!.domain('halfknown.example');
    expect(e.registeredAt).toBe(Date.UTC(2020, 0, 15));
    expect(e.unavailable).toEqual(['crt.sh', 'Wayback Machine']);
  });

  test('phishing lists: MetaMask (URL-shaped entries too) and ScamSniffer, subdomains through the registrable domain; each list downloaded once', async () => {
    const web = rt.deps.web!;
    const results = await Promise.all([
      web.phishing('hashplus-mining.example', 'hashplus-mining.example'),
      web.phishing('app.antpool-cloud.example', 'antpool-cloud.example'),
      web.phishing('cloudhash-earn.example', 'cloudhash-earn.example'),
      web.phishing('honest-mining.example', 'honest-mining.example'),
    ]);
    expect(results).toEqual([
      { list: 'MetaMask eth-phishing-detect', url: 'https://github.com/MetaMask/eth-phishing-detect' },
      { list: 'MetaMask eth-phishing-detect', url: 'https://github.com/MetaMask/eth-phishing-detect' },
      { list: 'ScamSniffer scam-database', url: 'https://github.com/scamsniffer/scam-database' },
      null,
    ]);
    // Whitelisted and fuzzy entries are not listings.
    expect(await web.phishing('antpool.com', 'antpool.com')).toBeNull();
    expect(up.counts.get('/phishing/metamask.json')).toBe(1);
    expect(up.counts.get('/phishing/scamsniffer.json')).toBe(1);
  });

  test('end to end: a young domain on a phishing list, in English and Chinese; the site itself is never contacted', async () => {
    records('hashplus-mining.example', {
      rdap: '2026-11-09T00:00:00Z',
      certs: ['2026-11-09T06:00:00'],
      capture: '20261110000000',
    });
    const ask = (lang: 'en' | 'zh-Hans') =>
      dispatch(
        'provider-check',
        { text: 'name=HashPlus url=https://hashplus-mining.example/invest founded=2017' },
        { lang, platform: 'test' },
        rt.deps,
      );
    const en: Reply = await ask('en');
    const flags = (en.json as { flags: Array<{ code: string; severity: string; message: string }> }).flags;
    expect(flags.find((f) => f.code === 'W1')).toEqual({
      code: 'W1',
      severity: 'high',
      message:
        'The website was registered on 2026-11-09, only 12 days ago, yet the provider claims to have started in 2017.',
    });
    expect(flags.find((f) => f.code === 'W2')).toMatchObject({ severity: 'high' });
    expect(flags.find((f) => f.code === 'W2')!.message).toContain('MetaMask eth-phishing-detect');
    expect(en.lines.join('\n')).toContain(
      'Domain hashplus-mining.example: registered 2026-11-09 (RDAP), first certificate 2026-11-09 (crt.sh), first capture 2026-11-10 (Wayback Machine).',
    );
    const zh = await ask('zh-Hans');
    expect(JSON.stringify(zh)).toContain('该网站注册于 2026-11-09，仅 12 天前，而平台声称 2017 年就已成立。');
    expect(up.log.some((l) => l.includes('/invest'))).toBe(false);
  });

  test('record servers down: the check still answers and says what it could not check', async () => {
    up.faultAll({ status: 503 });
    clock.set(NOW + 7 * 3_600_000); // past the lists' 6 h: they are asked again and fail
    const r = await dispatch(
      'provider-check',
      { text: 'name=Nowhere url=https://nowhere-hash.example' },
      { lang: 'en', platform: 'test' },
      rt.deps,
    );
    expect(r.kind).toBe('ok');
    expect(r.lines.join('\n')).toContain(
      'Could not check part of the domain history: RDAP, crt.sh, Wayback Machine did not answer.',
    );
    // The lists downloaded before are kept (an older copy beats none), so no "could not read" here.
    expect(r.lines.join('\n')).not.toContain('phishing lists');
    expect(JSON.stringify(r)).not.toMatch(/NaN|Infinity|undefined/);
  });

  test('no list could be read and none was read before: said so; a failed download is not retried for 15 min', async () => {
    const fresh = await testRuntime(up, { clock: manualClock(NOW), logger: memoryLogger() });
    try {
      up.faultAll({ status: 503 });
      const ask = () =>
        dispatch(
          'provider-check',
          { text: 'url=https://x-hash.example' },
          { lang: 'en', platform: 'test' },
          fresh.deps,
        );
      expect((await ask()).lines.join('\n')).toContain(
        'Could not read the phishing lists just now (MetaMask, ScamSniffer).',
      );
      await ask();
      expect(up.counts.get('/phishing/metamask.json')).toBe(1);
    } finally {
      await fresh.close();
    }
  });

  test('IP-address sites and bad domains send nothing to the record servers', async () => {
    await dispatch(
      'provider-check',
      { text: 'url=http://203.0.113.5/offer' },
      { lang: 'en', platform: 'test' },
      rt.deps,
    );
    expect(await rt.deps.web!.domain('../../etc/passwd')).toEqual({ domain: '../../etc/passwd', unavailable: [] });
    expect(up.total('/rdap') + up.total('/crtsh') + up.total('/wayback')).toBe(0);
  });
});
