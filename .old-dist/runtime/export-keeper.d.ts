import { type ExportStatus, type PublisherLog } from '../engines/export-publisher.js';
import type { ExportSource } from '../export/render.js';
import type { Runtime } from './runtime.js';
/** A change is written once this long has passed without another… */
export declare const QUIET_MS = 100;
/** …and at the latest this long after the first, however many follow. */
export declare const MAX_DELAY_MS = 500;
export interface ExportKeeperOptions {
    readonly runtime: Runtime;
    readonly log: PublisherLog;
    /** What an export leaves out or adds now, as lines for the log (said once each time they change). */
    readonly notes: (source: ExportSource) => readonly string[];
    /** After each write, good or not (metrics are written then). */
    readonly onWritten: () => void;
}
/**
 * Keeps every `export` file current. Any change that can change an answer (the table reloaded, a POP
 * out or back by health, drain or BGP session, the plan, the config) is written within QUIET_MS of the
 * last change and MAX_DELAY_MS of the first; a POP's state reaches the answers tables at once, even
 * while a new table is being rendered. A failed write is tried again, backing off.
 */
export declare class ExportKeeper {
    #private;
    private readonly options;
    constructor(options: ExportKeeperOptions);
    /** How each export stands, for the metrics. */
    status(): ExportStatus[];
    /** Follows the runtime's changes, and writes everything once now. */
    start(): void;
    /** Reads the table again and writes everything, changed or not (SIGHUP). */
    rereadAll(): void;
    /** Finishes the write under way, and the one due after it. */
    stop(): Promise<void>;
}
