import type { ClientAddress } from './address.js';
import type { Prefix } from './prefix.js';
export interface CachedValue<V> {
    readonly prefix: Prefix;
    readonly value: V;
    readonly expiresAt: number;
}
/**
 * An LRU cache of answers keyed by prefix, found by longest match, each entry living `ttlMs`.
 * Get, set and eviction are O(1) apart from the per-length probe of the longest match.
 */
export declare class DecisionCache<V> {
    #private;
    readonly capacity: number;
    readonly ttlMs: number;
    private readonly now;
    constructor(capacity: number, ttlMs: number, now?: () => number);
    get size(): number;
    lookup(address: ClientAddress): CachedValue<V> | undefined;
    /** The live value stored for exactly `prefix`, without touching its recency. */
    peek(prefix: Prefix): V | undefined;
    /** Stores for `ttlMs`, or for the cache's own lifetime. */
    store(prefix: Prefix, value: V, ttlMs?: number): void;
    delete(prefix: Prefix): void;
    /** Removes every entry whose value matches; returns how many went. O(size): for rare events, not lookups. */
    deleteWhere(matches: (value: V, prefix: Prefix) => boolean): number;
    clear(): void;
}
