import type { Config } from '../config/config.js';
import type { PopWatch } from '../pops/pop-watch.js';
import type { Resolver } from '../resolver/resolver.js';
import type { RouteServer } from '../route-servers/route-server.js';
import type { Runtime } from '../runtime/runtime.js';
import type { CliIo } from './io.js';
import type { Logger } from './log.js';
import type { Paint } from './paint.js';

/** What every mode runs with: the process's I/O and log, and the runtime behind its answers. */
export interface CliContext {
  readonly io: CliIo;
  readonly log: Logger;
  readonly paint: Paint;
  readonly version: string;
  readonly runtime: Runtime;
  /** The configuration in force now (a reload changes it). */
  readonly config: Config;
  readonly routeServer: RouteServer;
  readonly resolver: Resolver;
  readonly pops: PopWatch;
}

export function cliContext(io: CliIo, log: Logger, paint: Paint, version: string, runtime: Runtime): CliContext {
  return {
    io,
    log,
    paint,
    version,
    runtime,
    get config() {
      return runtime.config;
    },
    routeServer: runtime.routeServer,
    resolver: runtime.resolver,
    pops: runtime.pops,
  };
}
