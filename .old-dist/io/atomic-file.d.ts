import { type WriteStream } from 'node:fs';
/** A file written beside `file` piece by piece, with plain writes: it replaces `file` only on commit(). */
export interface AtomicFileWriter {
    write(data: string | Uint8Array): void;
    commit(): void;
    abort(): void;
}
/**
 * Replaces `file` with `data` so that a reader sees the old content or the new, never part: written
 * beside it (a new file, never one planted there), flushed to disk, then renamed over it.
 */
export declare function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void;
/** A stream into a new file beside `file` that replaces it only on commit(); abort() leaves `file` as it was. */
export interface AtomicFileStream {
    readonly stream: WriteStream;
    commit(): void;
    abort(): void;
}
export declare function openAtomicFile(file: string, mode?: number): AtomicFileStream;
export declare function openAtomicWriter(file: string, mode?: number): AtomicFileWriter;
/** Why a file could not be written atomically as `probe` (then removed), or undefined when it can: a check before the real writes. */
export declare function atomicWriteProblem(probe: string): string | undefined;
