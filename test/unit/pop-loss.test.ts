import { describe, expect, it } from '@jest/globals';
import { type PrefixDemand, planCapacity } from '../../src/capacity/planner.js';
import { lossOfEachPop } from '../../src/capacity/pop-loss.js';
import type { RankedPop } from '../../src/core/pop-ranking.js';
import type { Prefix } from '../../src/core/prefix.js';

const prefix = (i: number): Prefix => ({ family: 4, network: ((10 << 24) + i * 256) >>> 0, length: 24 });
const ranked = (...pops: string[]): RankedPop[] => pops.map((answer, k) => ({ answer, asn: 64600 + k, hops: 1 + k }));
const demand = (i: number, value: number, ranking: RankedPop[]): PrefixDemand => ({
  prefix: prefix(i),
  ranking,
  demand: value,
  leaves: [],
});

describe('what losing each POP would do', () => {
  it('says which losses the others absorb within the high watermark, and which would overload them', () => {
    // a: 40 that may go to b or c; b: 30 that may go to a; c: 20 that only c serves.
    const prefixes = [demand(1, 40, ranked('a', 'b', 'c')), demand(2, 30, ranked('b', 'a')), demand(3, 20, ranked('c'))];
    const capacity = new Map([
      ['a', 100],
      ['b', 50],
      ['c', 40],
    ]);
    const input = { prefixes, capacity };
    const losses = lossOfEachPop(input, planCapacity(input));
    expect(losses.map((l) => [l.pop, l.demand, l.absorbed, l.busiest?.pop, l.busiest && Number(l.busiest.use.toFixed(3)), l.over])).toEqual(
      [
        // a's 40 to b: 70 of 50; it moves whole, and c (20 + 40 of 40) has no room for it: 25 over b's 45.
        ['a', 40, false, 'b', 1.4, 25],
        // b's 30 to a: 70 of 100.
        ['b', 30, true, 'a', 0.7, 0],
        // c's 20 reach no other POP: nothing lands anywhere; b stays the busiest at 30 of 50.
        ['c', 20, true, 'b', 0.6, 0],
      ],
    );
  });

  it('has nothing to say with one POP', () => {
    const input = { prefixes: [demand(1, 5, ranked('a'))], capacity: new Map([['a', 10]]) };
    expect(lossOfEachPop(input, planCapacity(input))).toEqual([]);
  });
});
