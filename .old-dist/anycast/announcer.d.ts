import type { AnycastLine } from '../config/config.js';
/** What this POP can do for its anycast prefixes now. */
export type AnycastState = 'up' | 'drained' | 'down';
/** One prefix as announced: its route and MED; absent from the set when withdrawn. */
export interface Announcement {
    readonly prefix: string;
    readonly nextHop: string;
    readonly med: number | undefined;
}
/**
 * What to announce in a state: every prefix while up (with the up MED, if any); while drained, every
 * prefix with the drained MED when MEDs are set (a gentle drain), else nothing; when down, nothing.
 */
export declare function announcementsFor(state: AnycastState, lines: readonly AnycastLine[], med: {
    readonly up: number;
    readonly drained: number;
} | undefined): Announcement[];
/** ExaBGP API commands taking what was announced to what should be: only the changes, withdrawals first. */
export declare function commandsBetween(before: readonly Announcement[], after: readonly Announcement[]): string[];
/** ExaBGP's JSON on the process's input: the neighbor state changes ("up" after a session (re)starts), else nothing. */
export declare function neighborStateOf(line: string): {
    readonly peer: string;
    readonly state: string;
} | undefined;
