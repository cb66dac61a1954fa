import { describe, expect, it } from '@jest/globals';
import { parseClientAddress } from '../../src/core/address.js';
import { formatPrefix, parsePrefix, type Prefix } from '../../src/core/prefix.js';
import { Widening, type WideningCache } from '../../src/resolver/widening.js';

const address = (text: string) => parseClientAddress(text)!;
const prefix = (text: string) => parsePrefix(text)!;

/** A cache that records what widening asked of it, in order. */
function recordingCache(): WideningCache<string> & { generationNow: number; seen: string[] } {
  const cache = {
    generationNow: 0,
    seen: [] as string[],
    generation: () => cache.generationNow,
    markAsk: (p: Prefix) => void cache.seen.push(`ask ${formatPrefix(p)}`),
    storeWide: (p: Prefix, answer: string, holes: readonly Prefix[]) =>
      void cache.seen.push(`wide ${formatPrefix(p)} ${answer}${holes.length > 0 ? ` holes ${holes.map(formatPrefix).join(',')}` : ''}`),
    dropOwnEntry: (a: ReturnType<typeof address>) => void cache.seen.push(`drop ${a.text}`),
  };
  return cache;
}

describe('widening an answer to its prefix', () => {
  it('stores the prefix with its more-specific routes as holes, each sent back to the route server', async () => {
    const cache = recordingCache();
    const asked: string[] = [];
    const widening = new Widening<string>(async (p, hasRoute) => {
      asked.push(`${formatPrefix(p)} ${hasRoute}`);
      return [p, prefix('10.1.2.0/24')];
    }, cache);
    widening.routed(address('10.1.9.9'), prefix('10.1.0.0/16'), 'y', 1000);
    await widening.settled();
    expect(asked).toEqual(['10.1.0.0/16 true']);
    expect(cache.seen).toEqual(['ask 10.1.2.0/24', 'wide 10.1.0.0/16 y holes 10.1.2.0/24', 'drop 10.1.9.9']);
  });

  it('widens a no-route answer to the /24 or /48 around the address, asking for routes not the prefix itself', async () => {
    const cache = recordingCache();
    const asked: string[] = [];
    const widening = new Widening<string>(async (p, hasRoute) => {
      asked.push(`${formatPrefix(p)} ${hasRoute}`);
      return [];
    }, cache);
    widening.unrouted(address('198.51.100.77'), 'self', 1000);
    widening.unrouted(address('2001:db8:5:6::1'), 'self', 1000);
    await widening.settled();
    expect(asked).toEqual(['198.51.100.0/24 false', '2001:db8:5::/48 false']);
    expect(cache.seen).toEqual(['wide 198.51.100.0/24 self', 'drop 198.51.100.77', 'wide 2001:db8:5::/48 self', 'drop 2001:db8:5:6::1']);
  });

  it('leaves short prefixes, crowded prefixes and checks overtaken by a cleared cache alone', async () => {
    const cache = recordingCache();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const asked: string[] = [];
    const widening = new Widening<string>(async (p) => {
      asked.push(formatPrefix(p));
      if (formatPrefix(p) === '10.2.0.0/16') {
        await held;
        return [p];
      }
      return Array.from({ length: 5000 }, (_, i) => prefix(`10.3.${i >> 8}.${i & 255}/32`));
    }, cache);
    widening.routed(address('10.0.0.1'), prefix('10.0.0.0/8'), 'y', 1000);
    widening.routed(address('10.3.0.1'), prefix('10.3.0.0/16'), 'y', 1000);
    widening.routed(address('10.2.0.1'), prefix('10.2.0.0/16'), 'y', 1000);
    cache.generationNow++;
    release();
    await widening.settled();
    expect([asked, cache.seen]).toEqual([['10.3.0.0/16', '10.2.0.0/16'], []]);
  });

  it('runs at most maxChecks checks at once and one per prefix', async () => {
    const cache = recordingCache();
    let calls = 0;
    const widening = new Widening<string>(
      async (p) => {
        calls++;
        return [p];
      },
      cache,
      () => ({ maxChecks: 2 }),
    );
    for (const p of ['10.1.0.0/16', '10.1.0.0/16', '10.2.0.0/16', '10.4.0.0/16'])
      widening.routed(address(p.replace('/16', '')), prefix(p), 'y', 1000);
    await widening.settled();
    expect(calls).toBe(2);
  });
});
