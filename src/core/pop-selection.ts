import type { AsPath } from './as-path.js';
import type { Asn } from './asn.js';

/** The POPs by AS number, and what to answer for each. */
export type PopTable = ReadonlyMap<Asn, string>;

export interface PopMatch {
  readonly asn: Asn;
  readonly answer: string;
  /** Segment and position of the matched AS, for highlighting. */
  readonly segmentIndex: number;
  readonly asnIndex: number;
}

/**
 * Paper §3.3: a POP whose AS is on the best path is nearer; with several, the one nearest the origin
 * (rightmost) wins. AS_SET members count only when the set has a single member: an aggregate's set
 * says some of its components came through those ASes, not that this client's part did.
 * Confederation sequences are walked like sequences (they are ASes the route really crossed).
 */
export function matchPop(path: AsPath, peers: PopTable): PopMatch | undefined {
  if (peers.size === 0) return undefined;
  for (let s = path.length - 1; s >= 0; s--) {
    const segment = path[s]!;
    const ordered = segment.type === 'sequence' || segment.type === 'confed-sequence' || segment.asns.length === 1;
    if (!ordered) continue;
    for (let i = segment.asns.length - 1; i >= 0; i--) {
      const asn = segment.asns[i]!;
      const answer = peers.get(asn);
      if (answer !== undefined) return { asn, answer, segmentIndex: s, asnIndex: i };
    }
  }
  return undefined;
}
