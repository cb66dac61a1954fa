import { describe, expect, it } from '@jest/globals';
import { planCapacity, type Plan } from '../../src/capacity/planner.js';
import type { RankedPop } from '../../src/core/pop-ranking.js';
import { formatPrefix, parsePrefix, prefixCovers, type Prefix } from '../../src/core/prefix.js';
import { diurnalTrace, MAX_LEAF, optimum, prefixDemand, random, randomInstance } from '../helpers/capacity-instances.js';

const p = (text: string): Prefix => parsePrefix(text)!;

function loadOf(plan: Plan, pop: string): number {
  return plan.pops.find((l) => l.pop === pop)?.after ?? 0;
}

describe('capacity planner', () => {
  it('on 1,000 random instances keeps every POP at or below its high watermark whenever capacity allows, within 5 % of the exact optimum', () => {
    const next = random(20261202);
    let feasibleInstances = 0;
    let planCost = 0;
    let optimumCost = 0;
    let worst = 1;
    for (let n = 0; n < 1000; n++) {
      const instance = randomInstance(next);
      const plan = planCapacity({ prefixes: instance.prefixes, capacity: instance.capacity });
      const moved = plan.moves.reduce((a, m) => a + m.demand, 0);
      expect(plan.totalDemand).toBeCloseTo(
        instance.prefixes.reduce((a, d) => a + d.demand, 0),
        6,
      );
      expect(plan.pops.reduce((a, l) => a + l.after, 0)).toBeCloseTo(plan.totalDemand, 6);
      expect(moved).toBeLessThanOrEqual(plan.totalDemand + 1e-6);
      // Leaves are indivisible to the planner: it is held to the limit when the divisible problem fits with one leaf's room.
      if (!optimum(instance, MAX_LEAF).feasible) continue;
      feasibleInstances++;
      const exact = optimum(instance, 0);
      for (const pop of instance.pops) expect(loadOf(plan, pop)).toBeLessThanOrEqual(instance.capacity.get(pop)! * 0.9 + 1e-6);
      expect(plan.unplaced).toBe(0);
      planCost += plan.cost;
      optimumCost += exact.cost;
      if (exact.cost > 0) worst = Math.max(worst, plan.cost / exact.cost);
      // One leaf's worth of hops is what indivisible /24s can cost beyond the divisible optimum.
      expect(plan.cost).toBeLessThanOrEqual(exact.cost * 1.05 + MAX_LEAF * 4);
    }
    expect(feasibleInstances).toBeGreaterThan(300);
    expect(planCost).toBeLessThanOrEqual(optimumCost * 1.05);
    process.stderr.write(
      `planner: ${feasibleInstances} feasible of 1000; cost ${(planCost / optimumCost).toFixed(4)}× the optimum overall, worst ${worst.toFixed(3)}×\n`,
    );
  });

  it('moves the demand that costs the fewest extra hops, and splits a prefix larger than what must move', () => {
    const a: RankedPop = { answer: 'a', asn: 64601, hops: 1 };
    const big = prefixDemand(0, [a, { answer: 'b', asn: 64602, hops: 2 }, { answer: 'c', asn: 64603, hops: 4 }], Array(16).fill(10));
    const plan = planCapacity({
      prefixes: [big],
      capacity: new Map([
        ['a', 100],
        ['b', 1000],
        ['c', 1000],
      ]),
    });
    expect(loadOf(plan, 'a')).toBeLessThanOrEqual(90);
    expect(plan.moves.every((m) => m.to === 'b' && m.extraHops === 1 && m.why === 'over-capacity')).toBe(true);
    expect(plan.moves.every((m) => prefixCovers(big.prefix, m.prefix) && m.prefix.length > 20)).toBe(true);
    expect(plan.moves.reduce((s, m) => s + m.demand, 0)).toBe(160 - 90);
  });

  it('never moves clients to a POP that is out, and starts an out POP’s clients at their next POP', () => {
    const ranking: RankedPop[] = [
      { answer: 'a', asn: 64601, hops: 1 },
      { answer: 'b', asn: 64602, hops: 2 },
      { answer: 'c', asn: 64603, hops: 3 },
    ];
    const plan = planCapacity({
      prefixes: [prefixDemand(0, ranking, Array(16).fill(10))],
      capacity: new Map([
        ['a', 1000],
        ['b', 100],
        ['c', 1000],
      ]),
      out: new Set(['a']),
    });
    expect(loadOf(plan, 'a')).toBe(0);
    expect(plan.pops.find((l) => l.pop === 'b')!.before).toBe(160);
    expect(loadOf(plan, 'b')).toBeLessThanOrEqual(90);
    expect(plan.moves.every((m) => m.from === 'b' && m.to === 'c' && m.extraHops === 1)).toBe(true);
  });

  it('says when demand exceeds every POP’s capacity and spreads the excess in proportion', () => {
    const prefixes = [0, 1, 2, 3].map((i) =>
      prefixDemand(
        i,
        [
          { answer: i < 3 ? 'a' : 'b', asn: 1, hops: 1 },
          { answer: i < 3 ? 'b' : 'a', asn: 2, hops: 2 },
        ],
        Array(16).fill(10),
      ),
    );
    const plan = planCapacity({
      prefixes,
      capacity: new Map([
        ['a', 200],
        ['b', 400],
      ]),
    });
    expect(plan.watermark).toBeCloseTo(640 / 600, 6);
    expect(plan.totalLimit).toBeCloseTo(640, 6);
    // Within one /24's demand (10) of equal shares: /24s do not divide.
    expect(Math.abs(loadOf(plan, 'a') / 200 - loadOf(plan, 'b') / 400)).toBeLessThanOrEqual(10 / 200 + 1e-9);
    expect(plan.unplaced).toBeLessThanOrEqual(10);
  });

  it('on a 24-hour diurnal trace replanned every 5 minutes, moves no client more than twice a day, never back and forth within an hour', () => {
    const trace = diurnalTrace();
    expect(trace.worstLoad).toBeLessThanOrEqual(0.9 + 1e-9);
    expect(trace.moves).toBeGreaterThan(0);
    expect(trace.mostChanges).toBeLessThanOrEqual(2);
    expect(trace.quickestReturnMinutes).toBeGreaterThanOrEqual(60);
  });

  it('flaps on the same trace without hysteresis, so the trace can tell', () => {
    expect(diurnalTrace({ lowWatermark: 0.9 }).mostChanges).toBeGreaterThan(2);
  });

  it('keeps a previous move while undoing it would not fit below the low watermark, and undoes it once it does', () => {
    const ranking: RankedPop[] = [
      { answer: 'a', asn: 1, hops: 1 },
      { answer: 'b', asn: 2, hops: 2 },
    ];
    const capacity = new Map([
      ['a', 100],
      ['b', 1000],
    ]);
    const at = (level: number, previous: Array<{ prefix: Prefix; pop: string }>): Plan =>
      planCapacity({ prefixes: [prefixDemand(0, ranking, Array(16).fill(level))], capacity, previous });
    const peak = at(7, []);
    const previous = peak.moves.map((m) => ({ prefix: m.prefix, pop: m.to }));
    expect(previous.length).toBeGreaterThan(0);
    // 16 × 5 = 80 with everything back: above the low watermark (75), so only what fits below it goes back.
    const kept = at(5, previous);
    expect(kept.moves.length).toBeGreaterThan(0);
    expect(kept.moves.every((m) => m.why === 'kept' && peak.moves.some((k) => prefixCovers(k.prefix, m.prefix)))).toBe(true);
    expect(loadOf(kept, 'a')).toBeGreaterThan(75 - 5);
    expect(loadOf(kept, 'a')).toBeLessThanOrEqual(75);
    // 16 × 4 = 64: fits below it, so they go back.
    expect(at(4, previous).moves).toEqual([]);
  });

  it('gives the previous plan’s more-specific moves back their own prefixes', () => {
    const ranking: RankedPop[] = [
      { answer: 'a', asn: 1, hops: 1 },
      { answer: 'b', asn: 2, hops: 2 },
    ];
    const plan = planCapacity({
      prefixes: [prefixDemand(0, ranking, Array(16).fill(10))],
      capacity: new Map([
        ['a', 200],
        ['b', 1000],
      ]),
      previous: [{ prefix: p('10.0.8.0/22'), pop: 'b' }],
    });
    expect(plan.moves.map((m) => `${formatPrefix(m.prefix)} ${m.to} ${m.why}`)).toEqual(['10.0.8.0/22 b kept']);
  });
});
