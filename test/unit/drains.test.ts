import { describe, expect, it } from '@jest/globals';
import { parseAsPathText } from '../../src/core/as-path.js';
import { matchPop, type SkippedPop } from '../../src/core/pop-selection.js';
import { DrainListError, drainedBecause, parseDrainList } from '../../src/pops/drain-list.js';
import { nextExpiry } from '../../src/io/watched-list-file.js';

const POPS = new Map([
  [64700, 'x'],
  [64701, 'z'],
  [64702, 'y'],
]);

describe('walking past POPs that cannot take clients', () => {
  it('takes the next POP from the origin end, and says which were skipped and why', () => {
    const skipped: SkippedPop[] = [];
    const match = matchPop(parseAsPathText('64702 64701 64605'), POPS, (asn) => (asn === 64701 ? 'drained' : undefined), skipped);
    expect(match?.answer).toBe('y');
    expect(skipped).toEqual([{ asn: 64701, answer: 'z', why: 'drained' }]);
    expect(matchPop(parseAsPathText('64702 64701 64605'), POPS, () => 'down')).toBeUndefined();
  });
});

describe('drain lists', () => {
  const list = parseDrainList(
    ['# maintenance', 'www.y.example.net 2026-12-01T06:00Z', 'AS64701', '', '4200000001 1800000000  # epoch seconds'].join('\n'),
    'drain',
  );

  it('reads hosts and AS numbers, with optional end times', () => {
    expect(list.map((e) => [e.host, e.asn, e.untilMs])).toEqual([
      ['www.y.example.net', undefined, Date.parse('2026-12-01T06:00Z')],
      [undefined, 64701, undefined],
      [undefined, 4200000001, 1_800_000_000_000],
    ]);
  });

  it('ends a drain by itself at its time', () => {
    const before = Date.parse('2026-11-30T12:00Z');
    expect(drainedBecause(list, 64702, 'www.y.example.net', before)).toBe('drained until 2026-12-01T06:00:00.000Z');
    expect(drainedBecause(list, 64702, 'WWW.Y.example.net', Date.parse('2026-12-01T06:00Z'))).toBeUndefined();
    expect(drainedBecause(list, 64701, 'www.z.example.net', before)).toBe('drained');
    expect(nextExpiry(list, before)).toBe(Date.parse('2026-12-01T06:00Z'));
  });

  it('names the line and the fix for a bad entry', () => {
    expect(() => parseDrainList('www.y.example.net tomorrow', 'drain')).toThrow(DrainListError);
    expect(() => parseDrainList('a b c', '/etc/drain')).toThrow(/^\/etc\/drain:1: expected "POP \[UNTIL\]"/);
  });
});
