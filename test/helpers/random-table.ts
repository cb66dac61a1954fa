import { mrtDump, type MrtWriterRib } from './mrt-writer.js';
import { random } from './capacity-instances.js';

/**
 * A bgpd-like MRT dump of `count` nested IPv4 prefixes in 0.0.0.0/2 (lengths /8 to /24), two peers,
 * a third of the paths through no POP and the rest through one of the testbed's POP ASes, so that
 * answers vary; the same for the same seed. `probe()` gives addresses in that space, from its own stream.
 */
export function randomMrtTable(
  count: number,
  seed = 2463534242,
  /** Every this-many-th route's best path goes through no POP instead: the same table, a few routes changed. */
  changeEvery = 0,
): { dump: Buffer; probe: () => string } {
  const next = random(seed);
  const pick = (n: number): number => Math.floor(next() * n);
  const pops = [64700, 64701, 64702];
  const ribs: MrtWriterRib[] = [];
  const seen = new Set<string>();
  for (let tries = 0; ribs.length < count && tries < count * 10; tries++) {
    const length = [8, 12, 16, 20, 22, 24, 24, 24][pick(8)]!;
    const value = ((pick(64) << 24) | (pick(256) << 16) | (pick(256) << 8)) >>> 0;
    const network = (value & (-1 << (32 - length))) >>> 0;
    const prefix = `${network >>> 24}.${(network >>> 16) & 255}.${(network >>> 8) & 255}.0/${length}`;
    if (seen.has(prefix)) continue;
    seen.add(prefix);
    const path = [64600, 1000 + pick(50_000), ...(pick(3) === 0 ? [] : [pops[pick(3)]!]), 2000 + pick(9000)];
    const changed = changeEvery > 0 && ribs.length % changeEvery === 0;
    ribs.push({
      prefix,
      entries: [
        { peer: 0, path: changed ? [64600, 9] : path },
        { peer: 1, path: [4200000001, ...path.slice(1), 7] },
      ],
    });
  }
  const dump = mrtDump(
    [
      { address: '127.0.0.2', asn: 64600 },
      { address: '127.0.0.3', asn: 4200000001 },
    ],
    ribs,
  );
  return { dump, probe: () => `${pick(64)}.${pick(256)}.${pick(256)}.${pick(256)}` };
}
