import type { Config } from '../config/config.js';
export interface ServeCheck {
    readonly ok: boolean;
    readonly what: string;
    readonly detail: string;
}
/** What --serve would do with each export line, tried now: the folder writable, HAProxy's map there to replace. */
export declare function serveChecks(config: Config, exportable: boolean): Promise<ServeCheck[]>;
