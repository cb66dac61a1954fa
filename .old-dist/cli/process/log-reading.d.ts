import type { DemandCounter } from '../../capacity/demand.js';
import { type LogSource } from '../../logs/log-input.js';
import { type LineOutcome } from '../../logs/log-run.js';
import type { CliContext } from '../context.js';
/**
 * Reads log sources in order and gives every line its exact answer (LogRun), each to `emit` in input
 * order; stops early when `writable` says the output can take no more. Counts failed lines and
 * damaged inputs; closes the route server at the end.
 */
export declare function answerLogLines(ctx: CliContext, sources: readonly LogSource[], emit: (line: string, outcome: LineOutcome) => void, writable?: () => Promise<boolean>, finished?: () => Promise<unknown>): Promise<{
    failed: number;
    inputFaults: number;
}>;
/** Adds an answered line's request to a demand tally: its deciding prefix, ranking, time and (`withBytes`) size. */
export declare function countDemand(ctx: CliContext, demand: DemandCounter, line: string, outcome: LineOutcome, withBytes?: boolean): void;
