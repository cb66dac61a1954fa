import type { ExportLine } from '../config/config.js';
import { type ExportSource } from '../export/render.js';
/** Where the publisher says what it did and what failed (the journal, for --serve). */
export interface PublisherLog {
    line(text: string): void;
    warnLimited(kind: string, text: string): void;
}
export interface PublisherOptions {
    readonly log: PublisherLog;
    /** HAProxy's runtime API: haproxy-map and haproxy-classes exports are replaced live through it. */
    readonly haproxySocket?: string;
    /** gdnsd's admin_state file, for gdnsd-classes. */
    readonly gdnsdAdminState: string;
    /** An export's command that runs longer is killed with its process group, and counted failed. */
    readonly commandTimeoutMs: number;
}
/** How one export stands, for the metrics. */
export interface ExportStatus {
    readonly file: string;
    readonly format: string;
    readonly writes: number;
    readonly failures: {
        readonly write: number;
        readonly push: number;
        readonly command: number;
    };
    readonly writtenAtMs: number;
    /** A file, HAProxy's copy or the command is behind the state it should show. */
    readonly behind: boolean;
}
/**
 * Keeps export files, HAProxy's maps and the engines' reloads in step with one snapshot of table and
 * POP state at a time. A flat export is rendered whole and replaced when its blocks changed. A class
 * export's big file (blocks → ranking class) is rendered only when the table changed (gdnsd's: or the
 * plan), one walk of the table for every class format; a plan change rewrites the small plan file
 * (HAProxy, nginx), and a POP's state the small answers file (class → answer), so a drain costs work
 * in proportion to the classes, not the prefixes. The big file is written first and the small ones
 * after; HAProxy takes the answers map first (every class it may meet), then the class map and the
 * plan map, so that no lookup meets a class it has no answer for.
 */
export declare class ExportPublisher {
    #private;
    private readonly options;
    constructor(options: PublisherOptions);
    /** Every file is written anew at the next publish (SIGHUP). */
    forget(): void;
    status(lines: readonly ExportLine[]): ExportStatus[];
    /**
     * Brings every line's files, pushes and commands up to `source`; false when something is left
     * behind (to be tried again). A class export's answers come from `latest()`, the freshest POP state:
     * they depend on the classes alone, so a POP that changed during a long render is in them already.
     */
    publish(source: ExportSource, lines: readonly ExportLine[], why: string, latest?: () => ExportSource): Promise<boolean>;
    /**
     * A POP's state alone changed: each class export whose class table is in place gets its answers
     * (file, HAProxy's map, command) from `source` now, without waiting for a render under way.
     */
    publishAnswers(source: ExportSource, lines: readonly ExportLine[], why: string): Promise<boolean>;
}
