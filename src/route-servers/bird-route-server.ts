import type { ClientAddress } from '../core/address.js';
import { formatPrefix, type Prefix } from '../core/prefix.js';
import { parseBirdProtocols } from '../parsers/bird-show-protocols.js';
import { parseBirdShowRoute, parseBirdRouteCount } from '../parsers/bird-show-route.js';
import { BirdSession, type BirdSessionOptions } from '../sessions/bird-session.js';
import type { RouteServerListener } from './route-server.js';
import { SessionRouteServer, type RouterCommands } from './session-route-server.js';

export function birdCommands(options: BirdSessionOptions): RouterCommands {
  return {
    description: `bird ${options.socketPath}`,
    open: () => BirdSession.open(options),
    lookupCommand: (address: ClientAddress) => `show route for ${address.text} all`,
    parseLookup: parseBirdShowRoute,
    routesWithinCommand: (prefix: Prefix) => `show route in ${formatPrefix(prefix)} count`,
    // A count names no prefixes: only none, or the prefix's own route alone, can be used.
    parseRoutesWithin: (reply: string, prefix: Prefix, prefixHasRoute: boolean) => {
      const count = parseBirdRouteCount(reply);
      return count === 0 ? [] : count === 1 && prefixHasRoute ? [prefix] : undefined;
    },
    sessionsCommand: 'show protocols all',
    parseSessions: parseBirdProtocols,
  };
}

/** `route_server bird`: BIRD 2 through its control socket (`host` is the socket's path). */
export class BirdRouteServer extends SessionRouteServer {
  constructor(options: BirdSessionOptions, onEvent?: RouteServerListener) {
    super(birdCommands(options), onEvent);
  }
}
