import { type ClientAddress, type KeyRejection } from '../core/address.js';
import { type Prefix } from '../core/prefix.js';
import { type PopRanking } from '../core/pop-ranking.js';
import type { PlanEntry, PlannedPrefixes } from '../core/planned-prefixes.js';
import type { Asn } from '../core/asn.js';
import type { Route } from '../core/route.js';
import { type RouteServer } from '../route-servers/route-server.js';
import { type PopMatch, type PopTable, type PopUnavailable, type SkippedPop } from '../core/pop-selection.js';
import { ResolverStats } from './stats.js';
export type DecisionReason = 'peer' | 'no-peer' | 'no-route' | 'plan' | 'invalid-key' | 'unavailable' | 'timeout' | 'error';
export interface Decision {
    readonly answer: string;
    readonly reason: DecisionReason;
    readonly address: ClientAddress | undefined;
    readonly keyRejection: KeyRejection | undefined;
    readonly route: Route | undefined;
    readonly match: PopMatch | undefined;
    /** POPs on the path passed over because they cannot take clients now, and why. */
    readonly skipped?: readonly SkippedPop[] | undefined;
    /** Every POP able to serve the route's prefix, nearest first, from all the paths the route server gave. */
    readonly ranking?: PopRanking | undefined;
    /** The capacity plan line covering the address, when one is in force. */
    readonly plan?: PlanEntry | undefined;
    readonly cache: 'hit' | 'miss';
    /** The cache entry that answered: the route's prefix, or the address alone. */
    readonly cachedPrefix: Prefix | undefined;
    /**
     * The widest prefix around the address for which this answer is known to hold (what DNS gives as
     * the ECS scope): the cached prefix less its more-specific routes, else the address alone.
     */
    readonly validFor: Prefix | undefined;
    readonly routeServer: string;
    readonly elapsedMs: number;
    readonly error: string | undefined;
}
/** Whether the decision is the route server's own answer (a POP, self by the path, no route), not a fallback or a bad key. */
export declare function isRouteServerAnswer(decision: Decision): boolean;
export interface ResolverOptions {
    /** The POPs by AS number, and the answer for each. */
    readonly pops: PopTable;
    readonly self: string;
    /** Answer for keys that are not addresses: NULL for Apache's default, or self. */
    readonly invalidKeyAnswer: string;
    readonly cacheSize: number;
    readonly cacheTimeoutMs: number;
    /** Why a POP cannot take clients now (drained); such POPs are walked past. Call clearCache() when it changes. */
    readonly popUnavailable?: PopUnavailable;
    /** Lifetime of a "no route" answer (default the cache's): routes that come back are seen sooner. */
    readonly negativeCacheTimeoutMs?: number;
    /** Prefixes shorter than this are not cached whole: listing what lies inside them costs more. */
    readonly widenMinLength?: Readonly<Record<4 | 6, number>>;
    /** Prefix listings under way at once (default 4): each is a command on the route server's session. */
    readonly maxPrefixChecks?: number;
    readonly clock?: () => number;
    /** True while the route server's table may still be arriving: answers are given but not cached. */
    readonly holdCache?: () => boolean;
    /** A capacity plan in force: applied to every answer as it goes out, so changing it forgets nothing. */
    readonly plan?: PlannedPrefixes;
}
/**
 * Client key → POP. Pure decision logic over an injected route server: cache first, then the
 * route server, bounded by an optional deadline; every failure becomes `self`, counted.
 */
export declare class Resolver {
    #private;
    readonly routeServer: RouteServer;
    readonly stats: ResolverStats;
    constructor(routeServer: RouteServer, options: ResolverOptions);
    get options(): ResolverOptions;
    get stalled(): boolean;
    /** Settles once the prefix checks under way have widened (or not) their answers. */
    settled(): Promise<void>;
    /** Forgets every cached answer, e.g. once the route server's table was replaced. */
    clearCache(): void;
    /**
     * Forgets the cached answers a POP's change of state makes stale: those whose path holds it (naming
     * it, walking past it, or routed through its sessions), and, when it comes back after `outageMs`,
     * those learned meanwhile, which may rest on routes it had withdrawn. Others stay. Returns how many went.
     */
    forgetAnswersInvolving(asn: Asn, outageMs?: number): number;
    /** Forgets the answers learned in the last `ms`: they may rest on a table that was still arriving. Returns how many went. */
    forgetLearnedWithin(ms: number): number;
    /** New POPs, self or fallback answers (the config changed): every cached answer is forgotten. */
    reconfigure(changes: Partial<Pick<ResolverOptions, 'pops' | 'self' | 'invalidKeyAnswer' | 'popUnavailable'>>): void;
    /** A new capacity plan: cached answers, which have the previous one folded in, are forgotten. */
    setPlan(plan: PlannedPrefixes | undefined): void;
    /**
     * The decision for one key: synchronously when it is known now (bad key, cache hit, route server
     * known down), else a promise that always resolves, by the deadline if one is given.
     */
    decide(key: string, deadlineMs?: number): Decision | Promise<Decision>;
    /** The key as an address, from the same memo the lookups use; undefined for a bad key. */
    addressOf(key: string): ClientAddress | undefined;
    /** The decision when it needs no route server (a bad key, a cache hit); undefined otherwise. */
    known(key: string): Decision | undefined;
    /** The prefix a cached answer for the key is stored under, if any; counts nothing (an explanation, not a lookup). */
    cachedPrefixOf(key: string): Prefix | undefined;
    resolve(key: string, deadlineMs?: number): Promise<Decision>;
}
