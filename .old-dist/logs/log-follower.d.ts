export interface FollowEvents {
    /** New whole lines of one file, in order; the next read waits for the promise. */
    readonly onLines: (lines: string[]) => Promise<void> | void;
    /** A file cannot be read (missing, a folder, unreadable): told once until it reads again. */
    readonly onProblem: (file: string, message: string) => void;
    /** A file read again after a problem, or a rotated file taken up under its name. */
    readonly onNotice?: (file: string, message: string) => void;
}
/**
 * Files followed as `tail -F -n 0` follows them: from their end at start, by name. A file renamed
 * away (rotation) is read to its end through the descriptor still open, so lines written before a
 * rotation that compresses and removes it are not lost, then the new file under the name is read from
 * its start; a file cut shorter (copytruncate) is read again from its start; a file that is missing
 * is waited for. Polled: one turn at a time, never overlapping; a handler that throws is reported,
 * and following goes on.
 */
export declare class LogFollower {
    #private;
    private readonly events;
    private readonly pollMs;
    constructor(files: readonly string[], events: FollowEvents, pollMs?: number);
    /** Opens each file at its end (a missing one is read from its start once it appears), then follows. */
    start(): Promise<void>;
    stop(): Promise<void>;
}
