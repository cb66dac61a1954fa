import { formatPrefix } from '../core/prefix.js';
import { parseBirdProtocols } from '../parsers/bird-show-protocols.js';
import { parseBirdShowRoute, parseBirdRouteCount } from '../parsers/bird-show-route.js';
import { BirdSession } from '../sessions/bird-session.js';
import { SessionRouteServer } from './session-route-server.js';
export function birdCommands(options) {
    return {
        description: `bird ${options.socketPath}`,
        open: () => BirdSession.open(options),
        lookupCommand: (address) => `show route for ${address.text} all`,
        parseLookup: parseBirdShowRoute,
        routesWithinCommand: (prefix) => `show route in ${formatPrefix(prefix)} count`,
        // A count names no prefixes: only none, or the prefix's own route alone, can be used.
        parseRoutesWithin: (reply, prefix, prefixHasRoute) => {
            const count = parseBirdRouteCount(reply);
            return count === 0 ? [] : count === 1 && prefixHasRoute ? [prefix] : undefined;
        },
        sessionsCommand: 'show protocols all',
        parseSessions: parseBirdProtocols,
    };
}
/** `route_server bird`: BIRD 2 through its control socket (`host` is the socket's path). */
export class BirdRouteServer extends SessionRouteServer {
    constructor(options, onEvent) {
        super(birdCommands(options), onEvent);
    }
}
//# sourceMappingURL=bird-route-server.js.map