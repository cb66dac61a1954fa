import { describe, expect, it } from '@jest/globals';
import { rangeToCidrs4, rangeToCidrs6 } from '../../src/core/cidr.js';
import { DecidedTableBuilder } from '../../src/core/decided-table.js';
import { parsePrefix, formatPrefix, prefixContains, type Prefix } from '../../src/core/prefix.js';
import { parseClientAddress } from '../../src/core/address.js';
import { PlannedPrefixes, type PlanEntry } from '../../src/core/planned-prefixes.js';
import { random } from '../helpers/capacity-instances.js';
import { exportRows } from '../../src/export/decided-rows.js';
import { csvLine, exportLine, exportPrologue } from '../../src/export/formats.js';

const v4 = (first: string, last: string) => {
  const n = (a: string) => a.split('.').reduce((v, o) => v * 256 + Number(o), 0);
  return rangeToCidrs4(n(first), n(last)).map((b) => formatPrefix({ family: 4, ...b }));
};

describe('ranges as the fewest CIDR blocks', () => {
  it('cuts at alignment and at the end, IPv4 and IPv6', () => {
    expect(v4('10.0.0.0', '10.255.255.255')).toEqual(['10.0.0.0/8']);
    expect(v4('10.0.0.1', '10.0.0.6')).toEqual(['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
    expect(v4('0.0.0.0', '255.255.255.255')).toEqual(['0.0.0.0/0']);
    expect(v4('255.255.255.255', '255.255.255.255')).toEqual(['255.255.255.255/32']);
    const p = parsePrefix('2001:db8::/32')!;
    const first = p.network as bigint;
    expect(rangeToCidrs6(first, first + (1n << 96n) - 1n).map((b) => formatPrefix({ family: 6, ...b }))).toEqual(['2001:db8::/32']);
    expect(rangeToCidrs6(first + 1n, first + 2n).map((b) => formatPrefix({ family: 6, ...b }))).toEqual([
      '2001:db8::1/128',
      '2001:db8::2/128',
    ]);
  });

  it('gives the blocks of the bit-by-bit construction: 2000 random ranges of each family', () => {
    /** The plain construction: grow a block while it stays aligned and within the range. */
    function reference(first: bigint, last: bigint, width: number): string[] {
      const out: string[] = [];
      let start = first;
      while (start <= last) {
        let size = 1n;
        let length = width;
        while (length > 0 && start % (size * 2n) === 0n && start + size * 2n - 1n <= last) {
          size *= 2n;
          length--;
        }
        out.push(`${start}/${length}`);
        start += size;
      }
      return out;
    }
    const next = random(21);
    const draw = (bits: number): bigint => {
      let v = 0n;
      for (let b = 0; b < bits; b += 16) v = (v << 16n) | BigInt(Math.floor(next() * 65536));
      // Runs of zero low bits, so that big aligned blocks come up.
      const zeros = BigInt(Math.floor(next() * bits));
      return ((v >> zeros) << zeros) & ((1n << BigInt(bits)) - 1n);
    };
    for (let k = 0; k < 2000; k++) {
      const [a4, b4] = [draw(32), draw(32)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      expect(rangeToCidrs4(Number(a4), Number(b4)).map((b) => `${b.network}/${b.length}`)).toEqual(reference(a4!, b4!, 32));
      const [a6, b6] = [draw(128), draw(128)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      // Near each other too, so that the ranges have many blocks.
      const near = a6! + draw(40);
      const last6 = next() < 0.5 ? b6! : near > (1n << 128n) - 1n ? (1n << 128n) - 1n : near;
      expect(rangeToCidrs6(a6!, last6).map((b) => `${b.network}/${b.length}`)).toEqual(reference(a6!, last6, 128));
    }
    expect(rangeToCidrs6(0n, (1n << 128n) - 1n)).toEqual([{ network: 0n, length: 0 }]);
    expect(rangeToCidrs4(0, 2 ** 32 - 1)).toEqual([{ network: 0, length: 0 }]);
  });
});

describe('export rows and formats', () => {
  it('merges neighbours with one answer, keeps a hole of another answer, and leaves self to the default', () => {
    const b = new DecidedTableBuilder();
    const add = (text: string, pops: number[]) => {
      const p = parsePrefix(text)!;
      if (p.family === 4) b.add4(p.network, p.length, Uint32Array.from(pops), pops.length, 0);
    };
    add('10.0.0.0/24', [64702]);
    add('10.0.1.0/24', [64702]);
    add('10.0.0.128/25', [64600]);
    add('10.0.2.0/24', []);
    const rows = [...exportRows(b.build(), { pops: new Map([[64702, 'y.example']]), self: 'x.example' })];
    expect(rows).toEqual([
      { cidr: '10.0.0.0/25', answer: 'y.example' },
      { cidr: '10.0.1.0/24', answer: 'y.example' },
    ]);
  });

  it('writes each engine its own syntax, quoting where the engine needs it', () => {
    const header = { self: 'x.example', source: 'mrt rib.mrt', generated: new Date(0), answers: ['x.example', 'y.example'] };
    expect(exportPrologue('nginx-geo', header)).toMatch(/\ndefault x\.example;\n$/);
    expect(exportLine('nginx-geo', { cidr: '10.0.0.0/8', answer: 'y.example' })).toBe('10.0.0.0/8 y.example;\n');
    expect(exportLine('nginx-geo', { cidr: '10.0.0.0/8', answer: 'a b' })).toBe('10.0.0.0/8 "a b";\n');
    expect(exportLine('haproxy-map', { cidr: '2001:db8::/32', answer: '[2001:db8::7]:8080' })).toBe('2001:db8::/32 [2001:db8::7]:8080\n');
    expect(exportLine('gdnsd-nets', { cidr: '10.0.0.0/8', answer: 'y.example' })).toBe('"10.0.0.0/8" => [ "y.example" ]\n');
    expect(exportPrologue('gdnsd-nets', header)).toContain('datacenters => [ "x.example", "y.example" ]');
    expect(csvLine(['100.64.0.0/10', 'x.example', '64600 {64610,64611}'])).toBe('100.64.0.0/10,x.example,"64600 {64610,64611}"\n');
  });
});

describe('export rows with a capacity plan', () => {
  const POPS = new Map([
    [64701, 'z.example'],
    [64702, 'y.example'],
  ]);
  const answers = ['x.example', 'y.example', 'z.example'];

  it('answers each address as the plan and the routes say: 100 random tables and plans', () => {
    const next = random(7);
    for (let round = 0; round < 100; round++) {
      const b = new DecidedTableBuilder();
      const routes: Array<{ prefix: Prefix; pops: number[] }> = [];
      for (let i = 0; i < 12; i++) {
        const length = 16 + Math.floor(next() * 9);
        const network = (((10 << 24) | (Math.floor(next() * 65536) << 0)) & ~(2 ** (32 - length) - 1)) >>> 0;
        const prefix: Prefix = { family: 4, network: ((10 << 24) >>> 0) + (network & 0xffff), length };
        const masked = { ...prefix, network: (prefix.network & ~(2 ** (32 - length) - 1)) >>> 0 } as Prefix;
        if (routes.some((r) => r.prefix.network === masked.network && r.prefix.length === length)) continue;
        const pops = next() < 0.3 ? [] : [next() < 0.5 ? 64701 : 64702];
        routes.push({ prefix: masked, pops });
        b.add4(masked.network as number, length, Uint32Array.from(pops), pops.length, 0);
      }
      const plan: PlanEntry[] = [];
      for (let i = 0; i < 5; i++) {
        const length = 16 + Math.floor(next() * 9);
        const network = (((10 << 24) >>> 0) + Math.floor(next() * 65536)) & ~(2 ** (32 - length) - 1);
        plan.push({
          prefix: { family: 4, network: network >>> 0, length },
          pop: answers[Math.floor(next() * 3)]!,
          untilMs: undefined,
          line: i + 1,
        });
      }
      const outOf = next() < 0.5 ? 'z.example' : undefined;
      const rules = {
        pops: POPS,
        self: 'x.example',
        unavailable: (_asn: number, answer: string) => (answer === outOf ? 'drained' : undefined),
        plan,
      };
      const rows = [...exportRows(b.build(), rules)].map((r) => ({ prefix: parsePrefix(r.cidr)!, answer: r.answer }));
      const planned = new PlannedPrefixes(plan);
      for (let k = 0; k < 300; k++) {
        const value = (((10 << 24) >>> 0) + Math.floor(next() * 65536) * 256 + Math.floor(next() * 256)) >>> 0;
        const address = parseClientAddress(`${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`)!;
        const route = routes.filter((r) => prefixContains(r.prefix, address)).sort((a, c) => c.prefix.length - a.prefix.length)[0];
        const routed = route?.pops[0] !== undefined && POPS.get(route.pops[0]) !== outOf ? POPS.get(route.pops[0])! : 'x.example';
        const line = planned.lookup(address, Date.now());
        const expected = line && line.pop !== outOf ? line.pop : routed;
        const row = rows.filter((r) => prefixContains(r.prefix, address));
        expect(row.length).toBeLessThanOrEqual(1);
        expect({ address: address.text, answer: row[0]?.answer ?? 'x.example' }).toEqual({ address: address.text, answer: expected });
      }
    }
  });
});
