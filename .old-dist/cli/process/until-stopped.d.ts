import { type CliIo, type Signal } from './io.js';
/** A long run, until it is stopped. */
export interface Run {
    /** Settles with the run's exit status once `finish` is done. */
    readonly done: Promise<number>;
    /** Stops the run (once; later calls are ignored): `finish` runs, then the signal handlers go. */
    stop(why: string, status?: number): void;
}
/**
 * The lifecycle every long run shares (batch, pdns, exabgp, serve): it stops on any of `stopOn`, on
 * the output closing, or when told; `finish(why, status)` runs once. The signal handlers stay until
 * `finish` is done, so that a second signal meanwhile (Apache sends SIGTERM just after closing the
 * map's input) cannot end the process with the default action before the last line is out.
 */
export declare function untilStopped(io: CliIo, options: {
    readonly stopOn: readonly Signal[];
    /** Signals that do something else than stop (SIGUSR2: counters; SIGHUP for --serve: read again). */
    readonly also?: ReadonlyMap<Signal, () => void>;
    readonly finish: (why: string, status: number) => Promise<unknown> | unknown;
    readonly onFinishError?: (error: Error) => void;
}): Run;
