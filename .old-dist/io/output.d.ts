import type { Writable } from 'node:stream';
/** How the standard output ended: everything written, the reader gone (`| head`), or a write failed (disk full). */
export type OutputEnd = 'written' | 'reader-closed' | 'failed';
/** The exit status when the reader went away first, as a shell reports a process ended by SIGPIPE. */
export declare const EXIT_READER_CLOSED = 141;
/** What an output's error (or none) means: the reader went away, or a write failed. */
export declare function outputEndAfter(error: unknown): OutputEnd;
/**
 * Tracks one output stream's fate: its first error is kept (never thrown: a closed pipe must not
 * print a stack trace), and `finished()` settles once every queued byte has reached the reader.
 */
export declare class OutputWatch {
    #private;
    private readonly stream;
    constructor(stream: Writable);
    /** What became of the output so far: `written` while nothing went wrong. */
    get end(): OutputEnd;
    get error(): Error | undefined;
    /** Settles once the reader has caught up enough to take more (or the output failed). */
    ready(): Promise<OutputEnd>;
    /** Settles once every queued byte is out, or the output failed. */
    finished(): Promise<OutputEnd>;
}
/** The status to exit with once output has ended: a mode's own status stands unless a write failed. */
export declare function exitStatusAfter(status: number, end: OutputEnd): number;
