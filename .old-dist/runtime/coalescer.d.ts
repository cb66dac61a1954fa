/**
 * Runs one job for a burst of pokes: the job starts once pokes have been quiet for `quietMs`, or
 * `maxDelayMs` after the first of them, whichever comes first; pokes while it runs start one more run
 * after it. Runs never overlap, and a job's failure is the job's to report: it never escapes a timer.
 */
export declare class Coalescer {
    #private;
    private readonly quietMs;
    private readonly maxDelayMs;
    private readonly job;
    constructor(quietMs: number, maxDelayMs: number, job: (reasons: readonly string[]) => Promise<void>);
    /** Something changed: a run will follow, shared with whatever else changes meanwhile. */
    poke(reason: string): void;
    /**
     * Settles once no run is going or due: a run already going is finished, and one that was due (poked
     * during it, or waiting out its quiet time) is run at once after it, so that what is in force at the
     * end follows the last change. Pokes after stop() are ignored.
     */
    stop(): Promise<void>;
}
