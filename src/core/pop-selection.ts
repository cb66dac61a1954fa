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
/** Why a POP on the path is passed over (drained, down, unhealthy), or undefined when it can serve. */
export type PopUnavailable = (asn: Asn, answer: string) => string | undefined;

export interface SkippedPop {
  readonly asn: Asn;
  readonly answer: string;
  readonly why: string;
}

/**
 * The answer of the POP with this AS when it can serve; undefined for an AS that is no POP, or a POP
 * that cannot serve (noted in `skipped`): such a POP is walked past, the next one nearer the neighbour end winning.
 */
function servingAnswer(
  asn: Asn,
  pops: PopTable,
  unavailable: PopUnavailable | undefined,
  skipped: SkippedPop[] | undefined,
): string | undefined {
  const answer = pops.get(asn);
  if (answer === undefined) return undefined;
  const why = unavailable?.(asn, answer);
  if (why === undefined) return answer;
  skipped?.push({ asn, answer, why });
  return undefined;
}

export function matchPop(path: AsPath, pops: PopTable, unavailable?: PopUnavailable, skipped?: SkippedPop[]): PopMatch | undefined {
  if (pops.size === 0) return undefined;
  for (let s = path.length - 1; s >= 0; s--) {
    const segment = path[s]!;
    const ordered = segment.type === 'sequence' || segment.type === 'confed-sequence' || segment.asns.length === 1;
    if (!ordered) continue;
    for (let i = segment.asns.length - 1; i >= 0; i--) {
      const asn = segment.asns[i]!;
      const answer = servingAnswer(asn, pops, unavailable, skipped);
      if (answer !== undefined) return { asn, answer, segmentIndex: s, asnIndex: i };
    }
  }
  return undefined;
}

/**
 * matchPop over a path's POPs decided in advance (nearest the origin first, as popsOf gives them): the
 * same answer without the path. Where on the path the POP stands is not known here (-1): explanations
 * find it by its AS.
 */
export function matchDecidedPops(
  onPath: readonly Asn[],
  pops: PopTable,
  unavailable?: PopUnavailable,
  skipped?: SkippedPop[],
): PopMatch | undefined {
  for (const asn of onPath) {
    const answer = servingAnswer(asn, pops, unavailable, skipped);
    if (answer !== undefined) return { asn, answer, segmentIndex: -1, asnIndex: -1 };
  }
  return undefined;
}

/** Where matchPop would have found `asn` on the path: the ordered occurrence nearest the origin. */
export function placeOnPath(path: AsPath, asn: Asn): { segmentIndex: number; asnIndex: number } | undefined {
  for (let s = path.length - 1; s >= 0; s--) {
    const segment = path[s]!;
    if (segment.type !== 'sequence' && segment.type !== 'confed-sequence' && segment.asns.length !== 1) continue;
    const i = segment.asns.lastIndexOf(asn);
    if (i >= 0) return { segmentIndex: s, asnIndex: i };
  }
  return undefined;
}

/** The POP ASes on a path in the order matchPop walks them (from the origin end), each once. */
export function popsOnPath(path: AsPath, pops: PopTable | ReadonlySet<Asn>): Asn[] {
  const found: Asn[] = [];
  for (let s = path.length - 1; s >= 0; s--) {
    const segment = path[s]!;
    if (segment.type !== 'sequence' && segment.type !== 'confed-sequence' && segment.asns.length !== 1) continue;
    for (let i = segment.asns.length - 1; i >= 0; i--) {
      const asn = segment.asns[i]!;
      if (pops.has(asn) && !found.includes(asn)) found.push(asn);
    }
  }
  return found;
}
