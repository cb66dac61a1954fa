import type { Config } from '../config/config.js';
import type { DialogueListener } from '../sessions/command-session.js';
import type { RouteServer, RouteServerListener } from './route-server.js';
export interface RouteServerHooks {
    /** Sees the dialogue when `debug` is on; the password is never passed to it. */
    readonly onDialogue?: DialogueListener;
    readonly onEvent?: RouteServerListener;
}
/**
 * One route server per configured host, behind failover when there are several. Only the configured
 * type's code is loaded: start-up time is part of every Apache restart.
 */
export declare function createRouteServer(config: Config, hooks?: RouteServerHooks): Promise<RouteServer>;
