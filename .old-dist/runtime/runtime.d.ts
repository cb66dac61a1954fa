import type { Config } from '../config/config.js';
import type { HostState } from '../metrics/families.js';
import { PopWatch } from '../pops/pop-watch.js';
import { Resolver } from '../resolver/resolver.js';
import { type RouteServer } from '../route-servers/route-server.js';
import type { DialogueListener } from '../sessions/command-session.js';
import type { RuntimeListener } from './runtime-event.js';
import { PlannedPrefixes } from '../core/planned-prefixes.js';
export interface RuntimeOptions {
    readonly version: string;
    /** Watch live state (BGP sessions, health probes): batch, DNS, the prompt, status, export, a check. */
    readonly live: boolean;
    /** With `live`, whether the route server's sessions are watched (default yes). */
    readonly watchSessions?: boolean;
    /**
     * What takes a POP out of answers: every check (new clients: batch, DNS, the prompt), or the drain
     * file alone (one-shot and log answers, the same however sessions flap). Default every check.
     */
    readonly answersFollow?: 'every-check' | 'drains';
    /** The config file to watch, read again with `load` (the command line still winning) when it changes. */
    readonly configFile?: {
        readonly path: string;
        readonly load: () => Config;
    };
    /** Settings this process acts on: a change to any other is not reported. */
    readonly inUse?: (setting: keyof Config) => boolean;
    /** Sees the route server dialogue when `debug` is on. */
    readonly onDialogue?: DialogueListener;
    /** Hears every event from the first: a table loaded while starting is one. */
    readonly onEvent: RuntimeListener;
}
/**
 * One running process's moving parts: the route server, what takes POPs out, the resolver and its
 * cache, and the config file. Each change is applied here once (answers it makes stale forgotten) and
 * told on one event stream; the modes read `config` for the settings in force now.
 */
export declare class Runtime {
    #private;
    private readonly options;
    readonly routeServer: RouteServer;
    readonly pops: PopWatch;
    readonly resolver: Resolver;
    static start(config: Config, options: RuntimeOptions): Promise<Runtime>;
    private constructor();
    /** The configuration in force now: what a reload applied, with the settings that wait for a restart as they started. */
    get config(): Config;
    /** The POPs, the route server and its sessions, the health checks, as they are now. */
    hostState(): HostState;
    on(listener: RuntimeListener): void;
    off(listener: RuntimeListener): void;
    /** Stops the watches; the route server is closed by the mode, once its last answer is out. */
    close(): void;
    /** The capacity plan in force now. */
    get plan(): PlannedPrefixes;
}
