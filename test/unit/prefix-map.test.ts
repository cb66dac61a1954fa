import { describe, expect, it } from '@jest/globals';
import { parseClientAddress } from '../../src/core/address.js';
import { formatPrefix, parsePrefix } from '../../src/core/prefix.js';
import { PrefixMap } from '../../src/core/prefix-map.js';

describe('parsePrefix', () => {
  it('reads IPv4 and IPv6 prefixes with host bits zero', () => {
    expect(formatPrefix(parsePrefix('192.168.193.0/24')!)).toBe('192.168.193.0/24');
    expect(formatPrefix(parsePrefix('2001:DB8:193::/48')!)).toBe('2001:db8:193::/48');
    expect(formatPrefix(parsePrefix('0.0.0.0/0')!)).toBe('0.0.0.0/0');
  });
  it('refuses host bits, bad lengths and junk', () => {
    for (const t of ['192.168.193.1/24', '10.0.0.0/33', '2001:db8::/129', '10.0.0.0', '10.0.0.0/', 'x/8', 'fe80::%eth0/64']) {
      expect(parsePrefix(t)).toBeUndefined();
    }
  });
  it('masks when loose', () => expect(formatPrefix(parsePrefix('192.168.193.7/24', true)!)).toBe('192.168.193.0/24'));
});

describe('PrefixMap', () => {
  const map = new PrefixMap<string>();
  for (const p of ['0.0.0.0/0', '10.0.0.0/8', '10.1.0.0/16', '10.1.2.0/24', '2001:db8::/32', '2001:db8:193::/48'])
    map.set(parsePrefix(p)!, p);

  it('finds the longest match', () => {
    expect(map.longestMatch(parseClientAddress('10.1.2.3')!)?.value).toBe('10.1.2.0/24');
    expect(map.longestMatch(parseClientAddress('10.1.3.3')!)?.value).toBe('10.1.0.0/16');
    expect(map.longestMatch(parseClientAddress('11.1.3.3')!)?.value).toBe('0.0.0.0/0');
    expect(map.longestMatch(parseClientAddress('2001:db8:193::1')!)?.value).toBe('2001:db8:193::/48');
    expect(map.longestMatch(parseClientAddress('2001:db9::1')!)).toBeUndefined();
  });

  it('finds the covering prefix strictly above', () => {
    expect(map.coveringMatch(parsePrefix('10.1.0.0/16')!)?.value).toBe('10.0.0.0/8');
    expect(map.coveringMatch(parsePrefix('0.0.0.0/0')!)).toBeUndefined();
    expect(map.coveringMatch(parsePrefix('2001:db8:193::/48')!)?.value).toBe('2001:db8::/32');
  });

  it('deletes and counts', () => {
    const m = new PrefixMap<number>();
    m.set(parsePrefix('10.0.0.0/8')!, 1);
    m.set(parsePrefix('10.0.0.0/8')!, 2);
    expect(m.size).toBe(1);
    expect(m.delete(parsePrefix('10.0.0.0/8')!)).toBe(true);
    expect(m.delete(parsePrefix('10.0.0.0/8')!)).toBe(false);
    expect(m.longestMatch(parseClientAddress('10.0.0.1')!)).toBeUndefined();
  });
});

describe('PrefixMap under hostile key shapes', () => {
  it('stays O(1) per probe for 40,000 IPv6 hosts sharing one interface ID', () => {
    const map = new PrefixMap<number>();
    const hosts: string[] = [];
    for (let i = 0; i < 40_000; i++) hosts.push(`3fff:${(i >> 8).toString(16)}:${(i & 255).toString(16)}:c::1`);
    const started = performance.now();
    for (const [i, h] of hosts.entries()) map.set(parsePrefix(`${h}/128`)!, i);
    for (const [i, h] of hosts.entries()) expect(map.longestMatch(parseClientAddress(h)!)?.value).toBe(i);
    // BigInt keys made this a scan per probe: 27.7 s for these keys; a hash lookup takes well under one.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('keys IPv6 prefixes of every length, the partial nibble masked', () => {
    const map = new PrefixMap<string>();
    for (const p of ['2001:db8::/29', '2001:db8::/30', '2001:db8:8000::/33', '::/0', '2001:db8:193::/48']) map.set(parsePrefix(p)!, p);
    const at = (a: string) => map.longestMatch(parseClientAddress(a)!)?.value;
    expect(at('2001:db8:193::1')).toBe('2001:db8:193::/48');
    expect(at('2001:db8:8001::1')).toBe('2001:db8:8000::/33');
    expect(at('2001:db9::1')).toBe('2001:db8::/30');
    expect(at('2001:dbc::1')).toBe('2001:db8::/29');
    expect(at('fe80::1')).toBe('::/0');
    expect([...map.entries()].map((e) => formatPrefix(e.prefix)).sort()).toEqual([
      '2001:db8:193::/48',
      '2001:db8:8000::/33',
      '2001:db8::/29',
      '2001:db8::/30',
      '::/0',
    ]);
  });
});
