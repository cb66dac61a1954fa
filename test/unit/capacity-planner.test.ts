import { describe, expect, it } from '@jest/globals';
import { planCapacity, type Plan, type PrefixDemand } from '../../src/capacity/planner.js';
import type { RankedPop } from '../../src/core/pop-ranking.js';
import { formatPrefix, parsePrefix, prefixCovers, type Prefix } from '../../src/core/prefix.js';
import { minCostTransport } from '../helpers/min-cost-flow.js';

/** xorshift32: exact in 32-bit integers. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x1_0000_0000;
  };
}

const p = (text: string): Prefix => parsePrefix(text)!;

/** A /20 with its 16 /24s, each with its own demand. */
function prefixDemand(index: number, ranking: RankedPop[], leafDemands: readonly number[]): PrefixDemand {
  const base = (10 << 24) + index * 4096;
  const leaves = leafDemands.map((demand, i) => ({ prefix: { family: 4, network: (base + i * 256) >>> 0, length: 24 } as Prefix, demand }));
  return { prefix: { family: 4, network: base >>> 0, length: 20 }, ranking, demand: leafDemands.reduce((a, b) => a + b, 0), leaves };
}

const MAX_LEAF = 20;

interface Instance {
  readonly pops: readonly string[];
  readonly capacity: Map<string, number>;
  readonly prefixes: PrefixDemand[];
}

function randomInstance(next: () => number): Instance {
  const popCount = 2 + Math.floor(next() * 4);
  const pops = Array.from({ length: popCount }, (_, i) => `pop${i}`);
  const prefixCount = 8 + Math.floor(next() * 23);
  const prefixes: PrefixDemand[] = [];
  let total = 0;
  for (let i = 0; i < prefixCount; i++) {
    const order = [...pops].sort(() => next() - 0.5);
    const reach = 1 + Math.floor(next() * popCount);
    let hops = 1 + Math.floor(next() * 3);
    const ranking: RankedPop[] = order.slice(0, reach).map((answer, k) => {
      if (k > 0) hops += Math.floor(next() * 3);
      return { answer, asn: 64600 + pops.indexOf(answer), hops };
    });
    const leaves = Array.from({ length: 16 }, () => 1 + Math.floor(next() * (MAX_LEAF - 1)));
    const demand = prefixDemand(i, ranking, leaves);
    total += demand.demand;
    prefixes.push(demand);
  }
  const load = 0.5 + next() * 0.7;
  const weights = pops.map(() => 0.5 + next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const capacity = new Map(pops.map((pop, i) => [pop, Math.round((total / load) * (weights[i]! / sum))]));
  return { pops, capacity, prefixes };
}

/** `margin`: taken off each POP's limit. */
function optimum(instance: Instance, margin: number): ReturnType<typeof minCostTransport> {
  return minCostTransport({
    demand: instance.prefixes.map((d) => d.demand),
    cost: instance.prefixes.map((d) => {
      const home = d.ranking[0]!.hops;
      return instance.pops.map((pop) => {
        const entry = d.ranking.find((r) => r.answer === pop);
        return entry ? Math.max(0, entry.hops - home) : undefined;
      });
    }),
    limit: instance.pops.map((pop) => instance.capacity.get(pop)! * 0.9 - margin),
  });
}

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
    const next = random(424242);
    const regions = ['a', 'b', 'c'];
    const prefixes: Array<{ ranking: RankedPop[]; leaves: number[]; phase: number }> = [];
    for (let i = 0; i < 60; i++) {
      const home = regions[i % 3]!;
      const others = regions.filter((r) => r !== home).sort(() => next() - 0.5);
      prefixes.push({
        ranking: [
          { answer: home, asn: 1, hops: 2 },
          { answer: others[0]!, asn: 2, hops: 3 + Math.floor(next() * 2) },
          { answer: others[1]!, asn: 3, hops: 5 },
        ],
        leaves: Array.from({ length: 16 }, () => 1 + next() * 4),
        phase: (i % 3) * 8,
      });
    }
    const capacity = new Map(regions.map((r) => [r, 800]));
    const history = new Map<string, Array<{ at: number; pop: string }>>();
    let previous: Array<{ prefix: Prefix; pop: string }> = [];
    let moved = 0;
    // Three days: each prefix's second day, from its own quietest hour, is measured with earlier plans in force.
    for (let minute = 0; minute < 72 * 60; minute += 5) {
      const hour = minute / 60;
      const demands = prefixes.map((d, i) => {
        const level = 0.55 + 0.45 * Math.sin((2 * Math.PI * (hour - d.phase)) / 24);
        return prefixDemand(
          i,
          d.ranking,
          d.leaves.map((v) => v * level * (0.98 + next() * 0.04)),
        );
      });
      const plan = planCapacity({ prefixes: demands, capacity, previous });
      for (const pop of regions) expect(loadOf(plan, pop)).toBeLessThanOrEqual(800 * 0.9 + 1e-6);
      previous = plan.moves.map((m) => ({ prefix: m.prefix, pop: m.to }));
      moved += plan.moves.length;
      for (const [i, d] of demands.entries()) {
        for (const leaf of d.leaves) {
          const move = plan.moves.find((m) => prefixCovers(m.prefix, leaf.prefix));
          const pop = move ? move.to : prefixes[i]!.ranking[0]!.answer;
          const key = formatPrefix(leaf.prefix);
          const seen = history.get(key) ?? [];
          const quietest = 24 * 60 + ((prefixes[i]!.phase + 18) % 24) * 60;
          const measured = minute >= quietest && minute < quietest + 24 * 60;
          if (measured && (seen.length === 0 || seen[seen.length - 1]!.pop !== pop)) seen.push({ at: minute, pop });
          history.set(key, seen);
        }
      }
    }
    expect(moved).toBeGreaterThan(0);
    for (const seen of history.values()) {
      const changes = seen.slice(1);
      expect(changes.length).toBeLessThanOrEqual(2);
      for (let k = 1; k < seen.length - 1; k++) {
        if (seen[k + 1]!.pop === seen[k - 1]!.pop) expect(seen[k + 1]!.at - seen[k]!.at).toBeGreaterThanOrEqual(60);
      }
    }
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
