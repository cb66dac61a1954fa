import { describe, expect, it } from '@jest/globals';
import { AsPathSyntaxError, formatAsPath, parseAsPathText } from '../../src/core/as-path.js';
import { parseAsn } from '../../src/core/asn.js';

describe('parseAsn', () => {
  it.each([
    ['64700', 64700],
    ['AS64700', 64700],
    ['4200000001', 4200000001],
    ['4294967295', 4294967295],
    ['1.10', 65546],
    ['64086.59905', 4200000001],
    ['0.65535', 65535],
  ])('%s is %d', (text, asn) => expect(parseAsn(text)).toBe(asn));

  it.each(['4294967296', '65536.0', '1.65536', '-1', '', 'x', '1.2.3', '99999999999'])('%s is not an AS number', (text) => {
    expect(parseAsn(text)).toBeUndefined();
  });
});

describe('parseAsPathText', () => {
  it('reads a plain sequence, neighbour first', () => {
    expect(parseAsPathText('64600 64601 64602')).toEqual([{ type: 'sequence', asns: [64600, 64601, 64602] }]);
  });

  it('reads Local and empty text as the empty path', () => {
    expect(parseAsPathText('Local')).toEqual([]);
    expect(parseAsPathText('  ')).toEqual([]);
  });

  it('reads an AS_SET in FRR and BIRD spelling', () => {
    const expected = [
      { type: 'sequence', asns: [64600] },
      { type: 'set', asns: [64610, 64611] },
    ];
    expect(parseAsPathText('64600 {64610,64611}')).toEqual(expected);
    expect(parseAsPathText('64600 {64610 64611}')).toEqual(expected);
  });

  it('reads confederation segments', () => {
    expect(parseAsPathText('(65001 65002) 64600 [65003,65004]')).toEqual([
      { type: 'confed-sequence', asns: [65001, 65002] },
      { type: 'sequence', asns: [64600] },
      { type: 'confed-set', asns: [65003, 65004] },
    ]);
  });

  it('reads 4-byte and asdot numbers', () => {
    expect(parseAsPathText('4200000001 1.10')).toEqual([{ type: 'sequence', asns: [4200000001, 65546] }]);
  });

  it.each(['64600 x', '64600 {}', '64600 {64601', '4294967296', '64600, (aggregated by 1 2)'])('refuses "%s"', (text) => {
    expect(() => parseAsPathText(text)).toThrow(AsPathSyntaxError);
  });

  it('formats back the way FRR prints', () => {
    for (const text of ['64600 64601', '64600 {64610,64611}', '(65001 65002) 64600', 'Local']) {
      expect(formatAsPath(parseAsPathText(text))).toBe(text);
    }
  });
});
