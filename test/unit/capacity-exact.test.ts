import { describe, expect, it } from '@jest/globals';
import { planCapacity, type PrefixDemand } from '../../src/capacity/planner.js';
import type { RankedPop } from '../../src/core/pop-ranking.js';
import { formatPrefix, type Prefix } from '../../src/core/prefix.js';
import { random, randomInstance } from '../helpers/capacity-instances.js';

/** A small instance whose every prefix is one /24: a leaf that moves whole or not at all. */
interface LeafInstance {
  readonly pops: readonly string[];
  readonly capacity: Map<string, number>;
  readonly prefixes: PrefixDemand[];
}

function leafInstance(next: () => number): LeafInstance {
  const pops = Array.from({ length: 2 + Math.floor(next() * 2) }, (_, i) => `pop${i}`);
  const prefixes: PrefixDemand[] = [];
  let total = 0;
  const count = 3 + Math.floor(next() * 6);
  for (let i = 0; i < count; i++) {
    const order = [...pops].sort(() => next() - 0.5);
    const reach = 1 + Math.floor(next() * pops.length);
    let hops = 1 + Math.floor(next() * 3);
    const ranking: RankedPop[] = order.slice(0, reach).map((answer, k) => {
      if (k > 0) hops += 1 + Math.floor(next() * 3);
      return { answer, asn: 64600 + pops.indexOf(answer), hops };
    });
    // Leaves of very unequal size: a few big ones and many small.
    const demand = Math.round(1 + next() ** 3 * 99);
    const prefix = { family: 4, network: ((10 << 24) + i * 256) >>> 0, length: 24 } as Prefix;
    prefixes.push({ prefix, ranking, demand, leaves: [{ prefix, demand }] });
    total += demand;
  }
  const load = 0.6 + next() * 0.6;
  const capacity = new Map(pops.map((pop) => [pop, Math.round((total / load / pops.length) * (0.5 + next()))]));
  return { pops, capacity, prefixes };
}

/** Every assignment of each prefix to a POP it can reach: the least cost that keeps every POP within `limit`. */
function exactOptimum(instance: LeafInstance, limit: (pop: string) => number): number | undefined {
  let best: number | undefined;
  const load = new Map(instance.pops.map((p) => [p, 0]));
  const visit = (i: number, cost: number): void => {
    if (best !== undefined && cost >= best) return;
    if (i === instance.prefixes.length) {
      if (instance.pops.every((p) => load.get(p)! <= limit(p) + 1e-9)) best = cost;
      return;
    }
    const d = instance.prefixes[i]!;
    const home = d.ranking[0]!.hops;
    for (const r of d.ranking) {
      load.set(r.answer, load.get(r.answer)! + d.demand);
      visit(i + 1, cost + (r.hops - home) * d.demand);
      load.set(r.answer, load.get(r.answer)! - d.demand);
    }
  };
  visit(0, 0);
  return best;
}

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
      const again = planCapacity({
        prefixes: instance.prefixes,
        capacity: instance.capacity,
        previous: plan.moves.map((m) => ({ prefix: m.prefix, pop: m.to })),
      });
      expect(movesOf(again)).toEqual(movesOf(plan));
      if (plan.moves.length > 0) moved++;
    }
    expect(moved).toBeGreaterThan(50);
    expect(overloaded).toBeLessThan(150);
  });

  it('against an exact solver of indivisible leaves (400 random instances): every move needed, optimal in most', () => {
    const next = random(4242);
    let solvable = 0;
    let placed = 0;
    let optimal = 0;
    for (let round = 0; round < 400; round++) {
      const instance = leafInstance(next);
      const plan = planCapacity({ prefixes: instance.prefixes, capacity: instance.capacity });
      const best = exactOptimum(instance, (pop) => instance.capacity.get(pop)! * plan.watermark);
      if (best === undefined) continue;
      solvable++;
      if (plan.unplaced > 0) continue;
      placed++;
      expect(plan.cost).toBeGreaterThanOrEqual(best - 1e-9);
      if (plan.cost <= best + 1e-9) optimal++;
      // Every move is needed: sending any one back would put its POP over the limit.
      for (const move of plan.moves) {
        const home = plan.pops.find((p) => p.pop === move.from)!;
        expect(home.after + move.demand).toBeGreaterThan(instance.capacity.get(move.from)! * plan.watermark);
      }
    }
    // Measured: 67 optimal of 72 placed, 88 solvable (without returning moves: 58 of 72).
    expect(solvable).toBeGreaterThan(80);
    expect(placed).toBeGreaterThanOrEqual(72);
    expect(optimal / placed).toBeGreaterThanOrEqual(0.9);
  });
});
