import { describe, expect, it } from '@jest/globals';
import { rangeToCidrs4, rangeToCidrs6 } from '../../src/core/cidr.js';
import { DecidedTableBuilder } from '../../src/core/decided-table.js';
import { parsePrefix, formatPrefix } from '../../src/core/prefix.js';
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
