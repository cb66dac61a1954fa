import { describe, expect, it } from '@jest/globals';
import type { PeakDemand } from '../../src/capacity/demand.js';
import { overrideRoom } from '../../src/capacity/override-room.js';
import { type PlanEntry, PlannedPrefixes } from '../../src/core/planned-prefixes.js';
import { parsePrefix } from '../../src/core/prefix.js';

const p = (text: string) => parsePrefix(text)!;
const rank = (...pops: string[]) => pops.map((answer, hops) => ({ answer, asn: undefined, hops }));

/** 192.168.193.0/24 (100/s) at y, else x; 10.1.0.0/16 at z, else x, its /24s 10.1.7.0 (60/s) and 10.1.9.0 (40/s) apart. */
const PEAK: PeakDemand = {
  unit: 'requests',
  startSeconds: 0,
  windowSeconds: 300,
  total: 200,
  prefixes: [
    { prefix: p('192.168.193.0/24'), ranking: rank('y', 'x'), demand: 100, leaves: [] },
    {
      prefix: p('10.1.0.0/16'),
      ranking: rank('z', 'x'),
      demand: 100,
      leaves: [
        { prefix: p('10.1.7.0/24'), demand: 60 },
        { prefix: p('10.1.9.0/24'), demand: 40 },
      ],
    },
  ],
};
/** x holds 180/s below its watermark. */
const CAPACITY = new Map([['x', 200]]);
const entry = (prefix: string, pop: string, latency?: true): PlanEntry => ({
  prefix: p(prefix),
  pop,
  untilMs: undefined,
  line: 1,
  ...(latency ? { latency } : {}),
});
const room = (entries: PlanEntry[] = [], out: string[] = []) =>
  overrideRoom(PEAK, CAPACITY, 0.9, new PlannedPrefixes(entries), (pop) => !out.includes(pop), 0);

describe("the room latency overrides have at a POP's watermark", () => {
  it('moves each override taken off the POP it was at, and refuses the one that would put its POP over', () => {
    const take = room();
    expect(take('x', p('192.168.193.0/24'))).toBe(true); // x 100
    expect(take('x', p('10.1.7.0/24'))).toBe(true); // x 160
    expect(take('x', p('10.1.9.0/24'))).toBe(false); // 200 > 180
    expect(take('z', p('10.1.9.0/24'))).toBe(true); // z has no capacity line
    expect(take('y', p('192.168.193.0/24'))).toBe(true); // back to y: x down to 60
    expect(take('x', p('10.1.9.0/24'))).toBe(true); // 100
  });

  it('counts the overrides in force where they send their clients, and never moves what a plan line decides', () => {
    expect(room([entry('192.168.193.0/24', 'x', true)])('x', p('10.1.0.0/16'))).toBe(false); // 100 + 100
    expect(room([entry('192.168.193.0/24', 'x', true)])('x', p('10.1.9.0/24'))).toBe(true); // 100 + 40
    // 10.1.7.0/24 stays where its plan line sends it: only 10.1.9.0/24 (40) comes to x.
    const planned = room([entry('192.168.193.0/24', 'x', true), entry('10.1.7.0/24', 'z')]);
    expect(planned('x', p('10.1.0.0/16'))).toBe(true);
    // Demand a plan line already sends to x is there already: y's prefix planned to x leaves no room for the /16.
    expect(room([entry('192.168.193.0/24', 'x')])('x', p('10.1.0.0/16'))).toBe(false);
  });

  it('starts a prefix at the first POP of its ranking that can take clients', () => {
    // y is out: its prefix is at x already, so the /16 no longer fits.
    expect(room([], ['y'])('x', p('10.1.0.0/16'))).toBe(false);
    expect(room([], [])('x', p('10.1.0.0/16'))).toBe(true);
  });

  it('has room everywhere with no capacity line, or no demand with times', () => {
    expect(overrideRoom(PEAK, new Map(), 0.9, new PlannedPrefixes([]), () => true, 0)('x', p('10.1.0.0/16'))).toBe(true);
    expect(overrideRoom(undefined, CAPACITY, 0.9, new PlannedPrefixes([]), () => true, 0)('x', p('10.1.0.0/16'))).toBe(true);
  });
});

describe('the POPs a plan relieves', () => {
  it('are those its lines move clients away from, while those lines are in force; never a latency override', () => {
    const until = (ms: number): PlanEntry => ({ ...entry('10.1.7.0/24', 'x'), from: 'y', untilMs: ms });
    const plan = new PlannedPrefixes([
      until(1000),
      { ...entry('10.1.9.0/24', 'x'), from: 'z' },
      { ...entry('192.168.193.0/24', 'y', true), from: 'x' },
    ]);
    expect(['x', 'y', 'z'].map((pop) => plan.relieves(pop, 999))).toEqual([false, true, true]);
    expect(['x', 'y', 'z'].map((pop) => plan.relieves(pop, 1000))).toEqual([false, false, true]);
    expect(new PlannedPrefixes([entry('10.1.7.0/24', 'x')]).relieves('y', 0)).toBe(false);
  });
});
