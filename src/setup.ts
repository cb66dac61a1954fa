import type { Config } from './config.js';
import { Resolver } from './resolver.js';
import type { RouteServer } from './route-server.js';
import { TableRouteServer } from './table-route-server.js';
import { ZebraRouteServer } from './zebra-route-server.js';

export interface SetupHooks {
  readonly onDialogue?: (direction: 'sent' | 'received', text: string) => void;
  readonly onStateChange?: (state: string, detail: string) => void;
}

export function createRouteServer(config: Config, hooks: SetupHooks = {}): RouteServer {
  switch (config.routeServer) {
    case 'table':
      return TableRouteServer.fromFile(config.table!);
    case 'zebra':
      return new ZebraRouteServer({
        host: config.host, port: config.port, password: config.password, timeoutMs: config.timeoutMs,
        onDialogue: config.debug ? hooks.onDialogue : undefined,
      }, hooks.onStateChange);
  }
}

export function createResolver(config: Config, routeServer: RouteServer = createRouteServer(config)): Resolver {
  return new Resolver(routeServer, {
    peers: config.peers,
    self: config.self,
    invalidKeyAnswer: config.invalidKey === 'self' ? config.self : 'NULL',
    cacheSize: config.cacheSize,
    cacheTimeoutMs: config.cacheTimeoutMs,
  });
}
