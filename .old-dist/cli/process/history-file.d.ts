/** Lines kept: the file is cut back to this many once it holds twice as many. */
export declare const HISTORY_LINES = 1000;
/** A line worth recalling: a command of the prompt or an address. Anything else (a pasted secret) is not kept. */
export declare function worthKeeping(line: string, commands: readonly string[]): boolean;
/**
 * The prompt's history in a file of this user's own: opened without following links, refused when
 * it is not a regular file this user owns, read from its tail only, holding commands and addresses
 * alone, and cut back (atomically) to the last HISTORY_LINES.
 */
export declare class HistoryFile {
    #private;
    readonly file: string;
    private readonly commands;
    readonly lines: string[];
    private constructor();
    /** Why nothing is read from or written to the file, when so. */
    get refused(): string | undefined;
    static open(file: string, commands: readonly string[]): HistoryFile;
    /** Keeps a line typed, if it is worth keeping; throws when the file cannot be written (the caller stops saving). */
    add(line: string): void;
}
