import type { AsPath } from './as-path.js';
import type { Asn } from './asn.js';
import { matchPop, placeOnPath, type PopTable, type PopUnavailable, type SkippedPop } from './pop-selection.js';

/** One POP (or self, `asn` undefined) able to reach a prefix, and how far the prefix is from it in AS hops. */
export interface RankedPop {
  readonly answer: string;
  readonly asn: Asn | undefined;
  readonly hops: number;
}

/** Nearest first: the POP the best path names (or self), then the others by their distance to the origin. */
export type PopRanking = readonly RankedPop[];

/**
 * Path length as BGP's decision process counts it (RFC 4271 9.1.2.2): each AS of a sequence, prepends
 * included; a set as one; confederation segments as none (RFC 5065).
 */
export function bgpPathLength(path: AsPath, fromSegment = 0, fromAsn = 0): number {
  let length = 0;
  for (let s = fromSegment; s < path.length; s++) {
    const segment = path[s]!;
    if (segment.type === 'sequence') length += segment.asns.length - (s === fromSegment ? fromAsn : 0);
    else if (segment.type === 'set') length += s === fromSegment && fromAsn > 0 ? 0 : 1;
  }
  return length;
}

/** How many AS hops lie between `asn` and the origin on `path` (its occurrence nearest the origin), or undefined. */
export function hopsToOrigin(path: AsPath, asn: Asn): number | undefined {
  const place = placeOnPath(path, asn);
  return place === undefined ? undefined : bgpPathLength(path, place.segmentIndex, place.asnIndex + 1);
}

/**
 * The POPs able to serve a prefix, from every path the route server holds for it: first the one the
 * paper's rule picks on the best path (self when none), then every other POP some path crosses, and
 * self, by hops to the origin (a POP crossed by several paths at its nearest); ties keep the order
 * the paths are listed in, the best first.
 */
export function rankPops(best: AsPath, others: readonly AsPath[], pops: PopTable, self: string): PopRanking {
  const first = matchPop(best, pops);
  const hops = new Map<string, RankedPop>();
  const consider = (path: AsPath): void => {
    for (let s = path.length - 1; s >= 0; s--) {
      const segment = path[s]!;
      if (segment.type !== 'sequence' && segment.type !== 'confed-sequence' && segment.asns.length !== 1) continue;
      for (const asn of segment.asns) {
        const answer = pops.get(asn);
        if (answer === undefined || answer === first?.answer) continue;
        const distance = hopsToOrigin(path, asn)!;
        const known = hops.get(answer);
        if (known === undefined || distance < known.hops) hops.set(answer, { answer, asn, hops: distance });
      }
    }
  };
  consider(best);
  for (const path of others) consider(path);
  const selfEntry: RankedPop = { answer: self, asn: undefined, hops: bgpPathLength(best) };
  const head: RankedPop = first ? { answer: first.answer, asn: first.asn, hops: hopsToOrigin(best, first.asn)! } : selfEntry;
  const rest = [...hops.values()];
  if (first) rest.push(selfEntry);
  // Array sort is stable: ties keep the order the paths were walked in, self after the POPs.
  rest.sort((a, b) => a.hops - b.hops);
  return [head, ...rest.filter((entry) => entry.answer !== head.answer)];
}

/**
 * The first POP of a ranking that can take clients now, walking past those that cannot (noted in
 * `skipped`); undefined when none can, self included.
 */
export function firstServing(ranking: PopRanking, unavailable?: PopUnavailable, skipped?: SkippedPop[]): RankedPop | undefined {
  for (const entry of ranking) {
    if (entry.asn === undefined) return entry;
    const why = unavailable?.(entry.asn, entry.answer);
    if (why === undefined) return entry;
    skipped?.push({ asn: entry.asn, answer: entry.answer, why });
  }
  return undefined;
}
