/** Keys longer than this are cut here: no address is longer, and memory stays bounded. */
export declare const MAX_KEY_BYTES = 8192;
/**
 * Ends a key that was cut. Latin1 decoding never yields it, and it is not whitespace, so no trimming
 * can turn the kept part (`1.2.3.4` and 8 KB of spaces) into a valid address: a cut key is never one.
 */
export declare const CUT_MARK = "\uFFFF";
/**
 * What becomes of a line over the limit: `cut` keeps its start, marked (a map still owes it one answer
 * line); `drop` leaves it out and counts it (a log report never shows half a line).
 */
export type OverlongLines = 'cut' | 'drop';
/**
 * Splits a byte stream into `\n`-terminated lines, decoded as latin1 so that any bytes (invalid UTF-8
 * included) give exactly one line per `\n` and come back out unchanged. `\r` is left in: the caller
 * trims it. Only new text is searched: a long line is joined once, not searched again with every chunk.
 */
export declare class LineSplitter {
    #private;
    private readonly maxBytes;
    private readonly overlong;
    /** Lines left out for their length (`drop`). */
    dropped: number;
    constructor(maxBytes?: number, overlong?: OverlongLines);
    push(chunk: Buffer | string): string[];
    /** The unterminated last line at end of input, if any. */
    end(): string | undefined;
}
