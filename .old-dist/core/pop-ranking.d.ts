import type { AsPath } from './as-path.js';
import type { Asn } from './asn.js';
import { type PopTable, type PopUnavailable, type SkippedPop } from './pop-selection.js';
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
export declare function bgpPathLength(path: AsPath, fromSegment?: number, fromAsn?: number): number;
/** How many AS hops lie between `asn` and the origin on `path` (its occurrence nearest the origin), or undefined. */
export declare function hopsToOrigin(path: AsPath, asn: Asn): number | undefined;
/**
 * The POPs able to serve a prefix, from every path the route server holds for it: first the one the
 * paper's rule picks on the best path (self when none), then every other POP some path crosses, and
 * self, by hops to the origin (a POP crossed by several paths at its nearest); ties keep the order
 * the paths are listed in, the best first.
 */
export declare function rankPops(best: AsPath, others: readonly AsPath[], pops: PopTable, self: string): PopRanking;
/**
 * The first POP of a ranking that can take clients now, walking past those that cannot (noted in
 * `skipped`); undefined when none can, self included.
 */
export declare function firstServing(ranking: PopRanking, unavailable?: PopUnavailable, skipped?: SkippedPop[]): RankedPop | undefined;
