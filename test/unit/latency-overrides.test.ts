import { describe, expect, it } from '@jest/globals';
import type { ClientAddress } from '../../src/core/address.js';
import { formatPrefix, type Prefix, parsePrefix } from '../../src/core/prefix.js';
import { latencyOverrides } from '../../src/quality/latency-overrides.js';
import { qualityReport } from '../../src/quality/quality-report.js';
import { RttTally } from '../../src/quality/rtt-tally.js';

const RULES = { marginMs: 20, minSamples: 50 };
const WIDE = parsePrefix('10.1.0.0/16')!;
const NARROW = parsePrefix('192.168.193.0/24')!;

function client(prefix: Prefix, third: number, i: number): ClientAddress {
  return { family: 4, text: '', value: ((prefix.network as number) + third * 256 + (i % 250)) >>> 0 };
}

/** [prefix, chosen, served by, /24 index inside, requests, ms] */
type Row = readonly [Prefix, string, string, number, number, number];

function report(rows: readonly Row[]) {
  const tally = new RttTally();
  for (const [prefix, chosen, pop, third, count, ms] of rows)
    for (let i = 0; i < count; i++) tally.add(prefix, chosen, pop, ms + (i % 3), client(prefix, third, i));
  return qualityReport(tally, RULES);
}

const summary = (changes: ReadonlyArray<{ prefix: Prefix; pop: string }>): string[] =>
  changes.map((c) => `${formatPrefix(c.prefix)} ${c.pop}`);

describe('latency overrides from a quality report', () => {
  it('sends a flagged prefix whole to the fastest POP, and a flagged /24 of an unflagged wider prefix alone', () => {
    const r = report([
      [NARROW, 'y', 'y', 0, 120, 80],
      [NARROW, 'y', 'x', 0, 60, 20],
      [WIDE, 'z', 'z', 7, 90, 15],
      [WIDE, 'z', 'x', 7, 60, 45],
      [WIDE, 'z', 'z', 9, 60, 70],
      [WIDE, 'z', 'x', 9, 60, 18],
    ]);
    const o = latencyOverrides(r, [], () => true);
    expect(summary(o.added)).toEqual(['192.168.193.0/24 x', '10.1.9.0/24 x']);
    expect(o.lines.map((l) => l.note)).toEqual([
      expect.stringMatching(/against 81\.0 ms median on 120 samples at y: 60\.0 ms faster$/),
      expect.stringMatching(/at z: 52\.0 ms faster$/),
    ]);
  });

  it('moves no /24 of a prefix that moves whole, or of one already overridden', () => {
    const slowEverywhere: Row[] = [
      [WIDE, 'z', 'z', 7, 90, 70],
      [WIDE, 'z', 'x', 7, 60, 15],
      [WIDE, 'z', 'z', 9, 60, 75],
      [WIDE, 'z', 'x', 9, 60, 18],
    ];
    expect(summary(latencyOverrides(report(slowEverywhere), [], () => true).added)).toEqual(['10.1.0.0/16 x']);
    const mixed: Row[] = [
      [WIDE, 'z', 'z', 7, 90, 15],
      [WIDE, 'z', 'x', 7, 60, 14],
      [WIDE, 'z', 'z', 9, 60, 70],
      [WIDE, 'z', 'x', 9, 60, 18],
    ];
    expect(summary(latencyOverrides(report(mixed), [], () => true).added)).toEqual(['10.1.9.0/24 x']);
    const o = latencyOverrides(report(mixed), [{ prefix: WIDE, pop: 'x' }], () => true);
    expect([summary(o.added), summary(o.kept)]).toEqual([[], ['10.1.0.0/16 x']]);
  });

  it('withdraws an override measured slower than the POP it replaced, or one BGP now agrees with; keeps one too thinly measured', () => {
    const r = report([
      [NARROW, 'y', 'y', 0, 60, 30],
      [NARROW, 'y', 'x', 0, 120, 50],
      [WIDE, 'z', 'z', 7, 90, 15],
      [WIDE, 'z', 'x', 7, 10, 5],
    ]);
    const o = latencyOverrides(
      r,
      [
        { prefix: NARROW, pop: 'x' },
        { prefix: WIDE, pop: 'x' },
        { prefix: parsePrefix('10.2.0.0/16')!, pop: 'z' },
      ],
      () => true,
    );
    expect(summary(o.withdrawn)).toEqual(['192.168.193.0/24 x']);
    expect(o.withdrawn[0]!.why).toMatch(/measured slower than y, the POP it replaced/);
    expect(summary(o.kept)).toEqual(['10.1.0.0/16 x', '10.2.0.0/16 z']);
    const agreed = latencyOverrides(r, [{ prefix: NARROW, pop: 'y' }], () => true);
    expect([summary(agreed.withdrawn), agreed.withdrawn[0]!.why]).toEqual([
      ['192.168.193.0/24 y'],
      'the answers choose this POP without it now',
    ]);
  });

  it('refuses a move the faster POP has no room for, and says why', () => {
    const r = report([
      [NARROW, 'y', 'y', 0, 120, 80],
      [NARROW, 'y', 'x', 0, 60, 20],
    ]);
    const asked: string[] = [];
    const o = latencyOverrides(r, [], (pop, prefix) => {
      asked.push(`${formatPrefix(prefix)} ${pop}`);
      return false;
    });
    expect([asked, summary(o.refused), o.lines]).toEqual([['192.168.193.0/24 x'], ['192.168.193.0/24 x'], []]);
    expect(o.refused[0]!.why).toBe('x has no room for its demand within its high watermark');
  });
});
