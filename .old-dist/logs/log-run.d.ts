import { type Decision, type Resolver } from '../resolver/resolver.js';
import { type ClientSelector } from './client-field.js';
/** What a log line gets: the route server's real answer, no address to ask about, or a failure. */
export type LineOutcome = {
    readonly kind: 'answer';
    readonly key: string;
    readonly decision: Decision;
} | {
    readonly kind: 'no-address';
    readonly key: string | undefined;
} | {
    readonly kind: 'failed';
    readonly key: string;
    readonly decision: Decision;
};
export interface LogRunOptions {
    readonly selector: ClientSelector;
    /** Lookups waiting on the route server at once. */
    readonly maxInFlight: number;
    /** How long a line may wait for a route server that is down or a table that is loading. */
    readonly retryForMs: number;
    /** Told, at most once a second, that lines are waiting on the route server, and why. */
    readonly onWaiting?: (waiting: number, why: string) => void;
    /** Told once per outage that the route server has been out of reach for `retryForMs`: lines fail at once now. */
    readonly onGivingUp?: (retryForMs: number, why: string) => void;
    /** Told once the route server answers again after an outage that was told (waiting or giving up). */
    readonly onAnsweringAgain?: (outageMs: number) => void;
}
/**
 * Log mode's exact answers, in input order: every line gets the route server's real answer, or is
 * marked failed after `retryForMs` of waiting, never a substitute. Known answers (memo, cache) go out
 * at once; misses are asked concurrently, bounded, one per neighbourhood at a time so that an answer
 * cached for a whole prefix serves the lines behind it; lines after a miss wait for it.
 */
export declare class LogRun {
    #private;
    private readonly resolver;
    private readonly options;
    private readonly emit;
    constructor(resolver: Resolver, options: LogRunOptions, emit: (line: string, outcome: LineOutcome) => void);
    /** Takes lines; resolves when more may be pushed (the look-ahead is bounded). */
    push(lines: readonly string[]): Promise<void>;
    /** Resolves once every line pushed has been emitted. */
    finish(): Promise<void>;
}
