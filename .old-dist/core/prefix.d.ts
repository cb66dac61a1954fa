import { type AddressFamily, type ClientAddress } from './address.js';
/** A network prefix, its host bits zero. */
export type Prefix = {
    readonly family: 4;
    readonly network: number;
    readonly length: number;
} | {
    readonly family: 6;
    readonly network: bigint;
    readonly length: number;
};
export declare const MAX_PREFIX_LENGTH: Record<AddressFamily, number>;
export declare function maskIpv4(value: number, length: number): number;
export declare function maskIpv6(value: bigint, length: number): bigint;
export declare function hostPrefix(address: ClientAddress): Prefix;
/** Parses `192.0.2.0/24` or `2001:db8::/32`; host bits must be zero unless `loose`. */
export declare function parsePrefix(text: string, loose?: boolean): Prefix | undefined;
/** `prefix` cut to its first `length` bits (at most its own length). */
export declare function truncatePrefix(prefix: Prefix, length: number): Prefix;
export declare function formatPrefix(prefix: Prefix): string;
export declare function prefixContains(prefix: Prefix, address: ClientAddress): boolean;
/** The prefix of `length` bits around an address. */
export declare function prefixAround(address: ClientAddress, length: number): Prefix;
export declare function prefixCovers(outer: Prefix, inner: Prefix): boolean;
/**
 * The widest prefix around an address, no wider than `within`, that holds none of `holes` (the
 * more-specific routes inside `within`, whose answers may differ): how far one answer reaches.
 */
export declare function widestPrefixAround(address: ClientAddress, within: Prefix, holes: readonly Prefix[]): Prefix;
