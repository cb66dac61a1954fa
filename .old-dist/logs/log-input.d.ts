import type { Readable } from 'node:stream';
/** A problem with one input that ended it early; the lines read before it were all used. */
export declare class LogInputError extends Error {
    name: string;
}
export interface LogSource {
    /** `-` for standard input. */
    readonly name: string;
    /** Bytes on disk, when known (a file): progress shows a share and an ETA. */
    readonly size: number | undefined;
    readonly open: () => Readable;
}
export declare function logSources(names: readonly string[], stdin: Readable): LogSource[];
/** A line longer than this cannot be held (a string that size is near V8's limit): reported, never cut. */
export declare const MAX_LINE_BYTES: number;
/**
 * The lines of one source, decoded as latin1 so every byte comes back out unchanged, gunzipped when
 * the content is gzip (rotated `access.log.2.gz`, several members too). `onBytes` counts raw bytes
 * read, for progress. A last line without `\n` is still a line. A read or gzip fault ends the source
 * with a LogInputError after every line decompressed before it; a line too long to hold is left out
 * and reported the same way once the source ends.
 */
export declare function linesOf(source: LogSource, onBytes: (n: number) => void, maxLineBytes?: number): AsyncGenerator<string[]>;
