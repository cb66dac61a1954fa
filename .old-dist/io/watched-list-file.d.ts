export interface ListFileEvents {
    /** The entries in force changed (the file, or an entry's time ran out). */
    readonly onChange: () => void;
    /** The file could not be read or was refused; the previous entries stay in force. */
    readonly onError: (error: Error) => void;
}
/** A list file (drains, a plan) is small: anything larger is a wrong path (a log, a device), refused. */
export declare const MAX_LIST_FILE_BYTES: number;
/**
 * A small file of timed entries, watched: a change is applied within a second of the file settling, an
 * entry's end time when it comes, and a file that does not read or parse keeps the previous entries.
 * Read off the answering path, regular files only, never half-written; removing the file empties it.
 */
export declare class WatchedListFile<E extends {
    readonly untilMs: number | undefined;
}> {
    #private;
    readonly file: string;
    private readonly what;
    private readonly parse;
    private readonly events;
    /** `parse` throws, with file and line in its message, to refuse a file. */
    constructor(file: string, what: string, parse: (text: string) => readonly E[], events: ListFileEvents, intervalMs?: number, maxBytes?: number);
    get entries(): readonly E[];
    /** The entries whose time has not run out. */
    inForce(nowMs?: number): E[];
    close(): void;
}
/** When the next entry still in force ends, or undefined. */
export declare function nextExpiry(entries: ReadonlyArray<{
    readonly untilMs: number | undefined;
}>, nowMs: number): number | undefined;
