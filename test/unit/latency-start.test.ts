import { describe, expect, it } from '@jest/globals';
import { startAtOverrides } from '../../src/capacity/latency-start.js';
import { planCapacity } from '../../src/capacity/planner.js';
import { formatPrefix, parsePrefix } from '../../src/core/prefix.js';

const P = parsePrefix('192.0.2.0/24')!;
const Q = parsePrefix('198.51.100.0/24')!;
const RANKING = [
  { answer: 'y', asn: 64702, hops: 1 },
  { answer: 'x', asn: undefined, hops: 2 },
];
const DEMAND = [
  { prefix: P, ranking: RANKING, demand: 100, leaves: [] },
  { prefix: Q, ranking: RANKING, demand: 10, leaves: [] },
];

describe('a plan starting from the latency overrides', () => {
  it('keeps an overridden prefix at its POP while that POP has room', () => {
    const prefixes = startAtOverrides(DEMAND, [{ prefix: P, pop: 'x' }], new Set());
    const plan = planCapacity({
      prefixes,
      capacity: new Map([
        ['x', 1000],
        ['y', 1000],
      ]),
    });
    expect(plan.moves).toEqual([]);
    expect(plan.pops.map((p) => [p.pop, p.before])).toEqual(
      expect.arrayContaining([
        ['x', 100],
        ['y', 10],
      ]),
    );
  });

  it('moves it on, as a plan line that wins over the override, when that POP is over', () => {
    const prefixes = startAtOverrides(DEMAND, [{ prefix: P, pop: 'x' }], new Set());
    const plan = planCapacity({
      prefixes,
      capacity: new Map([
        ['x', 50],
        ['y', 1000],
      ]),
    });
    expect(plan.moves.map((m) => [formatPrefix(m.prefix), m.from, m.to, m.extraHops])).toEqual([['192.0.2.0/24', 'x', 'y', 0]]);
  });

  it('starts an overridden /24 of a wider prefix apart, at its POP, and the rest of the prefix where it was', () => {
    const wide = {
      prefix: parsePrefix('10.1.0.0/16')!,
      ranking: RANKING,
      demand: 100,
      leaves: [
        { prefix: parsePrefix('10.1.7.0/24')!, demand: 60 },
        { prefix: parsePrefix('10.1.9.0/24')!, demand: 40 },
        { prefix: parsePrefix('10.1.12.0/24')!, demand: 0 },
      ],
    };
    const prefixes = startAtOverrides([wide], [{ prefix: parsePrefix('10.1.9.0/24')!, pop: 'x' }], new Set());
    expect(
      prefixes.map((p) => [formatPrefix(p.prefix), p.demand, p.ranking[0]!.answer, p.leaves.map((l) => formatPrefix(l.prefix))]),
    ).toEqual([
      ['10.1.0.0/16', 60, 'y', ['10.1.7.0/24', '10.1.12.0/24']],
      ['10.1.9.0/24', 40, 'x', []],
    ]);
    const plan = planCapacity({ prefixes, capacity: new Map([['x', 1000]]) });
    expect(plan.pops.map((p) => [p.pop, p.before])).toEqual(
      expect.arrayContaining([
        ['x', 40],
        ['y', 60],
      ]),
    );
  });

  it('leaves prefixes alone whose override POP is out, or that have none', () => {
    expect(startAtOverrides(DEMAND, [{ prefix: P, pop: 'x' }], new Set(['x']))).toBe(DEMAND);
    expect(startAtOverrides(DEMAND, [], new Set())).toBe(DEMAND);
    expect(startAtOverrides(DEMAND, [{ prefix: Q, pop: 'z' }], new Set())[1]!.ranking.map((r) => r.answer)).toEqual(['z', 'y', 'x']);
  });
});
