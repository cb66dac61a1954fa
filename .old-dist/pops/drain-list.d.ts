import { type Asn } from '../core/asn.js';
import type { PopTable } from '../core/pop-selection.js';
/** One drain: a POP by host name or AS, until an optional time. */
export interface DrainEntry {
    readonly host: string | undefined;
    readonly asn: Asn | undefined;
    /** Epoch milliseconds; undefined: until removed. */
    readonly untilMs: number | undefined;
    readonly line: number;
}
export declare class DrainListError extends Error {
    name: string;
}
/**
 * Parses a drain file: one POP per line, by host name or AS (`64702`, `AS64702`, `www.y.example.net`),
 * optionally followed by when the drain ends (`2026-12-01T06:00Z`, or epoch seconds), so that a
 * forgotten drain ends by itself; `#` starts a comment.
 */
export declare function parseDrainList(text: string, file: string): DrainEntry[];
/** Why this POP is drained at `nowMs`, or undefined. */
export declare function drainedBecause(entries: readonly DrainEntry[], asn: Asn, answer: string, nowMs: number): string | undefined;
/** Entries that name no POP of the table: a typo drains nothing, so it is worth a warning with its line. */
export declare function drainsOfNoPop(entries: readonly DrainEntry[], pops: PopTable): DrainEntry[];
export declare function drainsOfNoPopWarning(file: string, unknown: readonly DrainEntry[]): string;
