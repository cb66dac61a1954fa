import { CLIENT_BLOCK_LENGTH, formatPrefix, MAX_PREFIX_LENGTH, prefixCovers, type Prefix } from '../core/prefix.js';

/** Demand measured inside a deciding prefix, per /24 (IPv4) or /48 (IPv6): what a split can divide. */
export interface DemandLeaf {
  readonly prefix: Prefix;
  readonly demand: number;
}

/** Splits stop here: finer than this, logs say nothing a resolver could act on. */
export const FINEST_SPLIT: Readonly<Record<4 | 6, number>> = CLIENT_BLOCK_LENGTH;

/** The two halves of a prefix, one bit longer; undefined at a host prefix. */
export function halves(prefix: Prefix): [Prefix, Prefix] | undefined {
  if (prefix.length >= MAX_PREFIX_LENGTH[prefix.family]) return undefined;
  const length = prefix.length + 1;
  if (prefix.family === 4) {
    const bit = 2 ** (32 - length);
    return [
      { family: 4, network: prefix.network, length },
      { family: 4, network: prefix.network + bit, length },
    ];
  }
  const bit = 1n << BigInt(128 - length);
  return [
    { family: 6, network: prefix.network, length },
    { family: 6, network: prefix.network | bit, length },
  ];
}

/** Whether a part of a deciding prefix may be split further. */
export function splittable(prefix: Prefix, leaves: readonly DemandLeaf[]): boolean {
  return prefix.length < FINEST_SPLIT[prefix.family] && leaves.length > 1;
}

/** The leaves of `leaves` inside `part`, and their demand. */
export function leavesWithin(part: Prefix, leaves: readonly DemandLeaf[]): { leaves: DemandLeaf[]; demand: number } {
  const inside: DemandLeaf[] = [];
  let demand = 0;
  for (const leaf of leaves) {
    if (prefixCovers(part, leaf.prefix)) {
      inside.push(leaf);
      demand += leaf.demand;
    }
  }
  return { leaves: inside, demand };
}

export function prefixKey(prefix: Prefix): string {
  return formatPrefix(prefix);
}
