// Alert evaluation: silent baselines, identities, hysteresis, cooldown, the latest event only.
import {
  baselineState,
  evaluate,
  hashpriceNow,
  marginNow,
  type ChainSnapshot,
} from '../../../commands/alert/evaluate.calc.js';
import type { Alert, AlertRule } from '../../../commands/core/ports.js';

const D = 132_757_073_449_487.5;
const snap = (over: Partial<ChainSnapshot> = {}): ChainSnapshot => ({
  at: 1_000_000,
  height: 967_731,
  difficulty: D,
  retarget: null,
  feesPerBlockBtc: 0.0188,
  blocks: [],
  prices: { usd: 81_445 },
  ...over,
});
const alertOf = (rule: Partial<AlertRule> & Pick<AlertRule, 'kind'>, s: ChainSnapshot = snap()): Alert => {
  const r: AlertRule = { rearm: 0.02, cooldownMs: 0, ...rule };
  return {
    id: 1,
    platform: 'telegram',
    channelId: '-1',
    scope: 't',
    rule: r,
    lang: 'en',
    currency: 'usd',
    state: baselineState({ rule: r, currency: 'usd' }, s),
    pausedReason: null,
    paused: false,
    createdBy: null,
    createdAt: 0,
  };
};
/** Runs the alert through the snapshots, carrying its state, and returns the event keys. */
function run(a: Alert, snaps: ChainSnapshot[]): string[] {
  const keys: string[] = [];
  let alert = a;
  for (const s of snaps) {
    const r = evaluate(alert, s);
    keys.push(...r.events.map((e) => e.key));
    alert = { ...alert, state: r.state };
  }
  return keys;
}

test('hashprice = 86,400 × 10¹² / 2³² × (subsidy + fees) / difficulty, in sats (and fiat per TH/PH)', () => {
  const k = (86_400 * 1e12) / 4_294_967_296;
  expect(hashpriceNow(snap(), { kind: 'hashprice', rearm: 0, cooldownMs: 0 }, 'usd')).toBeCloseTo(
    ((k * 3.1438) / D) * 1e8,
    9,
  );
  expect(hashpriceNow(snap(), { kind: 'hashprice', unit: 'ph', rearm: 0, cooldownMs: 0 }, 'usd')).toBeCloseTo(
    ((k * 3.1438) / D) * 81_445 * 1000,
    9,
  );
});

test('difficulty: nothing for the state at creation; one event per retarget, keyed by the epoch', () => {
  const a = alertOf({ kind: 'difficulty' });
  const next = snap({ height: 967_968, difficulty: D * 1.1 });
  const r = evaluate(a, next);
  expect(r.events).toHaveLength(1);
  const e = r.events[0]!;
  expect(e).toMatchObject({ kind: 'retarget', key: 'retarget:967680', height: 967_680 });
  if (e.kind !== 'retarget') throw new Error('kind');
  expect(e.changePct).toBeCloseTo(10, 9);
  expect(e.meanBlockSeconds).toBeCloseTo(600 / 1.1, 9);
  expect(e.hashpriceChangePct).toBeCloseTo((1 / 1.1 - 1) * 100, 9);
  expect(
    run(a, [snap(), snap({ height: 967_900 }), next, next, snap({ height: 967_990, difficulty: D * 1.1 })]),
  ).toEqual(['retarget:967680']);
  // The tip past the boundary with the old difficulty still served: no post until the new one shows.
  expect(run(a, [snap({ height: 967_968 }), snap({ height: 967_969, difficulty: D * 1.1 })])).toEqual([
    'retarget:967680',
  ]);
});

test('hashprice below: fires on crossing, re-arms only past threshold + 2 %, fires again; each crossing its own key', () => {
  const a = alertOf({ kind: 'hashprice', below: 45, unit: 'sats' });
  const at = (value: number, i: number): ChainSnapshot => {
    // the difficulty that gives this hashprice with the snapshot's fees
    const k = (86_400 * 1e12) / 4_294_967_296;
    return snap({ at: 1_000_000 + i * 60_000, difficulty: (k * 3.1438 * 1e8) / value });
  };
  expect(run(a, [47, 44.9, 44, 45.5, 44, 45.95, 44.5].map(at))).toEqual(['cross:1', 'cross:2']);
});

test('an alert made while already past its threshold waits for a recovery (silent baseline)', () => {
  const a = alertOf({ kind: 'price', below: 90_000 }); // price is 81,445 now
  expect(a.state.armed).toBe(false);
  const p = (usd: number, i: number): ChainSnapshot => snap({ at: i * 60_000, prices: { usd } });
  expect(run(a, [81_000, 80_000, 92_000, 89_000].map(p))).toEqual(['cross:1']);
});

test('cooldown: a value hovering around the threshold posts at most once per cooldown', () => {
  const a = alertOf({ kind: 'price', above: 82_000, rearm: 0, cooldownMs: 3_600_000 });
  const p = (usd: number, min: number): ChainSnapshot => snap({ at: min * 60_000, prices: { usd } });
  // up, down, up within the hour: one post; up again after the hour: the second
  expect(run(a, [p(82_100, 1), p(81_900, 10), p(82_100, 20), p(81_900, 30), p(82_100, 70)])).toEqual([
    'cross:1',
    'cross:2',
  ]);
});

test('blocks: the followed pool’s new block posts; others do not; after a gap only the latest is posted', () => {
  const block = (height: number, pool: string) => ({
    hash: height.toString(16).padStart(64, '0'),
    height,
    time: height * 600_000,
    rewardBtc: 3.14,
    feesBtc: 0.015,
    pool,
    poolName: pool === 'antpool' ? 'AntPool' : 'Foundry USA',
  });
  const a = alertOf(
    { kind: 'blocks', pool: 'antpool', poolName: 'AntPool' },
    snap({ blocks: [block(967_731, 'antpool')] }),
  );
  expect(
    run(a, [snap({ height: 967_732, blocks: [block(967_731, 'antpool'), block(967_732, 'foundryusa')] })]),
  ).toEqual([]);
  const r = evaluate(
    a,
    snap({
      height: 967_735,
      blocks: [block(967_733, 'antpool'), block(967_734, 'foundryusa'), block(967_735, 'antpool')],
    }),
  );
  expect(r.events.map((e) => e.key)).toEqual([`block:${(967_735).toString(16).padStart(64, '0')}`]);
  const e = r.events[0]!;
  if (e.kind !== 'block') throw new Error('kind');
  expect(e.sinceLastMs).toBe(2 * 600_000);
  expect(
    evaluate({ ...a, state: r.state }, snap({ height: 967_735, blocks: [block(967_735, 'antpool')] })).events,
  ).toEqual([]);
});

test('margin: a saved rig’s profit per day as yield computes it; fires when it turns negative', () => {
  const rig = { name: 'shed', hashrateThs: 270, powerW: 3645, electricity: 0.11, poolFee: 0.01, uptime: 1 };
  const a = alertOf({ kind: 'margin', below: 0, rig });
  const k = (86_400 * 1e12) / 4_294_967_296;
  const profit = (d: number) => ((270 * k * 3.1438) / d) * 0.99 * 81_445 - 3.645 * 24 * 0.11;
  expect(marginNow(snap(), a.rule, 'usd')).toBeCloseTo(profit(D), 9);
  expect(profit(D)).toBeGreaterThan(0);
  expect(profit(D * 1.1)).toBeLessThan(0);
  expect(run(a, [snap(), snap({ difficulty: D * 1.1 }), snap({ difficulty: D * 1.1 })])).toEqual(['cross:1']);
});

test('difficulty before=24h: one heads-up when the estimated retarget is that close, then the retarget itself', () => {
  const a = alertOf({ kind: 'difficulty', beforeMs: 24 * 3_600_000 });
  const estimate = (hoursLeft: number, at: number) =>
    snap({
      at,
      retarget: {
        progressPercent: 95,
        estimatedChangePct: 2.1,
        previousChangePct: 4.2,
        remainingBlocks: 100,
        nextRetargetHeight: 969_696,
        estimatedRetargetAt: at + hoursLeft * 3_600_000,
      },
    });
  const r = evaluate(a, estimate(20, 1_000));
  expect(r.events).toEqual([
    {
      kind: 'retargetSoon',
      key: 'soon:969696',
      at: 1_000,
      height: 969_696,
      eta: 1_000 + 20 * 3_600_000,
      estimatePct: 2.1,
    },
  ]);
  expect(run(a, [estimate(30, 0), estimate(23, 1), estimate(10, 2), estimate(1, 3)])).toEqual(['soon:969696']);
  expect(run(a, [estimate(23, 1), snap({ height: 969_700, difficulty: D * 1.021 })])).toEqual([
    'soon:969696',
    'retarget:969696',
  ]);
});
