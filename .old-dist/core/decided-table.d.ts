import type { ClientAddress } from './address.js';
import type { Asn } from './asn.js';
import type { AsPath } from './as-path.js';
import type { PopUnavailable } from './pop-selection.js';
import type { Prefix } from './prefix.js';
import { type Steps } from './steps.js';
/** No route covers the address or range. */
export declare const NO_PREFIX = -1;
/** `answerOf`: no POP on the path (or every one out): self. */
export declare const SELF_ANSWER = -1;
/** In a stored ranking, the place of self (an AS number reserved by RFC 7300). */
export declare const RANKED_SELF = 4294967295;
/** One stretch of the address space whose addresses share one most-specific prefix (or none). */
export interface DecidedRange {
    readonly family: 4 | 6;
    /** First and last address, as numbers (IPv4) or bigints (IPv6). */
    readonly first: number | bigint;
    readonly last: number | bigint;
    readonly prefix: number;
}
/** Per family: prefixes in network order (shorter first), each with the prefix that holds it, if any. */
interface FamilyIndex {
    /** One word per prefix for IPv4, four for IPv6. */
    readonly network: Uint32Array;
    readonly length: Uint8Array;
    /** The position of the nearest prefix that holds this one, or -1. */
    readonly parent: Int32Array;
}
/**
 * Prefixes are numbered in network order: IPv4 positions first, then IPv6 ones after them, so that a
 * position found by a lookup is the number its data is kept under.
 */
interface TableParts {
    readonly v4: FamilyIndex;
    readonly v6: FamilyIndex;
    readonly popStart: Uint32Array;
    readonly popList: Uint32Array;
    readonly offsets: Uint32Array;
    /** Per prefix, where its ranking starts in rankList (the ASes, RANKED_SELF for self) and rankHops; absent when no prefix has one. */
    readonly rankStart?: Uint32Array;
    readonly rankList?: Uint32Array;
    readonly rankHops?: Uint8Array;
}
/**
 * Collects prefixes as a dump is read: for each, its network, length, the POP ASes on its best path
 * from the origin end (usually none to two), and where its record lies in the dump, so that the whole
 * path can be read again for an explanation. The table numbers prefixes in network order.
 */
export declare class DecidedTableBuilder {
    #private;
    constructor(expected4?: number, expected6?: number);
    get size(): number;
    /**
     * An IPv4 prefix; `pops` holds `popCount` POP ASes, nearest the origin first. When its other paths
     * cross POPs its best path does not, `ranked` holds its ranking in its first `rankedLength` numbers:
     * pairs of AS (RANKED_SELF for self) and hops to the origin, nearest first.
     */
    add4(network: number, length: number, pops: Uint32Array, popCount: number, offset: number, ranked?: Uint32Array, rankedLength?: number): void;
    /** An IPv6 prefix given as four 32-bit words, most significant first. */
    add6(w0: number, w1: number, w2: number, w3: number, length: number, pops: Uint32Array, popCount: number, offset: number, ranked?: Uint32Array, rankedLength?: number): void;
    build(): DecidedTable;
    /** The same, letting the event loop run between steps (each a few tens of milliseconds for a full table). */
    buildInSteps(): Promise<DecidedTable>;
    /** The steps themselves, for a caller that runs a longer computation around them. */
    steps(): Steps<DecidedTable>;
}
/**
 * Every prefix of a table with its best path decided once, at load: typed arrays, no object per
 * route. A lookup is one binary search over the prefixes in network order and, when the nearest one
 * does not hold the address, a step or two up to the prefixes holding it. Per prefix, the POPs on its
 * best path (nearest the origin first) let a POP that is out be walked past without the path, and the
 * record's offset in the dump lets the whole path be read again for an explanation.
 */
export declare class DecidedTable {
    #private;
    constructor(parts: TableParts);
    /** Prefixes held. */
    get size(): number;
    /** Bytes held in typed arrays: what the table costs in memory. */
    get byteLength(): number;
    /** The number of the most specific prefix holding the address, or NO_PREFIX. */
    find(address: ClientAddress): number;
    find4(value: number): number;
    find6(value: bigint): number;
    prefixOf(index: number): Prefix;
    /** The POP ASes on the prefix's best path, nearest the origin first. */
    popsOf(index: number): readonly Asn[];
    /** popsOf without the copy: a view of the table's own array, for a walk over every prefix. */
    popsView(index: number): Uint32Array;
    /** The prefix's POP ranking when its other paths cross POPs its best path does not (stored by DecidedTableBuilder.add4 and add6). */
    rankingOf(index: number): Uint32Array | undefined;
    /** Where the prefix's record starts in the dump it was read from. */
    offsetOf(index: number): number;
    /** The POP AS that answers for the prefix (the first from the origin that can serve), or SELF_ANSWER. */
    answerOf(index: number, unavailable?: PopUnavailable, answers?: ReadonlyMap<Asn, string>): Asn | typeof SELF_ANSWER;
    /**
     * The address space of one family cut into ranges, in order, each with its most specific prefix (or
     * NO_PREFIX); neighbours with the same prefix are one range.
     */
    ranges(family: 4 | 6): Generator<DecidedRange>;
    /** The ranges of `ranges(family)` that meet [from, to], clipped to it: a plan line's few, without walking the table. */
    rangesBetween(family: 4 | 6, from: number | bigint, to: number | bigint): Generator<DecidedRange>;
}
/** A table decided at load, and each prefix's whole best path on demand (for explanations and CSV). */
export interface DecidedView {
    readonly table: DecidedTable;
    pathOf(index: number): AsPath;
}
export {};
