import { describe, expect, it } from '@jest/globals';
import { Address6 } from 'ip-address';
import { ipv6ToText, parseClientKey, parseIpv4Value } from '../../src/core/address.js';

const text = (key: string): string => {
  const parsed = parseClientKey(key);
  return parsed.ok ? `${parsed.address.family}:${parsed.address.text}` : `!${parsed.reason}`;
};

describe('parseClientKey', () => {
  it.each([
    ['192.0.2.7', '4:192.0.2.7'],
    ['  192.0.2.7\t', '4:192.0.2.7'],
    ['192.0.2.7\r', '4:192.0.2.7'],
    ['0.0.0.0', '4:0.0.0.0'],
    ['255.255.255.255', '4:255.255.255.255'],
    ['2001:DB8:0:0::1', '6:2001:db8::1'],
    ['::1', '6:::1'],
    ['::ffff:192.0.2.1', '4:192.0.2.1'],
    ['::ffff:c000:201', '4:192.0.2.1'],
    ['64:ff9b::c000:201', '6:64:ff9b::c000:201'],
  ])('%j → %s', (key, expected) => expect(text(key)).toBe(expected));

  it.each([
    ['', '!empty'],
    [' \r', '!empty'],
    ['256.1.1.1', '!not-an-address'],
    ['192.0.2', '!not-an-address'],
    ['010.1.1.1', '!not-an-address'],
    ['192.0.2.7/24', '!not-an-address'],
    ['192.0.2.7:80', '!not-an-address'],
    ['fe80::1%eth0', '!not-an-address'],
    ['[::1]', '!not-an-address'],
    ['1.2.3.4, 5.6.7.8', '!not-an-address'],
    ['1.2.3.4 5.6.7.8', '!not-an-address'],
    ['show ip bgp 1.2.3.4', '!not-an-address'],
    ['1.2.3.4\nshow run', '!not-an-address'],
    ['\xe9\xff\xfe', '!not-an-address'],
    ['"}{|$1 %{REMOTE_ADDR}', '!not-an-address'],
    ['1'.repeat(8192), '!too-long'],
  ])('%j is refused (%s)', (key, expected) => expect(text(key)).toBe(expected));

  it('only ever yields text made of address characters', () => {
    const hostile = ['1.2.3.4\x00', '::ffff:1.2.3.4;reboot', '1.2.3.4 ', '2001:db8::1 | x', '\t::1\t'];
    for (const key of hostile) {
      const parsed = parseClientKey(key);
      if (parsed.ok) expect(parsed.address.text).toMatch(/^[0-9a-f:.]+$/);
    }
  });
});

describe('parseIpv4Value', () => {
  /** The dotted quad as a regular expression says it: the reading it must agree with. */
  const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
  const DOTTED_QUAD = new RegExp(`^${OCTET}\\.${OCTET}\\.${OCTET}\\.${OCTET}$`);
  const byPattern = (text: string): number | undefined => {
    const m = DOTTED_QUAD.exec(text);
    return m ? ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0 : undefined;
  };

  it.each([
    ['0.0.0.0', 0],
    ['255.255.255.255', 0xffffffff],
    ['192.0.2.7', 0xc0000207],
    ['10.0.100.250', 0x0a0064fa],
  ])('%s is %d', (text, value) => expect(parseIpv4Value(text)).toBe(value));

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.',
    '.1.2.3.4',
    '1..2.3',
    '1.2.3.256',
    '1.2.3.04',
    '00.1.2.3',
    '1.2.3.4 ',
    '1.2.3.-4',
    '1.2.3.4/8',
    '1234.1.1.1',
    '１.2.3.4',
  ])('%j is refused', (text) => expect(parseIpv4Value(text)).toBeUndefined());

  it('reads 200,000 random strings of digits and dots (and a stray character) exactly as the pattern does', () => {
    let seed = 11;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const alphabet = '0123456789012345678925.....x /:';
    let agreed = 0;
    let addresses = 0;
    for (let k = 0; k < 200_000; k++) {
      // Half are four octets of 1 to 3 digits, the shape most likely to be near the edge.
      let text = '';
      if (k % 2 === 0)
        text = Array.from({ length: 4 }, () =>
          Array.from({ length: 1 + next(3) }, () => alphabet[next(alphabet.length - 6)]).join(''),
        ).join('.');
      else for (let n = next(17); n > 0; n--) text += alphabet[next(alphabet.length)];
      const expected = byPattern(text);
      if (parseIpv4Value(text) !== expected) throw new Error(`${JSON.stringify(text)}: ${parseIpv4Value(text)} against ${expected}`);
      agreed++;
      if (expected !== undefined) addresses++;
    }
    expect(agreed).toBe(200_000);
    // Both sides of the edge were drawn often.
    expect(addresses).toBeGreaterThan(10_000);
    expect(addresses).toBeLessThan(190_000);
  });
});

describe('ipv6ToText', () => {
  it('writes what ip-address writes (RFC 5952): 5000 random addresses with zero runs of every length and place', () => {
    let seed = 7;
    const next = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 5000; k++) {
      let value = 0n;
      for (let g = 0; g < 8; g++) {
        // Zero groups half the time, so that runs of zeros of every length come up; small groups too.
        const group = next(2) === 0 ? 0 : next(3) === 0 ? next(16) : next(65536);
        value = (value << 16n) | BigInt(group);
      }
      expect(ipv6ToText(value)).toBe(Address6.fromBigInt(value).correctForm());
    }
    expect(ipv6ToText(0n)).toBe('::');
    expect(ipv6ToText(1n)).toBe('::1');
    expect(ipv6ToText(0x20010db8000000000001000000000001n)).toBe('2001:db8::1:0:0:1');
  });
});
