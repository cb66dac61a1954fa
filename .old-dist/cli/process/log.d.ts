import type { Writable } from 'node:stream';
/**
 * Diagnostics on stderr, one line each with a recognisable prefix (under Apache they land in the
 * error log). Repeated warnings of one kind are rate-limited and the suppressed ones counted. A broken
 * stderr silences the log and nothing else: answers go on.
 */
export declare class Logger {
    #private;
    private readonly stream;
    readonly intervalMs: number;
    private readonly now;
    constructor(stream: Writable, intervalMs?: number, now?: () => number, prefix?: string);
    line(text: string): void;
    raw(text: string): void;
    /** Logs at most once per interval for each kind; returns whether the line was written. */
    warnLimited(kind: string, text: string): boolean;
    /** A state gone wrong (`key`: what is in it), rate-limited like warnLimited. */
    problem(key: string, text: string): void;
    /**
     * The same state right again: logged whenever its problem was, so that every "not answering" in a
     * log has its "answers again"; otherwise only when `always`.
     */
    recovered(key: string, text: string, always?: boolean): void;
}
