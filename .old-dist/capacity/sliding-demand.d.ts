import type { ClientAddress } from '../core/address.js';
import type { PopRanking } from '../core/pop-ranking.js';
import { type Prefix } from '../core/prefix.js';
import type { PrefixDemand } from './planner.js';
import type { RateUnit } from './rate.js';
/** The demand of the last seconds of a followed log, as a plan takes it. */
export interface RecentDemand {
    readonly unit: RateUnit;
    /** Epoch seconds: the span is [start, end). */
    readonly startSeconds: number;
    readonly endSeconds: number;
    /** Per second over the span, every POP together. */
    readonly total: number;
    readonly prefixes: readonly PrefixDemand[];
    /** Requests counted in the span. */
    readonly requests: number;
}
/**
 * Requests per /24 or /48 per second of the logs' own time, kept for the last `spanSeconds`: the
 * demand a plan made now should answer. A prefix's ranking is the one its latest request brought, so
 * it follows route changes; prefixes and blocks nothing asked for within the span are forgotten. Pure.
 */
export declare class SlidingDemand {
    #private;
    readonly spanSeconds: number;
    constructor(spanSeconds: number);
    /** The latest time any request had, or -Infinity before the first. */
    get newestSeconds(): number;
    /**
     * One request from `address` decided by `prefix` (undefined: no route, its /24 or /48 stands for it),
     * ranked by `ranking()` (asked again only when `madeFrom`, the route, is not the one last seen).
     */
    add(address: ClientAddress, prefix: Prefix | undefined, madeFrom: unknown, ranking: () => PopRanking, timeSeconds: number, bytes: number | undefined): void;
    /** The demand of the span that ends at `endSeconds` (exclusive), per second; older seconds are forgotten. */
    recent(endSeconds: number, unit: RateUnit): RecentDemand;
}
