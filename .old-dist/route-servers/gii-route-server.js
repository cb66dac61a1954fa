import { parseGiiWalkup } from '../parsers/gii-walkup.js';
import { VtySession } from '../sessions/vty-session.js';
import { SessionRouteServer } from './session-route-server.js';
export function giiCommands(options) {
    return {
        description: `gated ${options.host}:${options.port}`,
        // GII knows no pager and no terminal commands.
        open: () => VtySession.open({ ...options, setupCommands: [] }),
        // GII is IPv4 only: for an IPv6 client it has no route.
        lookupCommand: (address) => (address.family === 4 ? `show ip walkup ${address.text}/32` : undefined),
        parseLookup: parseGiiWalkup,
    };
}
/** `route_server gated`: GateD's Gated Interactive Interface (GII), telnet on port 616. */
export class GatedRouteServer extends SessionRouteServer {
    constructor(options, onEvent) {
        super(giiCommands(options), onEvent);
    }
}
//# sourceMappingURL=gii-route-server.js.map