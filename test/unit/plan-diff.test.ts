import { describe, expect, it } from '@jest/globals';
import { demandWithin, planDiff } from '../../src/capacity/plan-diff.js';
import type { PlannedMove } from '../../src/capacity/planner.js';
import { formatPrefix, parsePrefix } from '../../src/core/prefix.js';
import { prefixDemand } from '../helpers/capacity-instances.js';

const p = (text: string) => parsePrefix(text)!;
const ranking = [
  { answer: 'y', asn: 64702, hops: 1 },
  { answer: 'x', asn: undefined, hops: 2 },
];
// 10.0.0.0/20 with its 16 /24s, demands 1 to 16.
const prefixes = [
  prefixDemand(
    0,
    ranking,
    Array.from({ length: 16 }, (_, i) => i + 1),
  ),
];
const move = (prefix: string, to: string, demand: number): PlannedMove => ({
  prefix: p(prefix),
  decidingPrefix: p('10.0.0.0/20'),
  demand,
  from: 'y',
  to,
  extraHops: 1,
  why: 'over-capacity',
});

describe('a plan against the plan in force', () => {
  it('counts as moved only the blocks a new line sends somewhere new: a line joined from a half in force moves the other half', () => {
    // 10.0.0.0/23 is 10.0.0.0/24 (demand 1) and 10.0.1.0/24 (2); the first is in force already.
    const diff = planDiff([{ prefix: p('10.0.0.0/24'), pop: 'x' }], [move('10.0.0.0/23', 'x', 3)], prefixes);
    expect(diff.added.map((l) => formatPrefix(l.prefix))).toEqual(['10.0.0.0/23']);
    expect(diff.returned.map((l) => formatPrefix(l.prefix))).toEqual(['10.0.0.0/24']);
    expect(diff.moved).toBe(2);
  });

  it('keeps the same line, adds a new one, and returns one whose POP changed or that is gone, with the demand inside each', () => {
    const diff = planDiff(
      [
        { prefix: p('10.0.0.0/24'), pop: 'x' },
        { prefix: p('10.0.1.0/24'), pop: 'z' },
        { prefix: p('10.0.2.0/23'), pop: 'x' },
      ],
      [move('10.0.0.0/24', 'X', 1), move('10.0.1.0/24', 'x', 2), move('10.0.4.0/22', 'x', 5 + 6 + 7 + 8)],
      prefixes,
    );
    const text = (lines: readonly { prefix: Parameters<typeof formatPrefix>[0]; pop: string; demand: number }[]) =>
      lines.map((l) => `${formatPrefix(l.prefix)} ${l.pop} ${l.demand}`);
    expect(text(diff.kept)).toEqual(['10.0.0.0/24 X 1']);
    expect(text(diff.added)).toEqual(['10.0.1.0/24 x 2', '10.0.4.0/22 x 26']);
    expect(text(diff.returned)).toEqual(['10.0.1.0/24 z 2', '10.0.2.0/23 x 7']);
    expect(diff.moved).toBe(28);
  });

  it('measures the demand inside a line: whole deciding prefixes within it, leaves of one around it', () => {
    expect(demandWithin(p('10.0.0.0/8'), prefixes)).toBe(136);
    expect(demandWithin(p('10.0.15.0/24'), prefixes)).toBe(16);
    expect(demandWithin(p('10.1.0.0/24'), prefixes)).toBe(0);
  });
});
