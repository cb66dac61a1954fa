import { describe, expect, it } from '@jest/globals';
import { parseClientAddress } from '../../src/core/address.js';
import { formatPrefix } from '../../src/core/prefix.js';
import type { ClientAddress } from '../../src/core/address.js';
import { draw, EXPLORE_DAY_MS, exploredBlock, nextInRanking } from '../../src/resolver/exploration.js';

const RANKING = [
  { answer: 'z', asn: 64701, hops: 1 },
  { answer: 'y', asn: 64702, hops: 2 },
  { answer: 'x', asn: undefined, hops: 3 },
];
const DAY = Date.UTC(2026, 11, 5);

/** What the resolver answers a client of a prefix BGP sends to z, with 5 % explored. */
const explored = (address: ClientAddress, canServe: (answer: string) => boolean, nowMs: number): string | undefined =>
  draw(address, Math.floor(nowMs / EXPLORE_DAY_MS)) < 0.05 ? nextInRanking('z', RANKING, canServe) : undefined;

describe('exploration', () => {
  it('draws about the share asked, over IPv4 /24s and IPv6 /48s alike', () => {
    for (const [make, count] of [
      [(i: number) => `${10 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}.7`, 200_000],
      [(i: number) => `2001:db8:${i.toString(16)}::7`, 60_000],
    ] as const) {
      let drawn = 0;
      for (let i = 0; i < count; i++) if (draw(parseClientAddress(make(i))!, 20_000) < 0.005) drawn++;
      expect(drawn / count).toBeGreaterThan(0.004);
      expect(drawn / count).toBeLessThan(0.006);
    }
  });

  it('keeps a client on its POP all day, draws others the next day, and answers the next POP that can take clients', () => {
    const picked = (day: number): string[] => {
      const out: string[] = [];
      for (let n = 0; n < 4096; n++) {
        const address = parseClientAddress(`10.${n >> 8}.${n & 255}.77`)!;
        if (explored(address, () => true, day) !== undefined) out.push(`${n}`);
      }
      return out;
    };
    const today = picked(DAY);
    expect(picked(DAY + 86_399_000)).toEqual(today);
    const tomorrow = picked(DAY + 86_400_000);
    expect(tomorrow).not.toEqual(today);
    expect(today.length).toBeGreaterThan(120);
    expect(today.length).toBeLessThan(290);
    const address = parseClientAddress(`10.${Number(today[0]) >> 8}.${Number(today[0]) & 255}.1`)!;
    expect(explored(address, () => true, DAY)).toBe('y');
    expect(explored(address, (a) => a !== 'y', DAY)).toBe('x');
    expect(explored(address, (a) => a === 'z', DAY)).toBeUndefined();
    // Every address of a /24 draws alike.
    expect(draw(parseClientAddress('10.7.7.1')!, 3)).toBe(draw(parseClientAddress('10.7.7.254')!, 3));
    expect(formatPrefix(exploredBlock(address))).toMatch(/^10\.\d+\.\d+\.0\/24$/);
  });
});
