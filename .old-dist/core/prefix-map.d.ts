import type { ClientAddress } from './address.js';
import type { Prefix } from './prefix.js';
export interface PrefixMatch<V> {
    readonly prefix: Prefix;
    readonly value: V;
}
/**
 * Prefix → value with longest-prefix match. Probing each present length costs O(lengths), which is
 * small in real tables (about 25 IPv4 and 40 IPv6 lengths in a full feed) and needs no trie.
 */
export declare class PrefixMap<V> {
    #private;
    get size(): number;
    set(prefix: Prefix, value: V): void;
    get(prefix: Prefix): V | undefined;
    delete(prefix: Prefix): boolean;
    clear(): void;
    longestMatch(address: ClientAddress): PrefixMatch<V> | undefined;
    /** The longest entry strictly shorter than `prefix` that covers it. */
    coveringMatch(prefix: Prefix): PrefixMatch<V> | undefined;
    entries(): Generator<PrefixMatch<V>>;
}
