import { describe, expect, it } from '@jest/globals';
import { parseClientAddress } from '../../src/core/address.js';
import { DecisionCache } from '../../src/core/decision-cache.js';
import { hostPrefix, parsePrefix, type Prefix } from '../../src/core/prefix.js';

const addr = (t: string) => parseClientAddress(t)!;
const pfx = (t: string): Prefix => parsePrefix(t)!;

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 0;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

describe('DecisionCache', () => {
  it('answers any address inside a cached prefix, longest match first', () => {
    const cache = new DecisionCache<string>(10, 1000);
    cache.store(pfx('10.0.0.0/8'), 'eight');
    cache.store(pfx('10.1.0.0/16'), 'sixteen');
    expect(cache.lookup(addr('10.1.2.3'))?.value).toBe('sixteen');
    expect(cache.lookup(addr('10.9.9.9'))?.value).toBe('eight');
    expect(cache.lookup(addr('11.0.0.1'))).toBeUndefined();
  });

  it('keeps IPv4 and IPv6 apart', () => {
    const cache = new DecisionCache<string>(10, 1000);
    cache.store(pfx('0.0.0.0/0'), 'v4');
    cache.store(pfx('2001:db8::/32'), 'v6');
    expect(cache.lookup(addr('2001:db8::5'))?.value).toBe('v6');
    expect(cache.lookup(addr('2001:db9::5'))).toBeUndefined();
    expect(cache.lookup(addr('192.0.2.1'))?.value).toBe('v4');
  });

  it('expires entries after the timeout', () => {
    const c = clock();
    const cache = new DecisionCache<string>(10, 1000, c.now);
    cache.store(hostPrefix(addr('192.0.2.1')), 'a');
    c.advance(999);
    expect(cache.lookup(addr('192.0.2.1'))?.value).toBe('a');
    c.advance(1);
    expect(cache.lookup(addr('192.0.2.1'))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('falls back to a shorter live prefix when the longer one expired', () => {
    const c = clock();
    const cache = new DecisionCache<string>(10, 1000, c.now);
    cache.store(hostPrefix(addr('10.1.2.3')), 'host');
    c.advance(500);
    cache.store(pfx('10.0.0.0/8'), 'net');
    c.advance(600);
    expect(cache.lookup(addr('10.1.2.3'))?.value).toBe('net');
  });

  it('evicts the least recently used entry when full', () => {
    const cache = new DecisionCache<string>(2, 1000);
    cache.store(hostPrefix(addr('192.0.2.1')), 'one');
    cache.store(hostPrefix(addr('192.0.2.2')), 'two');
    cache.lookup(addr('192.0.2.1'));
    cache.store(hostPrefix(addr('192.0.2.3')), 'three');
    expect(cache.lookup(addr('192.0.2.2'))).toBeUndefined();
    expect(cache.lookup(addr('192.0.2.1'))?.value).toBe('one');
    expect(cache.lookup(addr('192.0.2.3'))?.value).toBe('three');
    expect(cache.size).toBe(2);
  });

  it('replaces an entry in place, refreshing its lifetime', () => {
    const c = clock();
    const cache = new DecisionCache<string>(2, 1000, c.now);
    cache.store(pfx('10.0.0.0/8'), 'old');
    c.advance(900);
    cache.store(pfx('10.0.0.0/8'), 'new');
    c.advance(900);
    expect(cache.lookup(addr('10.0.0.1'))?.value).toBe('new');
    expect(cache.size).toBe(1);
  });

  it('caches nothing with size 0 or timeout 0', () => {
    for (const cache of [new DecisionCache<string>(0, 1000), new DecisionCache<string>(10, 0)]) {
      cache.store(pfx('10.0.0.0/8'), 'x');
      expect(cache.lookup(addr('10.0.0.1'))).toBeUndefined();
    }
  });

  it('stays bounded under many distinct keys', () => {
    const cache = new DecisionCache<number>(1000, 60_000);
    for (let i = 0; i < 20_000; i++) cache.store({ family: 4, network: (0x0a000000 + i) >>> 0, length: 32 }, i);
    expect(cache.size).toBe(1000);
    expect(cache.lookup(addr('10.0.78.31'))?.value).toBe(19_999);
    expect(cache.lookup(addr('10.0.0.1'))).toBeUndefined();
  });
});
