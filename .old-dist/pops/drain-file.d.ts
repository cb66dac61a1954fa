import type { Asn } from '../core/asn.js';
import type { PopTable } from '../core/pop-selection.js';
export type DrainFileEvent = 
/** The POPs in force changed (the file, or an entry's time ran out): answers naming them are stale. */
{
    readonly kind: 'changed';
    readonly inForce: number;
}
/** The file could not be read or parsed; the previous list stays in force. */
 | {
    readonly kind: 'rejected';
    readonly error: Error;
}
/** Lines that name no POP: they are kept (a POP may be added) but drain nothing. */
 | {
    readonly kind: 'names-no-pop';
    readonly message: string;
};
/** A drain file lists a few POPs: anything larger is a wrong path (a log, a device), refused. */
export declare const MAX_DRAIN_FILE_BYTES: number;
/** A drain file, watched (see WatchedListFile); lines naming no POP are warned of, with their line. */
export declare class DrainFile {
    #private;
    readonly file: string;
    private pops;
    private readonly onEvent;
    constructor(file: string, pops: PopTable, onEvent: (event: DrainFileEvent) => void, intervalMs?: number);
    /** Why the POP is drained now, or undefined. */
    readonly unavailable: (asn: Asn, answer: string) => string | undefined;
    /** A new POP table (the config changed): lines that now name no POP are reported again. */
    setPops(pops: PopTable): void;
    inForce(): number;
    close(): void;
}
