import { describe, expect, it } from '@jest/globals';
import { parseClientAddress } from '../../src/core/address.js';
import { DecidedTableBuilder, NO_PREFIX, SELF_ANSWER } from '../../src/core/decided-table.js';
import { formatPrefix, parsePrefix, prefixContains, type Prefix } from '../../src/core/prefix.js';

function build(prefixes: readonly string[], pops: (i: number) => number[] = () => []) {
  const builder = new DecidedTableBuilder();
  prefixes.forEach((text, i) => {
    const p = parsePrefix(text)!;
    const list = Uint32Array.from(pops(i));
    if (p.family === 4) builder.add4(p.network, p.length, list, list.length, 0);
    else {
      const v = p.network;
      builder.add6(
        Number(v >> 96n),
        Number((v >> 64n) & 0xffffffffn),
        Number((v >> 32n) & 0xffffffffn),
        Number(v & 0xffffffffn),
        p.length,
        list,
        list.length,
        0,
      );
    }
  });
  return builder.build();
}

/** The longest prefix containing the address, by brute force. */
function longest(prefixes: readonly Prefix[], address: string): string {
  const a = parseClientAddress(address)!;
  let best: Prefix | undefined;
  for (const p of prefixes) if (prefixContains(p, a) && (!best || p.length > best.length)) best = p;
  return best ? formatPrefix(best) : 'none';
}

describe('the decided table: nested prefixes flattened into ranges', () => {
  it('finds the most specific prefix, at range edges and between siblings', () => {
    const texts = [
      '0.0.0.0/0',
      '10.0.0.0/8',
      '10.1.0.0/16',
      '10.1.2.0/24',
      '10.1.3.0/24',
      '10.2.0.0/15',
      '255.255.255.255/32',
      '2001:db8::/32',
      '2001:db8:1::/48',
      '::/0',
    ];
    const table = build(texts);
    const find = (a: string): string => {
      const i = table.find(parseClientAddress(a)!);
      return i === NO_PREFIX ? 'none' : formatPrefix(table.prefixOf(i));
    };
    const prefixes = texts.map((t) => parsePrefix(t)!);
    for (const a of [
      '0.0.0.0',
      '9.255.255.255',
      '10.0.0.0',
      '10.1.1.255',
      '10.1.2.0',
      '10.1.2.255',
      '10.1.3.255',
      '10.1.4.0',
      '10.2.0.0',
      '10.3.255.255',
      '10.4.0.0',
      '11.0.0.0',
      '255.255.255.254',
      '255.255.255.255',
      '2001:db8::1',
      '2001:db8:1::ffff',
      '2001:db8:2::',
      '2001:db9::',
      '::',
      'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
    ]) {
      expect([a, find(a)]).toEqual([a, longest(prefixes, a)]);
    }
    expect(table.size).toBe(texts.length);
  });

  it('agrees with a brute-force longest match on random nested tables, small (sorted by comparison) and large (radix)', () => {
    // xorshift32: exact in 32-bit integers, so large tables of distinct prefixes come out.
    let seed = 7;
    const random = (n: number): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return Math.floor(((seed >>> 0) / 4294967296) * n);
    };
    for (let round = 0; round < 22; round++) {
      const texts = new Set<string>();
      const size = round < 20 ? 60 : 6000;
      while (texts.size < size) {
        const length = random(2) === 0 ? 8 + random(25) : 16 + random(9);
        const value = ((10 << 24) | (random(4) << 16) | (random(256) << 8) | random(256)) >>> 0;
        const network = length === 0 ? 0 : (value & (-1 << (32 - length))) >>> 0;
        texts.add(`${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.${network & 255}/${length}`);
        if (random(10) === 0) texts.add(`2001:db8:${random(4).toString(16)}::/${40 + random(20)}`.replace(/::\/(4[0-7])$/, '::/48'));
      }
      const list = [...texts];
      const table = build(list);
      const prefixes = list.map((t) => parsePrefix(t)!);
      for (let k = 0; k < 300; k++) {
        const a = `10.${random(4)}.${random(256)}.${random(256)}`;
        const i = table.find(parseClientAddress(a)!);
        expect(i === NO_PREFIX ? 'none' : formatPrefix(table.prefixOf(i))).toBe(longest(prefixes, a));
      }
    }
  });

  it('answers with the first POP from the origin that can serve, else self', () => {
    const table = build(['10.0.0.0/8', '10.1.0.0/16'], (i) => (i === 1 ? [64701, 64702] : []));
    const i = table.find(parseClientAddress('10.1.2.3')!);
    expect(table.popsOf(i)).toEqual([64701, 64702]);
    expect(table.answerOf(i)).toBe(64701);
    expect(table.answerOf(i, (asn) => (asn === 64701 ? 'drained' : undefined))).toBe(64702);
    expect(table.answerOf(i, () => 'down')).toBe(SELF_ANSWER);
    expect(table.answerOf(table.find(parseClientAddress('10.9.9.9')!))).toBe(SELF_ANSWER);
  });

  it('has no route outside every prefix', () => {
    const table = build(['192.0.2.0/24']);
    expect(table.find(parseClientAddress('192.0.3.0')!)).toBe(NO_PREFIX);
    expect(table.find(parseClientAddress('2001:db8::1')!)).toBe(NO_PREFIX);
    expect([...table.ranges(6)].map((r) => [r.first, r.last, r.prefix])).toEqual([[0n, (1n << 128n) - 1n, NO_PREFIX]]);
    expect([...table.ranges(4)].map((r) => [r.first, r.last, r.prefix])).toEqual([
      [0, 0xc0000200 - 1, NO_PREFIX],
      [0xc0000200, 0xc00002ff, 0],
      [0xc0000300, 0xffffffff, NO_PREFIX],
    ]);
  });
});
