import type { Config } from './config.js';
/** What a running process takes from a changed config file (each directive says); the rest needs a restart. */
export declare const RELOADABLE_SETTINGS: ReadonlySet<string>;
/** A setting as the config file spells it: `drain_file` for drainFile, `peer` for the POPs. */
export declare function directiveName(key: keyof Config): string;
/** Settings that differ between two configurations: what applies now, and what waits for a restart. */
export declare function configChanges(before: Config, after: Config): {
    applied: (keyof Config)[];
    needRestart: (keyof Config)[];
};
export interface ConfigWatchEvents {
    /** The file changed and reads cleanly. */
    readonly onChange: (next: Config) => void;
    /** The file changed and does not read: the running configuration stays. */
    readonly onError: (error: Error) => void;
}
/**
 * A config file, watched: each change is read again with `load` (the same layers as at start, the
 * command line still winning) once the file has stopped changing, and handed on whole, or its error
 * reported and the running one kept. A handler that throws is reported the same way: a reload never
 * stops a running map.
 */
export declare class ConfigWatch {
    #private;
    readonly file: string;
    constructor(file: string, load: () => Config, events: ConfigWatchEvents, intervalMs?: number);
    close(): void;
}
