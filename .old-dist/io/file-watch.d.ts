import { type Stats } from 'node:fs';
/** What identifies one version of a file: a rename, a rewrite in place and an append all change it. */
export declare function versionOf(stats: Pick<Stats, 'mtimeMs' | 'size' | 'ino' | 'dev'>): string;
/** A file that cannot be read as asked: not there, not a regular file, too large, unreadable. */
export declare class FileReadError extends Error {
    readonly file: string;
    readonly code: 'missing' | 'not-regular' | 'too-large' | 'unreadable' | 'changed';
    constructor(file: string, code: 'missing' | 'not-regular' | 'too-large' | 'unreadable' | 'changed', message: string);
}
export interface FileContent {
    readonly data: Buffer;
    /** The version read, from the open file itself. */
    readonly version: string;
}
/** Reads a small regular file whole, at start-up (before any answer is due); devices, FIFOs and huge files are refused. */
export declare function readRegularFileSync(file: string, maxBytes: number): FileContent;
/**
 * Reads a regular file whole without blocking the event loop; refused when it changed while being
 * read (a file rewritten in place is read again once it is stable, never applied half-written).
 */
export declare function readRegularFile(file: string, maxBytes: number): Promise<FileContent>;
export interface SettledFileEvents {
    /** The file changed and has stayed the same for one more interval. */
    readonly onSettled: (stats: Stats) => void | Promise<void>;
    /** The file is gone (and stayed gone for one more interval): a file being replaced, or removed for good. */
    readonly onRemoved: () => void | Promise<void>;
    /** A handler threw: reported, and the watch goes on. */
    readonly onError: (error: Error) => void;
}
/**
 * One file, polled every `intervalMs` (works across renames and on any filesystem). A change is
 * reported only once the file has stopped changing for a whole interval: a file rewritten in place is
 * never taken half-written. Handlers run one at a time; a throw is reported, never propagated.
 */
export declare class SettledFileWatch {
    #private;
    readonly file: string;
    private readonly events;
    private readonly intervalMs;
    constructor(file: string, events: SettledFileEvents, intervalMs?: number, 
    /** The version already in force (read at start), so that an unchanged file is not reported. */
    initialVersion?: string);
    /** Reports the file as it is now at the next check, even if unchanged (e.g. a retry after a failed read). */
    again(): void;
    close(): void;
}
