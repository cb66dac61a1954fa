import type { ClientAddress } from './address.js';
import type { Prefix } from './prefix.js';
/** One line of a capacity plan in force: clients inside `prefix` go to `pop` (an answer), until an optional time. */
export interface PlanEntry {
    readonly prefix: Prefix;
    readonly pop: string;
    /** Epoch milliseconds; undefined: until the plan changes. */
    readonly untilMs: number | undefined;
    readonly line: number;
}
/** A plan's prefixes, for the answering path: the entry covering an address, and the entries inside a prefix. */
export declare class PlannedPrefixes {
    #private;
    readonly entries: readonly PlanEntry[];
    /** Whether some entry ends at a time: else no clock is read per answer. */
    readonly timed: boolean;
    constructor(entries: readonly PlanEntry[]);
    get size(): number;
    /** Whether any entry lies inside `prefix`, is it, or covers it: only then can the plan change an answer there. */
    touches(prefix: Prefix): boolean;
    /** Whether some entry sends clients to this answer. */
    names(answer: string): boolean;
    /** The entry in force for exactly this prefix, else the most specific one covering it. */
    covering(prefix: Prefix, nowMs: number): PlanEntry | undefined;
    /** The most specific entry in force covering the address. */
    lookup(address: ClientAddress, nowMs: number): PlanEntry | undefined;
    /** The prefixes of entries strictly inside `prefix`: an answer for `prefix` does not reach into them. */
    within(prefix: Prefix): readonly Prefix[];
}
