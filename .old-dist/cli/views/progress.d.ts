import type { Writable } from 'node:stream';
/**
 * A one-line progress counter on a terminal's stderr, redrawn a few times a second: lines, lines/s,
 * and, when the input's size is known, its share and an ETA. Silent when stderr is not a terminal.
 */
export declare class Progress {
    #private;
    private readonly stream;
    private readonly totalBytes;
    constructor(stream: Writable, totalBytes: number | undefined, intervalMs?: number);
    lines(n: number): void;
    bytes(n: number): void;
    /** Clears the line: what comes next starts on a clean one. */
    stop(): void;
}
