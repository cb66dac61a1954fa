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
export declare function matchPop(path: AsPath, pops: PopTable, unavailable?: PopUnavailable, skipped?: SkippedPop[]): PopMatch | undefined;
/**
 * matchPop over a path's POPs decided in advance (nearest the origin first, as popsOf gives them): the
 * same answer without the path. Where on the path the POP stands is not known here (-1): explanations
 * find it by its AS.
 */
export declare function matchDecidedPops(onPath: readonly Asn[], pops: PopTable, unavailable?: PopUnavailable, skipped?: SkippedPop[]): PopMatch | undefined;
/** Where matchPop would have found `asn` on the path: the ordered occurrence nearest the origin. */
export declare function placeOnPath(path: AsPath, asn: Asn): {
    segmentIndex: number;
    asnIndex: number;
} | undefined;
/** The POP ASes on a path in the order matchPop walks them (from the origin end), each once. */
export declare function popsOnPath(path: AsPath, pops: PopTable | ReadonlySet<Asn>): Asn[];
