import { type Prefix } from '../core/prefix.js';
/** Demand measured inside a deciding prefix, per /24 (IPv4) or /48 (IPv6): what a split can divide. */
export interface DemandLeaf {
    readonly prefix: Prefix;
    readonly demand: number;
}
/** Splits stop here: finer than this, logs say nothing a resolver could act on. */
export declare const FINEST_SPLIT: Readonly<Record<4 | 6, number>>;
/** The two halves of a prefix, one bit longer; undefined at a host prefix. */
export declare function halves(prefix: Prefix): [Prefix, Prefix] | undefined;
/** Whether a part of a deciding prefix may be split further. */
export declare function splittable(prefix: Prefix, leaves: readonly DemandLeaf[]): boolean;
/** The leaves of `leaves` inside `part`, and their demand. */
export declare function leavesWithin(part: Prefix, leaves: readonly DemandLeaf[]): {
    leaves: DemandLeaf[];
    demand: number;
};
export declare function prefixKey(prefix: Prefix): string;
