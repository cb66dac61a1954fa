import type { PopTable } from '../core/pop-selection.js';
import type { LineOutcome } from './log-run.js';
/** Distinct clients are counted exactly up to this many in all; past it the counts are lower bounds. */
export declare const MAX_TRACKED_CLIENTS = 1000000;
export interface PopRow {
    readonly pop: string;
    readonly requests: number;
    readonly share: number;
    readonly clients: number;
    readonly prefixes: number;
}
export interface PrefixRow {
    readonly prefix: string;
    readonly asPath: string;
    readonly pop: string;
    readonly requests: number;
}
export interface MoveRow {
    readonly to: string;
    readonly requests: number;
    readonly share: number;
}
export interface LogSummary {
    readonly lines: number;
    readonly answered: number;
    readonly noAddress: number;
    readonly failed: number;
    /** False once more distinct clients were seen than are tracked: client counts are then at least. */
    readonly clientsExact: boolean;
    readonly pops: readonly PopRow[];
    readonly topPrefixes: readonly PrefixRow[];
    /** With `without`: where the drained POPs' requests would go, those POPs drained together. */
    readonly without?: {
        readonly pops: readonly string[];
        readonly requests: number;
        readonly moves: readonly MoveRow[];
    };
}
/** Per-POP and per-prefix tallies of a log run's outcomes. Pure. */
export declare class SummaryCounter {
    #private;
    /** Route objects tallied apart right now: bounded whatever the input. */
    get routeObjects(): number;
    add(outcome: LineOutcome): void;
    summary(options: {
        top: number;
        without?: {
            readonly drained: readonly string[];
            readonly pops: PopTable;
            readonly self: string;
        };
    }): LogSummary;
}
