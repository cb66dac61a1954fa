import { describe, expect, it } from '@jest/globals';
import { countingMargin, loadInForce, planCycle } from '../../src/capacity/plan-cycle.js';
import { SlidingDemand } from '../../src/capacity/sliding-demand.js';
import { parseClientAddress } from '../../src/core/address.js';
import type { RankedPop } from '../../src/core/pop-ranking.js';
import { formatPrefix, parsePrefix } from '../../src/core/prefix.js';
import { closedLoopTrace } from '../helpers/capacity-instances.js';

const Y = 'www.y.example.net';
const X = 'www.x.example.net';
const VIA_Y: RankedPop[] = [
  { answer: Y, asn: 64702, hops: 1 },
  { answer: X, asn: undefined, hops: 2 },
];
const at = (text: string) => parseClientAddress(text)!;
const net = (text: string) => parsePrefix(text)!;

/** `perSecond` requests a second to each /24 of 192.168.200.0/22 from `from` to `to` (epoch seconds). */
function fill(demand: SlidingDemand, perSecond: readonly number[], from: number, to: number, route: unknown = 'r1', ranking = VIA_Y): void {
  for (let t = from; t < to; t++)
    perSecond.forEach((n, k) => {
      for (let i = 0; i < n; i++)
        demand.add(at(`192.168.${200 + k}.${1 + i}`), net('192.168.200.0/22'), route, () => ranking, t + 0.5, 100);
    });
}

describe('the demand of the last seconds', () => {
  it('is the requests per second of each /24 over the span, older seconds forgotten', () => {
    const demand = new SlidingDemand(10);
    fill(demand, [1, 1, 1, 1], 1000, 1010);
    fill(demand, [4, 2, 0, 0], 1010, 1020);
    const recent = demand.recent(1020, 'requests');
    expect([recent.startSeconds, recent.endSeconds, recent.total, recent.requests]).toEqual([1010, 1020, 6, 60]);
    expect(recent.prefixes.map((p) => [formatPrefix(p.prefix), p.demand, p.leaves.map((l) => [formatPrefix(l.prefix), l.demand])])).toEqual(
      [
        [
          '192.168.200.0/22',
          6,
          [
            ['192.168.200.0/24', 4],
            ['192.168.201.0/24', 2],
          ],
        ],
      ],
    );
    // Past the span, nothing is left: an empty window, not the old demand.
    expect(demand.recent(1040, 'requests')).toEqual(expect.objectContaining({ total: 0, requests: 0, prefixes: [] }));
  });

  it('in bits, from the sizes; and follows a new route with its ranking', () => {
    const demand = new SlidingDemand(10);
    fill(demand, [1, 0, 0, 0], 1000, 1010);
    expect(demand.recent(1010, 'bits').total).toBe(800);
    const viaX: RankedPop[] = [{ answer: X, asn: undefined, hops: 1 }];
    fill(demand, [1, 0, 0, 0], 1010, 1011, 'r2', viaX);
    expect(demand.recent(1011, 'requests').prefixes[0]!.ranking).toEqual(viaX);
  });
});

describe('one turn of the loop', () => {
  const capacity = new Map([
    [Y, 100],
    [X, 1000],
  ]);
  const base = { capacity, out: new Set<string>(), highWatermark: 0.9, lowWatermark: 0.75, maxMove: 0.3 };

  it("keeps two standard deviations of the window's request count below the high watermark", () => {
    const demand = new SlidingDemand(10);
    fill(demand, [60, 30, 20, 10], 1000, 1010);
    const recent = demand.recent(1010, 'requests');
    // Y counted 1,200 requests in 10 s: √1200 ≈ 34.6, two of them 6.9/s, 6.9 % of its capacity.
    expect(countingMargin(recent, new Map([[Y, 120]]), capacity)).toBeCloseTo((2 * Math.sqrt(1200)) / 10 / 100, 9);
    expect(countingMargin({ ...recent, unit: 'bits' }, new Map([[Y, 120]]), capacity)).toBe(0);
  });

  it('applies a plan within max_move, projects its use, and is unchanged once applied', () => {
    const demand = new SlidingDemand(10);
    fill(demand, [60, 30, 20, 10], 1000, 1010);
    const recent = demand.recent(1010, 'requests');
    const first = planCycle({ ...base, maxMove: 0.5, demand: recent, inForce: [] });
    // 120/s at Y against 83.1/s (90 % less the margin): 36.9/s must leave; 192.168.201.0/24 and
    // 192.168.203.0/24 carry 40/s, the least that does, one extra hop each.
    expect(first.action).toBe('apply');
    expect(first.moves.map((m) => [formatPrefix(m.prefix), m.to, m.demand]).sort()).toEqual([
      ['192.168.201.0/24', X, 30],
      ['192.168.203.0/24', X, 10],
    ]);
    expect([first.measured.get(Y), first.projected.get(Y), first.projected.get(X)]).toEqual([120, 80, 40]);
    const inForce = first.moves.map((m) => ({ prefix: m.prefix, pop: m.to }));
    const again = planCycle({ ...base, demand: recent, inForce });
    expect([again.action, again.measured.get(Y)]).toEqual(['unchanged', 80]);
  });

  it('applies under max_move the largest new lines that fit, the rest on later turns, and refuses when none fits', () => {
    const demand = new SlidingDemand(10);
    fill(demand, [50, 40, 40, 30], 1000, 1010);
    const recent = demand.recent(1010, 'requests');
    // 160/s against 82/s: 78/s must move, 49 % of the demand; 30 % is 48/s a turn.
    let inForce: Array<{ prefix: ReturnType<typeof net>; pop: string }> = [];
    const actions: string[] = [];
    for (let turn = 0; turn < 5; turn++) {
      const outcome = planCycle({ ...base, demand: recent, inForce });
      actions.push(outcome.action);
      if (outcome.action === 'unchanged') break;
      const next = outcome.moves.map((m) => ({ prefix: m.prefix, pop: m.to }));
      // What reaches X anew this turn, block by block.
      const gained = loadInForce({ demand: recent, out: new Set(), inForce: next }).get(X)! - (outcome.measured.get(X) ?? 0);
      expect(gained).toBeGreaterThan(0);
      expect(gained).toBeLessThanOrEqual(48);
      inForce = next;
    }
    expect(actions).toEqual(['capped', 'apply', 'unchanged']);
    const end = planCycle({ ...base, demand: recent, inForce });
    expect(end.measured.get(Y)).toBeLessThanOrEqual(82);
    // A line larger than max_move by itself is never applied: the turn is refused, and says so.
    const refused = planCycle({ ...base, maxMove: 0.1, demand: recent, inForce: [] });
    expect([refused.action, refused.moves]).toEqual(['over-max-move', []]);
  });

  it('measures each block where the plan in force sends it, unless its POP is out', () => {
    const demand = new SlidingDemand(10);
    fill(demand, [1, 2, 0, 0], 1000, 1010);
    const recent = demand.recent(1010, 'requests');
    const inForce = [{ prefix: net('192.168.201.0/24'), pop: X }];
    expect(loadInForce({ demand: recent, out: new Set(), inForce })).toEqual(
      new Map([
        [Y, 1],
        [X, 2],
      ]),
    );
    expect(loadInForce({ demand: recent, out: new Set([X]), inForce })).toEqual(new Map([[Y, 3]]));
  });
});

describe('the loop over simulated hours (a turn every 10 s on the last 30 s, counts with their noise)', () => {
  it('changes a /24 at most once an hour and never leaves a POP over its high watermark after a turn', () => {
    const trace = closedLoopTrace({ intervalSeconds: 10, windowSeconds: 30, hours: 6, lossHour: 99 });
    expect(trace.applied).toBeGreaterThan(20);
    expect(trace.mostChangesPerHour).toBeLessThanOrEqual(1);
    expect(trace.longestOverTurns).toBe(0);
  });

  it('keeps the others at or below 95 % when the largest POP is lost and they have room', () => {
    const trace = closedLoopTrace({ intervalSeconds: 10, windowSeconds: 30, hours: 4, lossHour: 2 });
    expect(trace.loss.othersHaveRoom).toBe(true);
    expect(trace.loss.worstUse).toBeGreaterThan(0.85);
    expect(trace.loss.worstUse).toBeLessThanOrEqual(0.95);
  });
});
