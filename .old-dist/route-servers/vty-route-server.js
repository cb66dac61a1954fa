import { formatPrefix } from '../core/prefix.js';
import { parseFrrJsonBgpSummary } from '../parsers/frr-json-bgp-summary.js';
import { parseFrrJsonShowBgp } from '../parsers/frr-json-show-bgp.js';
import { parseBgpSummary, parseLongerPrefixes, parseRoutesThrough, parseZebraShowBgp } from '../parsers/zebra-show-bgp.js';
import { VtySession } from '../sessions/vty-session.js';
import { SessionRouteServer } from './session-route-server.js';
export function showBgpCommand(address, flavour = 'zebra') {
    const json = flavour === 'frr-json' ? ' json' : '';
    if (address.family === 4)
        return `show ip bgp ${address.text}${json}`;
    return flavour === 'cisco' ? `show bgp ipv6 unicast ${address.text}` : `show bgp ipv6 ${address.text}${json}`;
}
export function longerPrefixesCommand(prefix) {
    return prefix.family === 4
        ? `show ip bgp ${formatPrefix(prefix)} longer-prefixes`
        : `show bgp ipv6 ${formatPrefix(prefix)} longer-prefixes`;
}
export function vtyCommands(options) {
    const flavour = options.flavour ?? 'zebra';
    const base = {
        description: `${flavour} ${options.host}:${options.port}`,
        open: () => VtySession.open(options),
        lookupCommand: (address) => showBgpCommand(address, flavour),
        parseLookup: flavour === 'frr-json' ? parseFrrJsonShowBgp : parseZebraShowBgp,
        sessionsCommand: flavour === 'cisco' ? 'show ip bgp summary' : flavour === 'frr-json' ? 'show bgp summary json' : 'show bgp summary',
        parseSessions: flavour === 'frr-json' ? parseFrrJsonBgpSummary : parseBgpSummary,
    };
    // IOS's longer-prefixes syntax and summary differ and cannot be checked here: its answers stay per address.
    if (flavour === 'cisco')
        return base;
    return {
        ...base,
        routesWithinCommand: longerPrefixesCommand,
        parseRoutesWithin: (reply) => parseLongerPrefixes(reply),
        // An AS number alone between delimiters: _64701_ never matches 164701 or 64701.5.
        routesThroughCommands: (asn) => [`show ip bgp regexp _${asn}_`, `show bgp ipv6 regexp _${asn}_`],
        parseRoutesThrough,
    };
}
/** `route_server zebra`, `frr-json` and `cisco`: a router's telnet vty. */
export class VtyRouteServer extends SessionRouteServer {
    options;
    constructor(options, onEvent) {
        super(vtyCommands(options), onEvent);
        this.options = options;
    }
}
//# sourceMappingURL=vty-route-server.js.map