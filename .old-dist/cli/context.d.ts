import type { Config } from '../config/config.js';
import type { PopWatch } from '../pops/pop-watch.js';
import type { Resolver } from '../resolver/resolver.js';
import type { RouteServer } from '../route-servers/route-server.js';
import type { Runtime } from '../runtime/runtime.js';
import type { CliIo } from './process/io.js';
import type { Logger } from './process/log.js';
import type { Paint } from './views/paint.js';
/** What a mode runs with from outside the runtime: the process's I/O, its log and its colours. */
export interface CliSurroundings {
    readonly io: CliIo;
    readonly log: Logger;
    /** Colour for what goes to stderr (explanations, logs). */
    readonly paint: Paint;
    /** Colour for tables a person reads on stdout: none unless stdout is a terminal. */
    readonly stdoutPaint: Paint;
    readonly version: string;
    /** The config file in use, if there is one. */
    readonly configFile: string | undefined;
}
/** What every mode runs with: its surroundings, and the runtime behind its answers. */
export interface CliContext extends CliSurroundings {
    readonly runtime: Runtime;
    /** The configuration in force now (a reload changes it). */
    readonly config: Config;
    readonly routeServer: RouteServer;
    readonly resolver: Resolver;
    readonly pops: PopWatch;
}
export declare function cliContext(surroundings: CliSurroundings, runtime: Runtime): CliContext;
