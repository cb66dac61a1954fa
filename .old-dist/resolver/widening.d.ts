import type { ClientAddress } from '../core/address.js';
import { type Prefix } from '../core/prefix.js';
/**
 * Below these lengths a prefix is not widened into one cache entry: checking it for more-specific
 * routes would pull a large part of the table over the vty.
 */
export declare const WIDEN_MIN_LENGTH: Readonly<Record<4 | 6, number>>;
/** Where a widened answer goes: the resolver's cache. */
export interface WideningCache<A> {
    /** Bumped when the cache is cleared: a check begun before is dropped. */
    generation(): number;
    /** A more-specific route lies here: its addresses are sent back to the route server (unless already cached). */
    markAsk(prefix: Prefix, ttlMs: number): void;
    /** The answer for the whole prefix, with the more-specific routes inside it as holes. */
    storeWide(prefix: Prefix, answer: A, holes: readonly Prefix[], ttlMs: number): void;
    /** The address's own entry would shadow the prefix's, and with it how far the answer reaches. */
    dropOwnEntry(address: ClientAddress, answer: A): void;
}
export interface WideningOptions {
    readonly minLength?: Readonly<Record<4 | 6, number>>;
    readonly maxChecks?: number;
}
/**
 * Caches an answer for a whole prefix once the route server has listed the routes inside it, a few
 * checks at a time, off the answering path; each more-specific route gets an entry of its own.
 */
export declare class Widening<A> {
    #private;
    private readonly routesWithin;
    private readonly cache;
    private readonly options;
    constructor(routesWithin: (prefix: Prefix, prefixHasRoute: boolean) => Promise<readonly Prefix[] | undefined>, cache: WideningCache<A>, options?: () => WideningOptions);
    /** An answer from the prefix of the route that gave it. */
    routed(address: ClientAddress, prefix: Prefix, answer: A, ttlMs: number): void;
    /** A no-route answer, widened to the address's neighbourhood when nothing inside it has a route. */
    unrouted(address: ClientAddress, answer: A, ttlMs: number): void;
    /** Settles once the checks under way have widened (or not) their answers. */
    settled(): Promise<void>;
}
