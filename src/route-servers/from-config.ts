import { DEFAULT_BIRD_SOCKET, DEFAULT_PORTS, parseHostEntry, type Config } from '../config/config.js';
import { FailoverRouteServer } from './failover-route-server.js';
import { Resolver } from '../resolver/resolver.js';
import type { RouteServer } from './route-server.js';
import { TableRouteServer } from './table-route-server.js';
import { ZebraRouteServer } from './vty-route-server.js';
import { MrtRouteServer } from './mrt-route-server.js';
import { BirdRouteServer } from './bird-route-server.js';
import { GatedRouteServer } from './gii-route-server.js';

export interface SetupHooks {
  readonly onDialogue?: (direction: 'sent' | 'received', text: string) => void;
  readonly onStateChange?: (state: string, detail: string) => void;
}

/** One route server per configured host, behind failover when there are several. */
export function createRouteServer(config: Config, hooks: SetupHooks = {}): RouteServer {
  switch (config.routeServer) {
    case 'table':
      return TableRouteServer.fromFile(config.table!);
    case 'mrt':
      return MrtRouteServer.fromFile(config.table!, { peer: config.mrtPeer, onReload: hooks.onStateChange });
    default: {
      const members = hostsOf(config).map((host) => createMember(config, host, hooks));
      return members.length === 1 ? members[0]! : new FailoverRouteServer(members, Math.max(10, Math.floor(config.deadlineMs / members.length)));
    }
  }
}

function hostsOf(config: Config): string[] {
  if (config.hosts.length > 0) return [...config.hosts];
  return [config.routeServer === 'bird' ? DEFAULT_BIRD_SOCKET : '127.0.0.1'];
}

function createMember(config: Config, entry: string, hooks: SetupHooks): RouteServer {
  const { host, port } = parseHostEntry(entry)!;
  const session = {
    host, port: port ?? config.port ?? DEFAULT_PORTS[config.routeServer] ?? 0,
    username: config.username, password: config.password, timeoutMs: config.timeoutMs,
    onDialogue: config.debug ? hooks.onDialogue : undefined,
  };
  switch (config.routeServer) {
    case 'zebra': return new ZebraRouteServer({ ...session, dialect: 'text' }, hooks.onStateChange);
    case 'frr-json': return new ZebraRouteServer({ ...session, dialect: 'json' }, hooks.onStateChange);
    case 'cisco': return new ZebraRouteServer({ ...session, dialect: 'cisco' }, hooks.onStateChange);
    case 'gated': return new GatedRouteServer(session, hooks.onStateChange);
    case 'bird': return new BirdRouteServer({ socketPath: host, timeoutMs: config.timeoutMs, onDialogue: session.onDialogue }, hooks.onStateChange);
    default: throw new Error(`route_server ${config.routeServer} has no hosts`);
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
