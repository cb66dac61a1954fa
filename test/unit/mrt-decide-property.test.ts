import { describe, expect, it } from '@jest/globals';
import { popsOnPath } from '../../src/core/pop-selection.js';
import { formatPrefix } from '../../src/core/prefix.js';
import { asPathBytesLength, decodeAsPath, readMrtRecord } from '../../src/parsers/mrt.js';
import { decideMrt } from '../../src/parsers/mrt-decide.js';
import { mrtDump, type MrtWriterRib } from '../helpers/mrt-writer.js';

const POPS = new Set([64700, 64701, 64702, 4_200_000_001]);
const POOL = [...POPS, 64600, 64601, 64602, 3356, 174, 65535];

/** xorshift32: exact in 32-bit integers. */
function random(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return Math.floor(((state >>> 0) / 4294967296) * n);
  };
}

function randomRibs(seed: number): MrtWriterRib[] {
  const r = random(seed);
  const ribs: MrtWriterRib[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < 300; i++) {
    const v6 = r(4) === 0;
    const a = r(256);
    const b = r(256);
    const normal = v6
      ? `2001:db8:${r(65536).toString(16)}::/48`
      : [`10.${a}.0.0/16`, `10.${a}.${b & 0xf0}.0/20`, `10.${a}.${b}.0/24`][r(3)]!;
    if (seen.has(normal)) continue;
    seen.add(normal);
    const entries = Array.from({ length: 1 + r(4) }, () => ({
      peer: r(3),
      path: Array.from({ length: r(7) }, () =>
        r(8) === 0 ? [POOL[r(POOL.length)]!] : r(10) === 0 ? [POOL[r(POOL.length)]!, POOL[r(POOL.length)]!] : POOL[r(POOL.length)]!,
      ),
    }));
    ribs.push({ prefix: normal, entries });
  }
  return ribs;
}

/** What the record walk of mrt.ts says of each prefix: its best path (shortest, first on a tie) and the POPs on it. */
function expectedFromWalk(data: Buffer): Map<string, number[]> {
  const expected = new Map<string, number[]>();
  for (let offset = 0; offset < data.length; ) {
    const { record, next } = readMrtRecord(data, offset);
    offset = next;
    if (record.kind !== 'rib') continue;
    let best: Buffer | undefined;
    let bestLength = Number.POSITIVE_INFINITY;
    for (const entry of record.rib.entries) {
      const length = asPathBytesLength(entry.asPath);
      if (length < bestLength) {
        best = entry.asPath;
        bestLength = length;
      }
    }
    expected.set(formatPrefix(record.rib.prefix), popsOnPath(decodeAsPath(best), POPS));
  }
  return expected;
}

describe('mrt-decide.ts is held to the record walk of mrt.ts', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('decides each prefix of random dump %i as the walk does', async (seed) => {
    const data = mrtDump(
      [
        { address: '127.0.0.1', asn: 64700 },
        { address: '127.0.0.2', asn: 64701 },
        { address: '::1', asn: 64702 },
      ],
      randomRibs(seed),
      seed % 2 === 0,
    );
    const { table } = await decideMrt([{ data, base: 0 }], 'random.mrt', { pops: POPS, sizeHint: data.length });
    const decided = new Map<string, number[]>();
    for (let i = 0; i < table.size; i++) decided.set(formatPrefix(table.prefixOf(i)), [...table.popsOf(i)]);
    const expected = expectedFromWalk(data);
    expect(decided.size).toBe(expected.size);
    expect(decided).toEqual(expected);
  });
});
