import { describe, expect, it } from '@jest/globals';
import { planCapacity, type PrefixDemand } from '../../src/capacity/planner.js';
import type { RankedPop } from '../../src/core/pop-ranking.js';
import { formatPrefix, type Prefix } from '../../src/core/prefix.js';
import { blockInstance, exactOptimum, random, randomInstance, replanned } from '../helpers/capacity-instances.js';

const movesOf = (plan: ReturnType<typeof planCapacity>) => plan.moves.map((m) => `${formatPrefix(m.prefix)} ${m.to}`).sort();

describe('plans that move no more than they must, and the same again', () => {
  it('moves the least that brings Y within its limit, and nothing more once applied (1 extra hop each)', () => {
    const y = 'www.y.example.net';
    const x = 'www.x.example.net';
    const ranking: RankedPop[] = [
      { answer: y, asn: 64702, hops: 1 },
      { answer: x, asn: undefined, hops: 2 },
    ];
    const leaf = (third: number, demand: number): PrefixDemand => {
      const prefix = { family: 4, network: ((192 << 24) | (168 << 16) | (third << 8)) >>> 0, length: 24 } as Prefix;
      return { prefix, ranking, demand, leaves: [{ prefix, demand }] };
    };
    const prefixes = [leaf(193, 0.93), leaf(194, 0.35), leaf(195, 0.24), leaf(196, 0.22)];
    const capacity = new Map([[y, 1.2]]);
    const plan = planCapacity({ prefixes, capacity });
    // At least 0.66/s must leave Y (1.74/s against 0.9 × 1.2/s): the three small prefixes, 0.81/s, cost
    // less than the big one alone, 0.93/s.
    expect(movesOf(plan)).toEqual([`192.168.194.0/24 ${x}`, `192.168.195.0/24 ${x}`, `192.168.196.0/24 ${x}`]);
    expect(plan.cost).toBeCloseTo(0.81, 9);
    // Applied, then planned again on the same demand: nothing changes.
    const again = planCapacity({ prefixes, capacity, previous: plan.moves.map((m) => ({ prefix: m.prefix, pop: m.to })) });
    expect(movesOf(again)).toEqual(movesOf(plan));
  });

  it('keeps a line in force whose blocks had no request in this window while its home stays above the low watermark', () => {
    const ranking: RankedPop[] = [
      { answer: 'y', asn: 64702, hops: 1 },
      { answer: 'x', asn: undefined, hops: 2 },
    ];
    const block = (third: number): Prefix => ({ family: 4, network: ((192 << 24) | (168 << 16) | (third << 8)) >>> 0, length: 24 });
    const deciding: Prefix = { family: 4, network: ((192 << 24) | (168 << 16) | (200 << 8)) >>> 0, length: 22 };
    // 192.168.201.0/24 was moved; this window counted nothing from it.
    const at = (demand: number): PrefixDemand[] => [{ prefix: deciding, ranking, demand, leaves: [{ prefix: block(200), demand }] }];
    const previous = [{ prefix: block(201), pop: 'x' }];
    const capacity = new Map([['y', 10]]);
    // Y at 80 %: above the low watermark, the line stays (with no demand to carry).
    expect(movesOf(planCapacity({ prefixes: at(8), capacity, previous }))).toEqual(['192.168.201.0/24 x']);
    // Y at 50 %: it goes back.
    expect(movesOf(planCapacity({ prefixes: at(5), capacity, previous }))).toEqual([]);
  });

  it('gives the same plan again once the plan in force is its own: 200 random instances of /20s with unequal /24s', () => {
    const next = random(777);
    let moved = 0;
    let overloaded = 0;
    for (let round = 0; round < 200; round++) {
      const instance = randomInstance(next);
      const plan = planCapacity({ prefixes: instance.prefixes, capacity: instance.capacity });
      // Demand past every POP's limit that the plan could not place: planned again, a little more may fit.
      if (plan.unplaced > 0) {
        overloaded++;
        continue;
      }
      expect(movesOf(replanned(instance, plan))).toEqual(movesOf(plan));
      if (plan.moves.length > 0) moved++;
    }
    expect(moved).toBeGreaterThan(50);
    expect(overloaded).toBeLessThan(150);
  });

  it('against an exact solver of indivisible /24s (600 random instances): the optimum on every one, every move needed, the same again', () => {
    const next = random(4242);
    let solvable = 0;
    let moved = 0;
    for (let round = 0; round < 600; round++) {
      const instance = blockInstance(next);
      const plan = planCapacity({ prefixes: instance.prefixes, capacity: instance.capacity });
      const best = exactOptimum(instance, (pop) => instance.capacity.get(pop)! * plan.watermark);
      if (best === undefined) {
        // No assignment fits: the plan says how much it could not place.
        expect(plan.unplaced).toBeGreaterThan(0);
        continue;
      }
      solvable++;
      expect(plan.unplaced).toBe(0);
      expect(plan.cost).toBeGreaterThanOrEqual(best - 1e-9);
      expect(plan.cost).toBeLessThanOrEqual(best * 1.01 + 1e-9);
      // Every move is needed: sending any one back would put its POP over the limit.
      for (const move of plan.moves) {
        const home = plan.pops.find((p) => p.pop === move.from)!;
        expect(home.after + move.demand).toBeGreaterThan(instance.capacity.get(move.from)! * plan.watermark);
      }
      expect(movesOf(replanned(instance, plan))).toEqual(movesOf(plan));
      if (plan.moves.length > 0) moved++;
    }
    expect(solvable).toBeGreaterThan(150);
    expect(moved).toBeGreaterThan(80);
  });
});
